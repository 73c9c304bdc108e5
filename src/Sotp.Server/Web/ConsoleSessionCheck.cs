using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Sotp.Core.Users;

namespace Sotp.Server.Web;

/// <summary>
/// An open console page (a circuit) outlives the request that opened it: its user is checked again every
/// <c>Web:SessionCheckSeconds</c>, and a changed password or role signs the page out (back to the login).
/// </summary>
public sealed class ConsoleSessionCheck(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public const string IntervalKey = "Web:SessionCheckSeconds";

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(configuration.GetValue(IntervalKey, 30));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ConsoleSession.StillValidAsync(authenticationState.User, scope.ServiceProvider.GetRequiredService<IUserStore>(), cancellationToken);
    }
}
