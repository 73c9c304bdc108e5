using System.Globalization;
using MudBlazor;
using Sotp.Core;
using Sotp.Core.Rules;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>Alert rules through <see cref="RuleService"/> (validated, versioned, audited, applied at once), edited in a form above the list.</summary>
public sealed partial class Rules(RuleService rules, IDialogService dialogs, ISnackbar snackbar)
{
    private readonly FormErrors _errors = new();
    private IReadOnlyList<AlertRule>? _rules;
    private RuleForm? _form;
    private bool _busy;

    protected override async Task OnConsoleInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _rules = await rules.ListAsync(CancellationToken.None);

    private void Edit(AlertRule? rule)
    {
        _errors.Clear();
        _form = rule is null ? new RuleForm() : RuleForm.From(rule);
    }

    private void Cancel() => _form = null;

    private async Task SaveAsync()
    {
        if (_form is not { } form)
        {
            return;
        }

        _busy = true;
        var saved = await EditSteps.SaveAsync(_errors, snackbar, T, async () => T["Rule {0}", (form.Id is { } id
            ? await rules.UpdateAsync(id, form.ToInput(), form.Version, Caller, CancellationToken.None)
            : await rules.CreateAsync(form.ToInput(), Caller, CancellationToken.None)).Name]);
        _busy = false;
        if (saved)
        {
            _form = null;
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(AlertRule rule)
    {
        await EditSteps.DeleteAsync(dialogs, snackbar, T, T["Rule {0}", rule.Name], T["What it fires about is restored."],
            () => rules.DeleteAsync(rule.Id, rule.Version, Caller, CancellationToken.None));
        await LoadAsync();
    }

    private string Describe(AlertRule rule) => rule.Condition switch
    {
        RuleCondition.Absent => T["no point for {0} s", rule.AbsenceSeconds ?? 0],
        _ => $"{rule.Condition.ToText()} {rule.Threshold?.ToString(CultureInfo.CurrentCulture)}"
             + (rule.ForSeconds > 0 ? " " + T["for {0} s", rule.ForSeconds] : ""),
    };

    private sealed class RuleForm
    {
        public long? Id { get; private init; }

        public long? Version { get; private init; }

        public string? Name { get; set; }

        public string? Metric { get; set; } = "icmp.rtt_ms";

        public string? Scope { get; set; } = RuleScope.AllDevices.ToText();

        public long? ScopeId { get; set; }

        public string? Condition { get; set; } = RuleCondition.Above.ToText();

        public double? Threshold { get; set; }

        public double? ClearThreshold { get; set; }

        public int? ForSeconds { get; set; }

        public int? AbsenceSeconds { get; set; }

        public string? Category { get; set; } = RuleInput.DefaultCategory;

        public string? Code { get; set; }

        public string? Priority { get; set; } = "MEDIUM";

        public string? MessageTemplate { get; set; } = RuleInput.DefaultMessageTemplate;

        public bool Enabled { get; set; } = true;

        public static RuleForm From(AlertRule rule) => new()
        {
            Id = rule.Id,
            Version = rule.Version,
            Name = rule.Name,
            Metric = rule.Metric,
            Scope = rule.Scope.ToText(),
            ScopeId = rule.ScopeId,
            Condition = rule.Condition.ToText(),
            Threshold = rule.Threshold,
            ClearThreshold = rule.ClearThreshold,
            ForSeconds = rule.ForSeconds,
            AbsenceSeconds = rule.AbsenceSeconds,
            Category = rule.Category,
            Code = rule.Code,
            Priority = rule.Priority.ToText(),
            MessageTemplate = rule.MessageTemplate,
            Enabled = rule.Enabled,
        };

        public RuleInput ToInput() => new(Name, Metric, Scope, Condition, ScopeId, Threshold, ClearThreshold, ForSeconds, AbsenceSeconds,
            Category, Code, Priority, MessageTemplate, Enabled, Version);
    }
}
