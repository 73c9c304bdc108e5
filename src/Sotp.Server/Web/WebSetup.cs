using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using MudBlazor.Services;
using Sotp.Server.Auth;
using Sotp.Server.Components;
using Sotp.Storage;

namespace Sotp.Server.Web;

/// <summary>
/// The web console: Blazor with interactive server rendering and MudBlazor, in this process, on the same
/// application services as the REST API. Browsers sign in with a cookie; the API keeps its bearer tokens.
/// </summary>
public static class WebSetup
{
    /// <summary>
    /// The manifests carry this assembly's name; named explicitly because under <c>sotp serve</c> the application
    /// (the entry assembly) is the CLI, whose name the defaults would look for.
    /// </summary>
    private static readonly string ManifestPrefix = Path.Combine(AppContext.BaseDirectory, typeof(WebSetup).Assembly.GetName().Name + ".staticwebassets.");

    public static WebApplicationBuilder AddSotpWeb(this WebApplicationBuilder builder)
    {
        // From a build output (dotnet run, tests) Blazor's and MudBlazor's files are served from their packages by this
        // manifest; a published server has them in wwwroot and no manifest, and this does nothing.
        if (File.Exists(ManifestPrefix + "runtime.json"))
        {
            builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, ManifestPrefix + "runtime.json");
        }

        builder.WebHost.UseStaticWebAssets();
        // A build's manifest would switch on the assets reloader: no-cache on every file, and a GET/HEAD fallback route on
        // every path, so a POST to an unknown path answered 405 instead of 404 route_not_found. Served as published instead.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom right: a confirmation never covers the app bar or the page's own buttons.
        services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, ConsoleSessionCheck>();
        services.AddSingleton<LiveAlarms>();
        services.AddLocalization();
        services.AddScoped<ConsoleClock>();
        // Cookies and antiforgery tokens are encrypted with these keys: kept in the data folder, so a restart does not sign everyone out.
        var dataDirectory = builder.Configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>()?.DataDirectory ?? StoreOptions.DefaultDataDirectory;
        services.AddDataProtection().SetApplicationName("sotp").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "web-keys")));
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) => options.XmlEncryptor = new MasterKeyXmlEncryptor(provider));
        services.AddAuthentication().AddCookie(ConsoleCookie.Scheme, ConsoleCookie.Configure);
        services.PostConfigure<PolicySchemeOptions>(AuthSetup.BearerOrApiKey, options =>
        {
            var api = options.ForwardDefaultSelector ?? throw new InvalidOperationException("The API's scheme selector is missing.");
            options.ForwardDefaultSelector = context => ConsoleCookie.Applies(context) ? ConsoleCookie.Scheme : api(context);
        });
        return builder;
    }

    public static WebApplication MapSotpWeb(this WebApplication app)
    {
        // The console's pages only: API answers and their error texts stay in one language whatever the browser asks for.
        var localization = ConsolePreferences.LocalizationOptions();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), branch => branch.UseRequestLocalization(localization));
        app.UseAntiforgery();
        app.MapStaticAssets(ManifestPrefix + "endpoints.json").AllowAnonymous();
        app.MapConsoleAccount();
        app.MapConsolePreferences();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            // Pages say [Authorize] or [AllowAnonymous] themselves; Blazor's own endpoints (the circuit hub, its script)
            // are open, as every component behind them checks the user again.
            .Finally(endpoint =>
            {
                if (!endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any() &&
                    !endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                {
                    endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
                }
            });
        return app;
    }
}
