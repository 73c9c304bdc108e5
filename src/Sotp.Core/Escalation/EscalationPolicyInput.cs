using Sotp.Core.Events;

namespace Sotp.Core.Escalation;

/// <summary>A policy as a client sends it (create or full update); validation names every wrong field at once.</summary>
public sealed record EscalationPolicyInput(
    string? Name,
    IReadOnlyList<EscalationStepInput?>? Steps,
    long? SiteId = null,
    string? MinPriority = null,
    int? RepeatEveryMinutes = null,
    int? RepeatCount = null,
    bool? Enabled = null,
    long? Version = null)
{
    public const int MaxSteps = 10;
    public const int MaxMinutes = 10_080;
    public const int MaxRepeats = 100;

    public (EscalationPolicy? Policy, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = ["name is required, at most 100 characters."];
        }

        var priority = EventPriority.Low;
        if (MinPriority is not null && !EnumText.TryParse(MinPriority, out priority))
        {
            errors["minPriority"] = [$"minPriority is one of {string.Join(", ", EnumText.Names<EventPriority>())}."];
        }

        if (SiteId is < 1)
        {
            errors["siteId"] = ["siteId is a site id, or null for every site."];
        }

        var steps = new List<EscalationStep>();
        if (Steps is not { Count: > 0 and <= MaxSteps })
        {
            errors["steps"] = [$"steps lists 1 to {MaxSteps} steps of afterMinutes and channelId."];
        }
        else
        {
            for (var i = 0; i < Steps.Count; i++)
            {
                var step = Steps[i];
                var previous = steps.Count > 0 ? steps[^1].AfterMinutes : 0;
                if (step?.AfterMinutes is not { } after || after <= previous || after > MaxMinutes)
                {
                    errors[$"steps[{i}].afterMinutes"] = [$"afterMinutes is 1..{MaxMinutes}, later than the step before ({previous})."];
                }

                if (step?.ChannelId is not > 0)
                {
                    errors[$"steps[{i}].channelId"] = ["channelId is a notification channel id."];
                }

                steps.Add(new EscalationStep(step?.AfterMinutes ?? 0, step?.ChannelId ?? 0));
            }
        }

        var repeats = RepeatCount ?? 0;
        if (repeats is < 0 or > MaxRepeats)
        {
            errors["repeatCount"] = [$"repeatCount is 0..{MaxRepeats}."];
        }
        else if (repeats > 0 && RepeatEveryMinutes is not (>= 1 and <= MaxMinutes))
        {
            errors["repeatEveryMinutes"] = [$"repeatEveryMinutes is 1..{MaxMinutes} when repeatCount is above 0."];
        }
        else if (repeats == 0 && RepeatEveryMinutes is not null)
        {
            errors["repeatEveryMinutes"] = ["repeatEveryMinutes goes with a repeatCount above 0."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new EscalationPolicy(0, name!, Enabled ?? true, SiteId, priority, steps, RepeatEveryMinutes, repeats, default, null, 0), errors);
    }
}

public sealed record EscalationStepInput(int? AfterMinutes, long? ChannelId);
