using OpenTelemetry.Metrics;
using Sotp.Core.Rules;
using Sotp.Core.Series;

namespace Sotp.Server.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rule engine sees every series point (as an <see cref="ISeriesObserver"/> of the writer) and files events.</summary>
    public static IServiceCollection AddSotpRules(this IServiceCollection services)
    {
        services.AddSingleton<RulePublisher>();
        services.AddSingleton<RuleEngine>();
        services.AddSingleton<RuleService>();
        services.AddSingleton<ISeriesObserver>(sp => sp.GetRequiredService<RuleEngine>());
        services.AddHostedService<RuleEvaluationService>();
        // Joins the one metrics pipeline (/metrics, OTLP) without another edit of its list of meters.
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(RuleEvaluationService.MeterName));
        return services;
    }
}
