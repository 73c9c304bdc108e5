using MudBlazor;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Notifications;
using Sotp.Core.Secrets;
using Sotp.Server.Components.Shared;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>
/// Notification channels through <see cref="NotificationService"/>: list, create or edit (credentials picked from the
/// global secrets, never typed here), delete, and a test message whose answer is shown on the row.
/// </summary>
public sealed partial class Channels(NotificationService channels, SecretVault vault, IDialogService dialogs, ISnackbar snackbar)
{
    private readonly FormErrors _errors = new();
    private readonly Dictionary<long, SendResult> _tests = [];
    private readonly HashSet<long> _testing = [];
    private IReadOnlyList<NotificationChannel>? _channels;
    private IReadOnlyList<SecretInfo> _secrets = [];
    private ChannelForm? _form;
    private bool _busy;

    protected override async Task OnConsoleInitializedAsync()
    {
        _secrets = (await vault.ListAsync(null, Caller, CancellationToken.None)).Where(secret => secret.SiteId is null).ToList();
        await LoadAsync();
    }

    private async Task LoadAsync() => _channels = await channels.ListAsync(CancellationToken.None);

    private void Edit(NotificationChannel? channel)
    {
        _errors.Clear();
        _form = channel is null ? new ChannelForm() : ChannelForm.From(channel);
    }

    private async Task SaveAsync()
    {
        if (_form is not { } form)
        {
            return;
        }

        _busy = true;
        var saved = await EditSteps.SaveAsync(_errors, snackbar, T, async () => T["Channel {0}", (form.Id is { } id
            ? await channels.UpdateAsync(id, form.ToInput(), form.Version, Caller, CancellationToken.None)
            : await channels.CreateAsync(form.ToInput(), Caller, CancellationToken.None)).Name]);
        _busy = false;
        if (saved)
        {
            _form = null;
            await LoadAsync();
        }
    }

    private async Task TestAsync(NotificationChannel channel)
    {
        _testing.Add(channel.Id);
        try
        {
            _tests[channel.Id] = await channels.TestAsync(channel.Id, Caller, CancellationToken.None);
        }
        catch (DomainException ex)
        {
            snackbar.Add(FormErrors.Describe(ex), Severity.Error);
        }
        finally
        {
            _testing.Remove(channel.Id);
        }
    }

    private async Task DeleteAsync(NotificationChannel channel)
    {
        await EditSteps.DeleteAsync(dialogs, snackbar, T, T["Channel {0}", channel.Name], T["Deliveries still owed to it are dropped."],
            () => channels.DeleteAsync(channel.Id, channel.Version, Caller, CancellationToken.None));
        await LoadAsync();
    }

    private sealed class ChannelForm
    {
        public long? Id { get; private init; }

        public long? Version { get; private init; }

        public string? Name { get; set; }

        public string? Kind { get; set; } = ChannelKind.Webhook.ToText();

        public string? MinPriority { get; set; } = "HIGH";

        public bool Enabled { get; set; } = true;

        public string? Url { get; set; }

        public string? SmtpHost { get; set; }

        public int? SmtpPort { get; set; }

        public string? SmtpSecurity { get; set; } = Core.Notifications.SmtpSecurity.StartTls.ToText();

        public string? SmtpUsername { get; set; }

        public string? MailFrom { get; set; }

        public string? MailTo { get; set; }

        public long? SecretId { get; set; }

        public bool EscalationOnly { get; set; }

        public static ChannelForm From(NotificationChannel channel) => new()
        {
            Id = channel.Id,
            Version = channel.Version,
            Name = channel.Name,
            Kind = channel.Kind.ToText(),
            MinPriority = channel.MinPriority.ToText(),
            Enabled = channel.Enabled,
            Url = channel.Url,
            SmtpHost = channel.SmtpHost,
            SmtpPort = channel.SmtpPort,
            SmtpSecurity = channel.SmtpSecurity?.ToText(),
            SmtpUsername = channel.SmtpUsername,
            MailFrom = channel.MailFrom,
            MailTo = string.Join(", ", channel.MailTo),
            SecretId = channel.SecretId,
            EscalationOnly = channel.EscalationOnly,
        };

        /// <summary>Only the fields of the chosen kind: a field left over from another kind would be refused.</summary>
        public NotificationChannelInput ToInput()
        {
            var email = Kind == ChannelKind.Email.ToText();
            var url = email || Kind == ChannelKind.Slack.ToText() || string.IsNullOrWhiteSpace(Url) ? null : Url;
            return new(Name, Kind, MinPriority, Enabled, url, email ? SmtpHost : null, email ? SmtpPort : null, email ? SmtpSecurity : null,
                email && !string.IsNullOrWhiteSpace(SmtpUsername) ? SmtpUsername : null, email ? MailFrom : null,
                email ? MailTo?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null, SecretId, Version, EscalationOnly);
        }
    }
}
