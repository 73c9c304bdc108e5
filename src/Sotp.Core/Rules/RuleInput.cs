using System.Text.RegularExpressions;
using Sotp.Core.Events;

namespace Sotp.Core.Rules;

/// <summary>A rule as a client sends it (create or full update); validation names every wrong field at once.</summary>
public sealed partial record RuleInput(
    string? Name,
    string? Metric,
    string? Scope,
    string? Condition,
    long? ScopeId = null,
    double? Threshold = null,
    double? ClearThreshold = null,
    int? ForSeconds = null,
    int? AbsenceSeconds = null,
    string? Category = null,
    string? Code = null,
    string? Priority = null,
    string? MessageTemplate = null,
    bool? Enabled = null,
    long? Version = null)
{
    public const string DefaultCategory = "performance";
    public const string DefaultMessageTemplate = "{metric} is {value} (threshold {threshold})";
    public const int MaxSeconds = 86_400;
    public const int MinAbsenceSeconds = 10;

    /// <summary>A restore is filed under the rule's code with this suffix, so the code leaves room for it.</summary>
    public const string ClearSuffix = ".clear";

    public (RuleData? Data, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = ["name is required, at most 100 characters."];
        }

        if (Metric is null || !MetricPattern().IsMatch(Metric))
        {
            errors["metric"] = ["metric is a series name of 1..100 characters of a-z, 0-9, '_' and '.', e.g. icmp.rtt_ms."];
        }

        var scope = ValidateScope(errors);
        var condition = RuleCondition.Above;
        if (Condition is null || !EnumText.TryParse(Condition, out condition))
        {
            errors["condition"] = [$"condition is one of {string.Join(", ", EnumText.Names<RuleCondition>())}."];
        }
        else if (condition == RuleCondition.Absent)
        {
            ValidateAbsence(errors);
        }
        else
        {
            ValidateThreshold(errors, condition);
        }

        var category = Category ?? DefaultCategory;
        if (!WordPattern().IsMatch(category))
        {
            errors["category"] = ["category is 1..64 characters of a-z, 0-9, '_', '.', ':' or '-'."];
        }

        if (Code is null || !WordPattern().IsMatch(Code) || Code.Length > 64 - ClearSuffix.Length)
        {
            errors["code"] = [$"code is required: 1..{64 - ClearSuffix.Length} characters of a-z, 0-9, '_', '.', ':' or '-'."];
        }

        var priority = EventPriority.Medium;
        if (Priority is not null && !EnumText.TryParse(Priority, out priority))
        {
            errors["priority"] = [$"priority is one of {string.Join(", ", EnumText.Names<EventPriority>())}."];
        }

        var template = MessageTemplate?.Trim() ?? DefaultMessageTemplate;
        if (template.Length is 0 or > 500)
        {
            errors["messageTemplate"] = ["messageTemplate is 1..500 characters."];
        }
        else if (RuleMessage.UnknownPlaceholders(template) is { Count: > 0 } unknown)
        {
            errors["messageTemplate"] = [$"messageTemplate may use {string.Join(" ", RuleMessage.Placeholders)}; unknown: {string.Join(" ", unknown)}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RuleData(name!, Enabled ?? true, Metric!, scope, scope == RuleScope.AllDevices ? null : ScopeId, condition,
                condition == RuleCondition.Absent ? null : Threshold, condition == RuleCondition.Absent ? null : ClearThreshold,
                ForSeconds ?? 0, condition == RuleCondition.Absent ? AbsenceSeconds : null, category, Code!, priority, template), errors);
    }

    private RuleScope ValidateScope(Dictionary<string, string[]> errors)
    {
        var scope = RuleScope.AllDevices;
        if (Scope is null || !EnumText.TryParse(Scope, out scope))
        {
            errors["scope"] = [$"scope is one of {string.Join(", ", EnumText.Names<RuleScope>())}."];
        }
        else if (scope == RuleScope.AllDevices && ScopeId is not null)
        {
            errors["scopeId"] = ["scopeId is not given with scope ALL_DEVICES."];
        }
        else if (scope != RuleScope.AllDevices && ScopeId is null or < 1)
        {
            errors["scopeId"] = [$"scopeId is required with scope {scope.ToText()}: the id of the {scope.ToText().ToLowerInvariant()}."];
        }

        return scope;
    }

    private void ValidateThreshold(Dictionary<string, string[]> errors, RuleCondition condition)
    {
        if (Threshold is not { } threshold || !double.IsFinite(threshold))
        {
            errors["threshold"] = [$"threshold is required with condition {condition.ToText()}."];
        }
        else if (ClearThreshold is { } clear && (!double.IsFinite(clear)
            || (condition == RuleCondition.Above && clear > threshold) || (condition == RuleCondition.Below && clear < threshold)))
        {
            errors["clearThreshold"] = [condition == RuleCondition.Above
                ? "clearThreshold of an ABOVE rule is at most the threshold (fires above 80, clears below 70)."
                : "clearThreshold of a BELOW rule is at least the threshold (fires below 10, clears above 20)."];
        }

        if (ForSeconds is < 0 or > MaxSeconds)
        {
            errors["forSeconds"] = [$"forSeconds is 0..{MaxSeconds}."];
        }

        if (AbsenceSeconds is not null)
        {
            errors["absenceSeconds"] = ["absenceSeconds is only for condition ABSENT."];
        }
    }

    private void ValidateAbsence(Dictionary<string, string[]> errors)
    {
        if (AbsenceSeconds is not { } seconds || seconds < MinAbsenceSeconds || seconds > MaxSeconds)
        {
            errors["absenceSeconds"] = [$"absenceSeconds is required with condition ABSENT: {MinAbsenceSeconds}..{MaxSeconds}."];
        }

        if (Threshold is not null || ClearThreshold is not null)
        {
            errors["threshold"] = ["threshold and clearThreshold are not given with condition ABSENT."];
        }

        if (ForSeconds is not null and not 0)
        {
            errors["forSeconds"] = ["forSeconds is not given with condition ABSENT (absenceSeconds is its duration)."];
        }
    }

    [GeneratedRegex("^[a-z0-9_.]{1,100}$")]
    private static partial Regex MetricPattern();

    [GeneratedRegex("^[a-z0-9_.:-]{1,64}$")]
    private static partial Regex WordPattern();
}
