using System.Globalization;
using MudBlazor;
using Sotp.Core.Audit;
using Sotp.Server.Api;

namespace Sotp.Server.Components.Pages.Admin;

/// <summary>
/// The audit log, newest first, filtered and paged by the store as for <c>GET /api/v1/audit</c>, with the result of
/// re-computing the hash chain (as <c>…/audit/verify</c>).
/// </summary>
public sealed partial class AuditLog(IAuditLog log)
{
    private MudTable<AuditRecord>? _table;
    private AuditVerification? _verification;
    private string? _action;
    private string? _actor;
    private DateTime? _from;
    private DateTime? _to;

    protected override async Task OnConsoleInitializedAsync() => await VerifyAsync();

    private async Task VerifyAsync()
    {
        _verification = null;
        _verification = await log.VerifyAsync(CancellationToken.None);
    }

    private async Task<TableData<AuditRecord>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var pageSize = Math.Min(state.PageSize, AuditApi.MaxPageSize);
        // The pickers give dates in the user's zone: from the start of the first day to the end of the last one.
        var query = new AuditQuery(state.Page + 1, pageSize, Blank(_action), Blank(_actor),
            _from is { } from ? Clock.StartOfDay(from) : null,
            _to is { } to ? Clock.StartOfDay(to.AddDays(1)) : null);
        var page = await log.ListAsync(query, cancellationToken);
        return new TableData<AuditRecord> { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task FromChangedAsync(DateTime? from)
    {
        _from = from;
        await ReloadAsync();
    }

    private async Task ToChangedAsync(DateTime? to)
    {
        _to = to;
        await ReloadAsync();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Stored in UTC; shown in the user's zone.</summary>
    private string Local(string at) =>
        DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? Clock.Precise(parsed) : at;

    private static string? Detail(AuditRecord record) =>
        record.Detail ?? (record.BeforeJson, record.AfterJson) switch
        {
            (null, null) => null,
            (var before, var after) => $"{before ?? "∅"} → {after ?? "∅"}",
        };
}
