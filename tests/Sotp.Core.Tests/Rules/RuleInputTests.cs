using Sotp.Core.Events;
using Sotp.Core.Rules;

namespace Sotp.Core.Tests.Rules;

public class RuleInputTests
{
    [Fact]
    public void AThresholdRule_GetsItsDefaults()
    {
        var (data, errors) = new RuleInput("High RTT", "icmp.rtt_ms", "ALL_DEVICES", "ABOVE", Threshold: 80, ClearThreshold: 70, Code: "rtt_high").Validate();

        Assert.Empty(errors);
        Assert.Equal(new RuleData("High RTT", true, "icmp.rtt_ms", RuleScope.AllDevices, null, RuleCondition.Above, 80, 70, 0, null,
            RuleInput.DefaultCategory, "rtt_high", EventPriority.Medium, RuleInput.DefaultMessageTemplate), data);
    }

    [Fact]
    public void EveryWrongField_IsNamed()
    {
        var (data, errors) = new RuleInput("", "ICMP RTT", "PLANET", "SOMETIMES", Category: "Bad Category", Priority: "URGENT",
            MessageTemplate: "{device} {colour}").Validate();

        Assert.Null(data);
        Assert.Equal(["category", "code", "condition", "messageTemplate", "metric", "name", "priority", "scope"], errors.Keys.Order());
        Assert.Contains("{colour}", errors["messageTemplate"][0]);
    }

    [Theory]
    [InlineData("ABOVE", 80.0, 90.0, "clearThreshold")]
    [InlineData("BELOW", 10.0, 5.0, "clearThreshold")]
    [InlineData("ABOVE", null, null, "threshold")]
    public void Thresholds_AreChecked(string condition, double? threshold, double? clear, string field)
    {
        var (_, errors) = new RuleInput("r", "icmp.rtt_ms", "ALL_DEVICES", condition, Threshold: threshold, ClearThreshold: clear, Code: "c").Validate();

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void AnAbsenceRule_NeedsItsTime_AndNoThreshold()
    {
        var (_, errors) = new RuleInput("r", "icmp.rtt_ms", "ALL_DEVICES", "ABSENT", Threshold: 1, ForSeconds: 30, Code: "c").Validate();

        Assert.Equal(["absenceSeconds", "forSeconds", "threshold"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("ALL_DEVICES", 3L)]
    [InlineData("SITE", null)]
    [InlineData("GROUP", 0L)]
    public void TheScopeId_GoesWithTheScope(string scope, long? scopeId)
    {
        var (_, errors) = new RuleInput("r", "icmp.rtt_ms", scope, "ABOVE", scopeId, Threshold: 1, Code: "c").Validate();

        Assert.Equal(["scopeId"], errors.Keys);
    }

    [Fact]
    public void TheMessage_FillsItsPlaceholders()
    {
        var (data, _) = new RuleInput("r", "icmp.loss_pct", "ALL_DEVICES", "ABOVE", Threshold: 20, Code: "loss",
            MessageTemplate: "{device}: {metric} {value}% > {threshold}%").Validate();
        var rule = new AlertRule(1, data!.Name, true, data.Metric, data.Scope, null, data.Condition, data.Threshold, null, 0, null, data.Category, data.Code,
            data.Priority, data.MessageTemplate, DateTimeOffset.UnixEpoch, null, 1);

        Assert.Equal("core-sw: icmp.loss_pct 33.333% > 20%", RuleMessage.Render(rule, "core-sw", 100.0 / 3));
    }
}
