using MudBlazor;
using Sotp.Core;

namespace Sotp.Server.Components.Shared;

/// <summary>A server-paged table's state as the list query the services take (the API's page, sort and search).</summary>
public static class TableQuery
{
    public static ListQuery From(TableState state, string? search, string defaultSort = "name")
    {
        var sort = state.SortLabel is { Length: > 0 } label && state.SortDirection != SortDirection.None
            ? (state.SortDirection == SortDirection.Descending ? "-" : "") + label
            : defaultSort;
        return new ListQuery(state.Page + 1, state.PageSize, sort, string.IsNullOrWhiteSpace(search) ? null : search.Trim());
    }

    public static TableData<T> Data<T>(Page<T> page) => new() { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
}
