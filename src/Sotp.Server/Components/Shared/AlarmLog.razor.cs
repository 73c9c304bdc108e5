using Microsoft.AspNetCore.Components;
using Sotp.Core.Alarms;
using Sotp.Core;
using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>
/// Reads the log again whenever the alarm's version changes: every entry (a note, a transition, an escalation step) bumps it,
/// so entries others add arrive with the live alarm feed without a feed of their own.
/// </summary>
public sealed partial class AlarmLog(AlarmService alarms) : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private IReadOnlyList<AlarmLogEntry> _entries = [];
    private (long Id, long Version)? _shown;
    private string _text = "";
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired]
    public long AlarmId { get; set; }

    [Parameter, EditorRequired]
    public long Version { get; set; }

    [Parameter]
    public string Title { get; set; } = "";

    [Parameter]
    public bool CanWrite { get; set; }

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>The alarm as the new entry left it, for the page to keep its newest version.</summary>
    [Parameter]
    public EventCallback<Alarm> OnChanged { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_shown == (AlarmId, Version))
        {
            return;
        }

        if (_shown?.Id != AlarmId)
        {
            _text = "";
            _error = null;
        }

        _shown = (AlarmId, Version);
        try
        {
            _entries = await alarms.LogAsync(AlarmId, Caller, _closed.Token);
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
        }
    }

    private async Task AddAsync()
    {
        _busy = true;
        try
        {
            var alarm = await alarms.AddNoteAsync(AlarmId, _text, Caller, _closed.Token);
            _text = "";
            _error = null;
            _entries = await alarms.LogAsync(AlarmId, Caller, _closed.Token);
            _shown = (AlarmId, alarm.Version);
            await OnChanged.InvokeAsync(alarm);
        }
        catch (DomainException ex)
        {
            _error = ErrorText.Of(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    private string KindText(AlarmLogKind kind) => kind switch
    {
        AlarmLogKind.Event => T["Event"],
        AlarmLogKind.Transition => T["Transition"],
        AlarmLogKind.Note => T["Note"],
        _ => T["Escalation"],
    };

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }
}
