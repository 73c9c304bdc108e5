using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class AuthTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Login_GivesATokenThatIdentifiesTheUser(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        await server.CreateUserAsync("anna", Role.Operator, Password);

        var (client, tokens) = await server.LoginClientAsync("anna", Password);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");

        Assert.Equal(900, tokens.ExpiresIn);
        Assert.Equal("anna", me.GetProperty("username").GetString());
        Assert.Equal("OPERATOR", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task AccessToken_IsRs256WithAKidPublishedInJwks()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("anna", Role.Operator, Password);

        var (_, tokens) = await server.LoginClientAsync("anna", Password);
        var jwks = await server.Client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var token = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("RS256", token.Alg);
        Assert.Contains(jwks.GetProperty("keys").EnumerateArray(), key => key.GetProperty("kid").GetString() == token.Kid);
        Assert.DoesNotContain(jwks.GetProperty("keys").EnumerateArray(), key => key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task ATokenSignedByAnotherKey_IsRefused()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("anna", Role.Master, Password);
        var (_, tokens) = await server.LoginClientAsync("anna", Password);
        var genuine = new JsonWebToken(tokens.AccessToken);
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = genuine.Issuer,
            Audience = genuine.Audiences.Single(),
            Claims = new Dictionary<string, object> { ["sub"] = genuine.Subject, ["name"] = "anna", ["role"] = "MASTER" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = genuine.Kid }, SecurityAlgorithms.RsaSha256),
        });
        server.Client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        using var response = await server.Client.GetAsync("/api/v1/auth/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownUser_GetTheSameAnswer()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("anna", Role.Operator, Password);

        using var wrong = await server.LoginAsync("anna", "not the password");
        using var unknown = await server.LoginAsync("nobody", "not the password");

        var wrongProblem = await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknownProblem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(wrongProblem.GetProperty("detail").GetString(), unknownProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_WithoutFields_NamesEachMissingField()
    {
        await using var server = await InMemoryServer.StartAsync();

        using var response = await server.Client.PostAsJsonAsync("/api/v1/auth/login", new { });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("username", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Login_WithBrokenJson_IsMalformedJson()
    {
        await using var server = await InMemoryServer.StartAsync();

        using var response = await server.Client.PostAsync("/api/v1/auth/login", new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AGeneratedPassword_MustBeChangedBeforeAnythingElse(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        await server.CreateUserAsync("boss", Role.Master, Password, mustChangePassword: true);
        var (client, tokens) = await server.LoginClientAsync("boss", Password);
        Assert.True(tokens.MustChangePassword);

        using var before = await client.GetAsync("/api/v1/audit");
        await ProblemAssert.IsProblemAsync(before, HttpStatusCode.Forbidden, "password_change_required");

        using var weak = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "boss" });
        var weakProblem = await ProblemAssert.IsProblemAsync(weak, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(weakProblem.GetProperty("errors").TryGetProperty("newPassword", out _));

        using var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "a fresh long passphrase" });
        changed.EnsureSuccessStatusCode();
        var fresh = (await changed.Content.ReadFromJsonAsync<InMemoryServer.Tokens>())!;
        Assert.False(fresh.MustChangePassword);
        client.DefaultRequestHeaders.Authorization = new("Bearer", fresh.AccessToken);
        using var after = await client.GetAsync("/api/v1/audit");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RefreshToken_WorksOnce_AndItsReuseRevokesTheLogin(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        await server.CreateUserAsync("anna", Role.Operator, Password);
        var (_, tokens) = await server.LoginClientAsync("anna", Password);

        using var first = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });
        first.EnsureSuccessStatusCode();
        var rotated = (await first.Content.ReadFromJsonAsync<InMemoryServer.Tokens>())!;
        Assert.NotEqual(tokens.RefreshToken, rotated.RefreshToken);

        using var replay = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });
        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.Unauthorized, "refresh_token_reused");

        using var successor = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken });
        await ProblemAssert.IsProblemAsync(successor, HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ChangingThePassword_EndsTheOtherLogins(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        await server.CreateUserAsync("anna", Role.Operator, Password);
        var (phone, _) = await server.LoginClientAsync("anna", Password);
        var (_, desk) = await server.LoginClientAsync("anna", Password);

        using var changed = await phone.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "a brand new passphrase" });
        var fresh = (await changed.Content.ReadFromJsonAsync<InMemoryServer.Tokens>())!;
        using var deskRefresh = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = desk.RefreshToken });
        using var freshRefresh = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = fresh.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await ProblemAssert.IsProblemAsync(deskRefresh, HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal(HttpStatusCode.OK, freshRefresh.StatusCode);
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshToken()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("anna", Role.Operator, Password);
        var (_, tokens) = await server.LoginClientAsync("anna", Password);

        using var logout = await server.Client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = tokens.RefreshToken });
        using var refresh = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task AWebSocketTicket_IsIssuedOnlyToALoggedInUser()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("anna", Role.Operator, Password);
        var (client, _) = await server.LoginClientAsync("anna", Password);

        using var issued = await client.PostAsync("/api/v1/auth/ws-ticket", null);
        using var anonymous = await server.Client.PostAsync("/api/v1/auth/ws-ticket", null);
        var ticket = await issued.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(30, ticket.GetProperty("expiresIn").GetInt32());
        Assert.True(ticket.GetProperty("ticket").GetString()!.Length >= 40);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Me_WithoutAToken_Is401ProblemDetails()
    {
        await using var server = await InMemoryServer.StartAsync();

        using var response = await server.Client.GetAsync("/api/v1/auth/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }
}
