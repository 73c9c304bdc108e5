using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sotp.Server.Tests.Notifications;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel on a port the OS picks) standing in for Slack, PagerDuty, ServiceNow or a
/// webhook consumer: it records every request and answers with the next status of <see cref="Answers"/> (200 when empty).
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpReceiver(WebApplication app) => _app = app;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Statuses to answer, in order; after them every request gets 200.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>When set, every request gets this status (a receiver that is down).</summary>
    public int? AlwaysAnswer { get; set; }

    public string Url(string path) => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + path;

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Requests.Enqueue(new Received(context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            context.Response.StatusCode = receiver.AlwaysAnswer ?? (receiver.Answers.TryDequeue(out var status) ? status : StatusCodes.Status200OK);
            await context.Response.WriteAsync(context.Response.StatusCode < 300 ? "ok" : "receiver down for the test");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
