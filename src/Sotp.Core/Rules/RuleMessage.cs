using System.Globalization;
using System.Text.RegularExpressions;

namespace Sotp.Core.Rules;

/// <summary>Fills a rule's message template: {device}, {value}, {threshold} and {metric}.</summary>
public static partial class RuleMessage
{
    public static readonly IReadOnlyList<string> Placeholders = ["{device}", "{value}", "{threshold}", "{metric}"];

    public static IReadOnlyList<string> UnknownPlaceholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    public static string Render(AlertRule rule, string device, double? value) =>
        rule.MessageTemplate
            .Replace("{device}", device, StringComparison.Ordinal)
            .Replace("{value}", value is { } v ? Number(v) : "no data", StringComparison.Ordinal)
            .Replace("{threshold}", rule.Condition == RuleCondition.Absent ? $"{rule.AbsenceSeconds} s without data" : Number(rule.Threshold ?? 0), StringComparison.Ordinal)
            .Replace("{metric}", rule.Metric, StringComparison.Ordinal);

    private static string Number(double value) => Math.Round(value, 3).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex PlaceholderPattern();
}
