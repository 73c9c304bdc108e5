using Microsoft.AspNetCore.Localization;

namespace Sotp.Server.Web;

/// <summary>
/// The console's language and time zone. The language follows the browser's Accept-Language (English when it asks
/// for neither) until the user picks one; the pick is kept in ASP.NET Core's standard culture cookie, the time zone
/// in a cookie of its own, both set by one small endpoint that the app bar's switches call before reloading the page.
/// </summary>
public static class ConsolePreferences
{
    public const string Path = "/console/preferences";

    /// <summary>Read by the page request and, where a circuit must ask, in the browser (so not HttpOnly).</summary>
    public const string TimeZoneCookie = "sotp-tz";

    /// <summary>
    /// The browser's own zone, which console.js writes on every page load (the sign-in page is the first), so a circuit
    /// can show times at once instead of asking the browser first.
    /// </summary>
    public const string BrowserTimeZoneCookie = "sotp-browser-tz";

    public static readonly string[] Cultures = ["en", "pl"];

    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions().SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
        // The cookie first, then Accept-Language; a query string never switches the language behind the user's back.
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return options;
    }

    public static IEndpointRouteBuilder MapConsolePreferences(this IEndpointRouteBuilder endpoints)
    {
        // Open to everyone: a language is no secret, and the sign-in page may use it before anyone is signed in.
        endpoints.MapGet(Path, Set).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Set(HttpContext context, string? culture, string? timeZone, string? returnUrl)
    {
        var options = new CookieOptions { Path = "/", MaxAge = CookieLifetime, SameSite = SameSiteMode.Lax, IsEssential = true };
        if (culture is not null && Cultures.Contains(culture, StringComparer.Ordinal))
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), options);
        }

        if (timeZone is "")
        {
            context.Response.Cookies.Delete(TimeZoneCookie, new CookieOptions { Path = "/" });
        }
        else if (timeZone is not null && ConsoleClock.TryFindZone(timeZone, out _))
        {
            context.Response.Cookies.Append(TimeZoneCookie, timeZone, options);
        }

        // Only back into this site: an open redirect would let a link send a signed-in operator anywhere.
        var back = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return Results.LocalRedirect(back);
    }
}
