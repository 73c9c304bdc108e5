using Sotp.Core.Auth;
using Sotp.Core.Notifications;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Notification channels (who outside hears of alarms) and each alarm's delivery log.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        var channels = endpoints.MapGroup("/api/v1/notification-channels").WithTags("Notifications").RequirePermission(Permission.ManageNotifications);
        channels.MapGet("/", async (NotificationService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("All channels. Secrets appear only as the secretId they use.");
        channels.MapGet("/{id:long}", async (long id, NotificationService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One channel.");
        channels.MapPost("/", async (NotificationChannelInput input, NotificationService service, HttpContext context, CancellationToken ct) =>
            {
                var channel = await service.CreateAsync(input, HttpCaller.From(context), ct);
                return TypedResults.Created($"/api/v1/notification-channels/{channel.Id}", channel);
            })
            .WithSummary("Create a channel: EMAIL, SLACK, WEBHOOK, PAGERDUTY or SERVICENOW; credentials are global secrets named by secretId.");
        channels.MapPut("/{id:long}", async (long id, NotificationChannelInput input, NotificationService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, input.Version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct)))
            .WithSummary("Replace a channel (send the version).");
        channels.MapDelete("/{id:long}", async (long id, NotificationService service, HttpContext context, CancellationToken ct, long? version = null) =>
            {
                await service.DeleteAsync(id, version ?? HttpCaller.IfMatchVersion(context), HttpCaller.From(context), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete a channel; deliveries still owed to it are dropped, its log stays.");
        channels.MapPost("/{id:long}/test", async (long id, NotificationService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.TestAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("Send a test message now, once, and answer what the receiver said (sent, response, error).");

        endpoints.MapGet("/api/v1/alarms/{id:long}/notifications", async (long id, NotificationService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.AttemptsAsync(id, HttpCaller.From(context), ct)))
            .WithTags("Alarms").RequirePermission(Permission.ReadAlarms)
            .WithSummary("The alarm's delivery log: every attempt per channel with its status (SENT, RETRYING, FAILED), the receiver's answer and the error.");
        return endpoints;
    }
}
