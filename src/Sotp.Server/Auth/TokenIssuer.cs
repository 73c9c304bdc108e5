using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Core.Users;

namespace Sotp.Server.Auth;

/// <summary>Access tokens (RS256 JWT with kid) and refresh tokens (random, stored only as a hash).</summary>
public sealed class TokenIssuer(SigningKeyRing keys, IRefreshTokenStore refreshTokens, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, bool MustChangePassword);

    /// <summary>A new login: a new refresh-token family.</summary>
    public async Task<TokenPair> IssueAsync(User user, CancellationToken cancellationToken)
    {
        var refresh = NewRefreshToken();
        var now = time.GetUtcNow();
        await refreshTokens.IssueAsync(Hash(refresh), Guid.NewGuid().ToString("N"), user.Id, now, now + TokenSettings.RefreshTokenLifetime, cancellationToken);
        return new TokenPair(await AccessTokenAsync(user, cancellationToken), refresh, (int)TokenSettings.AccessTokenLifetime.TotalSeconds, "Bearer", user.MustChangePassword);
    }

    /// <summary>Presents a refresh token; a valid one is spent and replaced.</summary>
    public async Task<(RefreshTokenRotation Rotation, string? NewRefreshToken)> RotateAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var replacement = NewRefreshToken();
        var now = time.GetUtcNow();
        var rotation = await refreshTokens.RotateAsync(Hash(refreshToken), Hash(replacement), now, now + TokenSettings.RefreshTokenLifetime, cancellationToken);
        return (rotation, rotation.Status == RefreshTokenStatus.Rotated ? replacement : null);
    }

    public Task<long?> RevokeAsync(string refreshToken, CancellationToken cancellationToken) =>
        refreshTokens.RevokeFamilyAsync(Hash(refreshToken), time.GetUtcNow(), cancellationToken);

    public async Task<string> AccessTokenAsync(User user, CancellationToken cancellationToken)
    {
        var key = await keys.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(CultureInfo.InvariantCulture),
            [JwtRegisteredClaimNames.Name] = user.Username,
            ["role"] = user.Role.ToText(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (user.MustChangePassword)
        {
            claims[TokenSettings.PasswordChangeClaim] = true;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.Issuer,
            Audience = TokenSettings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TokenSettings.AccessTokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string NewRefreshToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The user id of an authenticated principal (the <c>sub</c> claim).</summary>
    public static long UserId(ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? throw new InvalidOperationException("No sub claim."), CultureInfo.InvariantCulture);
}
