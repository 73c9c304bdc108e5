using Microsoft.Extensions.Options;
using Sotp.Core.Escalation;
using Sotp.Core.Notifications;
using Sotp.Storage.Notifications;

namespace Sotp.Server.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>Channels, their store, the senders of every kind, escalation and the background dispatcher (section <c>Notifications</c>).</summary>
    public static IServiceCollection AddSotpNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.AddSingleton<INotificationStore, NotificationStore>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<Escalator>();
        services.AddSingleton<EscalationPolicyService>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<NotificationService>();
        // No automatic redirects: a receiver that moved answers 3xx, which is logged as a failure rather than followed blindly.
        // No request logging either: a Slack webhook's URL is its credential, and the factory's loggers would write it out.
        services.AddHttpClient(HttpNotificationSender.ClientName).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<INotificationSender, HttpNotificationSender>();
        services.AddSingleton<INotificationSender, SmtpNotificationSender>();
        services.AddHostedService<NotificationDispatchService>();
        return services;
    }
}
