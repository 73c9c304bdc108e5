using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

/// <summary>The server binary as an operator runs it: first start, logs, SIGTERM, bad settings.</summary>
public class ServerProcessTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task FirstStart_PrintsAWorkingAdminPasswordOnce_AndSigtermStopsCleanly(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        string password;
        await using (var first = ServerProcess.Start(store.Settings))
        {
            await first.WaitUntilReadyAsync();
            password = PasswordFrom(first.Stdout);
            Assert.Equal(0, await first.TerminateAsync());
            Assert.Contains(first.Stdout, line => line.Contains("Application is shutting down", StringComparison.Ordinal));
        }

        Assert.NotNull(await store.Get<UserAccounts>().VerifyAsync("admin", password, CancellationToken.None));
        await using var second = ServerProcess.Start(store.Settings);
        await second.WaitUntilReadyAsync();
        Assert.Equal(0, await second.TerminateAsync());
        Assert.DoesNotContain(second.Stdout, line => line.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sigterm_WhileABodyIsStillUploading_AnswersCleanly()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var server = ServerProcess.Start(store.Settings);
        await server.WaitUntilReadyAsync();
        await using var stream = await ConnectAsync(server);

        // Kestrel may wait for the rest of the body (401 for the wrong password), cancel the read as it stops
        // (503 service_stopping) or close the connection; what it must never do is report a server failure.
        var rest = await SendLoginAsync(stream, bodyBytesNow: 10);
        var terminated = server.TerminateAsync();
        await Task.Delay(300);
        await stream.WriteAsync(rest);

        var answer = await ReadAnswerAsync(stream);
        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 401", StringComparison.Ordinal) ||
            (answer.StartsWith("HTTP/1.1 503", StringComparison.Ordinal) && answer.Contains("service_stopping", StringComparison.Ordinal)), answer);
        Assert.Equal(0, await terminated);
        Assert.DoesNotContain(server.Stdout, line => line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) && line.Contains("ApiExceptionHandler", StringComparison.Ordinal));
    }

    private static async Task<System.Net.Sockets.NetworkStream> ConnectAsync(ServerProcess server)
    {
        var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        return tcp.GetStream();
    }

    /// <summary>Sends a login request by hand, the body only up to <paramref name="bodyBytesNow"/>; returns the unsent rest.</summary>
    private static async Task<byte[]> SendLoginAsync(System.Net.Sockets.NetworkStream stream, int bodyBytesNow)
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"username\":\"admin\",\"password\":\"not the password\"}");
        var head = $"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        var now = Math.Min(bodyBytesNow, body.Length);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, now));
        return body[now..];
    }

    private static async Task<string> ReadAnswerAsync(System.Net.Sockets.NetworkStream stream)
    {
        var answer = new byte[8192];
        try
        {
            var read = await stream.ReadAsync(answer);
            return System.Text.Encoding.UTF8.GetString(answer, 0, read);
        }
        catch (IOException)
        {
            return "";
        }
    }

    [Fact]
    public async Task TheAdminPassword_NeverAppearsInALogLine()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var server = ServerProcess.Start(store.Settings);
        await server.WaitUntilReadyAsync();
        await server.TerminateAsync();

        var password = PasswordFrom(server.Stdout);
        var logLines = server.Stdout.Where(line => line.StartsWith('{')).ToList();
        Assert.NotEmpty(logLines);
        Assert.DoesNotContain(logLines, line => line.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryLogLineOfARequest_IsJsonCarryingTheRequestId()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var server = ServerProcess.Start(store.Settings);
        await server.WaitUntilReadyAsync();

        using var response = await server.Client.GetAsync("/api/v1/nothing-here");
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        await server.TerminateAsync();

        var lines = server.Stdout.Where(line => line.Contains("/api/v1/nothing-here", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, line => line.Contains("\"StatusCode\":404", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var scopes = entry.RootElement.GetProperty("Scopes").EnumerateArray();
            Assert.Contains(scopes, scope => scope.TryGetProperty("RequestId", out var id) && id.GetString() == requestId);
        }
    }

    [Fact]
    public async Task TheConsolesCookieKeys_AreEncryptedUnderTheMasterKey_AndStillReadAfterARestart()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var first = ServerProcess.Start(store.Settings))
        {
            await first.WaitUntilReadyAsync();
            using var login = await first.Client.GetAsync("/login");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            await first.TerminateAsync();
        }

        var keyFile = Assert.Single(Directory.GetFiles(Path.Combine(store.Settings["Storage:DataDirectory"]!, "web-keys"), "*.xml"));
        var keyXml = await File.ReadAllTextAsync(keyFile);
        Assert.Contains("decryptorType=\"Sotp.Server.Web.MasterKeyXmlDecryptor", keyXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", keyXml, StringComparison.Ordinal);

        await using var second = ServerProcess.Start(store.Settings);
        await second.WaitUntilReadyAsync();
        using var again = await second.Client.GetAsync("/login");
        await second.TerminateAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(Directory.GetFiles(Path.Combine(store.Settings["Storage:DataDirectory"]!, "web-keys"), "*.xml"));
        Assert.DoesNotContain(second.Stdout, line => line.Contains("DataProtection", StringComparison.Ordinal) && !line.Contains("\"LogLevel\":\"Information\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARequestBodyOverTheLimit_Is413ProblemDetails()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var server = ServerProcess.Start(store.Settings, "--Server:MaxRequestBodyBytes=2048");
        await server.WaitUntilReadyAsync();

        using var content = new StringContent($"{{\"username\":\"{new string('a', 64 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync("/api/v1/auth/login", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task NoPasswordTokenKeyOrSecret_EverReachesTheLogs(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var server = ServerProcess.Start(store.Settings);
        await server.WaitUntilReadyAsync();
        var generated = PasswordFrom(server.Stdout);
        const string chosen = "a passphrase for the night";

        using var login = await server.Client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = generated });
        var first = (await login.Content.ReadFromJsonAsync<InMemoryServer.Tokens>())!;
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/password") { Content = JsonContent.Create(new { currentPassword = generated, newPassword = chosen }) };
        change.Headers.Authorization = new("Bearer", first.AccessToken);
        using var changed = await server.Client.SendAsync(change);
        var second = (await changed.Content.ReadFromJsonAsync<InMemoryServer.Tokens>())!;
        const string secretValue = "leak-check-value-5521";
        using var createSecret = new HttpRequestMessage(HttpMethod.Post, "/api/v1/secrets") { Content = JsonContent.Create(new { name = "probe", kind = "OTHER", value = secretValue }) };
        createSecret.Headers.Authorization = new("Bearer", second.AccessToken);
        using var secretCreated = await server.Client.SendAsync(createSecret);
        var secretId = (await secretCreated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var reveal = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/secrets/{secretId}/reveal") { Content = JsonContent.Create(new { reason = "log scan test" }) };
        reveal.Headers.Authorization = new("Bearer", second.AccessToken);
        using var revealed = await server.Client.SendAsync(reveal);
        using var ticketRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/ws-ticket");
        ticketRequest.Headers.Authorization = new("Bearer", second.AccessToken);
        using var ticketIssued = await server.Client.SendAsync(ticketRequest);
        var ticket = (await ticketIssued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
        using (var live = new System.Net.WebSockets.ClientWebSocket())
        {
            await live.ConnectAsync(new Uri($"ws://{server.Client.BaseAddress!.Authority}/ws?ticket={ticket}"), CancellationToken.None);
            await live.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        using var refreshed = await server.Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.RefreshToken });
        var third = (await refreshed.Content.ReadFromJsonAsync<InMemoryServer.Tokens>())!;
        using var wrong = await server.Client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = chosen + "!" });
        using var logout = await server.Client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = third.RefreshToken });
        await server.TerminateAsync();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var masterKey = (await File.ReadAllTextAsync(Path.Combine(store.Settings["Storage:DataDirectory"]!, "master.key"))).Trim();
        var logLines = server.Stdout.Where(line => line.StartsWith('{')).Concat(server.Stderr).ToList();
        string[] secrets = [ticket, generated, chosen, chosen + "!", masterKey, secretValue, first.AccessToken, first.RefreshToken, second.AccessToken, second.RefreshToken, third.AccessToken, third.RefreshToken];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logLines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("--Storage:Provider=Oracle", "configuration error: Storage:Provider 'Oracle' is not a known store; use Sqlite or Postgres.")]
    [InlineData("--Server:MaxRequestBodyBytes=10", "configuration error: Server:MaxRequestBodyBytes 10 is outside 1024..1073741824.")]
    [InlineData("--Snmp:Port=0", "configuration error: Snmp:Port 0 is outside 1..65535.")]
    [InlineData("--Telemetry:OtlpEndpoint=not a url", "configuration error: Telemetry:OtlpEndpoint 'not a url' is not an http(s) URL.")]
    [InlineData("--Server:MaxRequestBodyBytes=abc", "configuration error: Failed to convert configuration value 'abc' at 'Server:MaxRequestBodyBytes' to type 'System.Int64'.")]
    public async Task BadSetting_ExitsNonZeroWithOneLineNamingIt(string argument, string expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var server = ServerProcess.Start(store.Settings, argument);

        var exitCode = await server.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains($"sotp: {expected}", server.Stderr);
    }

    [Fact]
    public async Task SeveralBadSettings_AreAllReportedAtOnceWithoutAStackTrace()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var server = ServerProcess.Start(store.Settings, "--Storage:Provider=Oracle", "--Server:ShutdownTimeoutSeconds=0", "--Telemetry:ServiceName=");

        Assert.Equal(2, await server.WaitForExitAsync());
        Assert.Equal(3, server.Stderr.Count(line => line.StartsWith("sotp: configuration error: ", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Stderr.Concat(server.Stdout), line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreachablePostgres_ExitsNonZeroNamingTheServer()
    {
        using var directory = new TempDirectory();
        var port = FreePort.Next();
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=sotp;Password=pw;Database=sotp",
            ["Storage:ConnectTimeoutSeconds"] = "2",
        });

        Assert.Equal(2, await server.WaitForExitAsync());
        Assert.Contains(server.Stderr, line => line.StartsWith($"sotp: Cannot open the store (PostgreSQL 127.0.0.1:{port}/sotp)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnwritableDataFolder_ExitsNonZeroNamingTheFolder()
    {
        using var directory = new TempDirectory();
        // A regular file where a folder should be: unwritable even for root.
        var blocker = directory.File("blocker");
        await File.WriteAllTextAsync(blocker, "");
        await using var server = ServerProcess.Start(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(blocker, "data") });

        Assert.Equal(2, await server.WaitForExitAsync());
        Assert.Contains(server.Stderr, line => line.StartsWith($"sotp: The data folder {blocker}/data is not writable (Storage:DataDirectory)", StringComparison.Ordinal));
    }

    private static string PasswordFrom(IReadOnlyList<string> stdout)
    {
        var lines = stdout.Where(line => line.TrimStart().StartsWith("password:", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        return lines[0].Split(':', 2)[1].Trim();
    }
}
