using System.Data.Common;
using System.Globalization;
using Dapper;
using Sotp.Core;

namespace Sotp.Storage;

/// <summary>
/// The paged list query behind every list endpoint: filters joined into WHERE, ORDER BY a whitelisted sort
/// column (then id, so pages never overlap), the total and one page. SQL both stores accept.
/// </summary>
internal sealed class ListSql
{
    private readonly List<string> _filters = [];
    private readonly DynamicParameters _parameters = new();

    public ListSql Where(string condition, string? parameter = null, object? value = null)
    {
        _filters.Add(condition);
        if (parameter is not null)
        {
            _parameters.Add(parameter, value);
        }

        return this;
    }

    /// <summary>Adds the condition only when <paramref name="value"/> is set.</summary>
    public ListSql WhereSet(object? value, string condition, string parameter) => value is null ? this : Where(condition, parameter, value);

    /// <summary>Case-insensitive search over the row's folded <c>search_text</c>.</summary>
    public ListSql Search(string? query) =>
        string.IsNullOrWhiteSpace(query) ? this : Where("search_text LIKE @search ESCAPE '\\'", "search", SearchText.Pattern(query));

    /// <summary>Limits to these ids (a user's site scope); null means no limit. The lists are short, so ids are inlined.</summary>
    public ListSql IdIn(string column, IReadOnlyCollection<long>? ids) =>
        ids is null ? this : Where(ids.Count == 0 ? "1 = 0" : $"{column} IN ({string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)))})");

    public string WhereClause => _filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _filters);

    public DynamicParameters Parameters => _parameters;

    /// <param name="sortColumns">API sort names to SQL expressions; the query's sort was validated against them.</param>
    public async Task<Page<TRow>> PageAsync<TRow>(DbConnection connection, string table, string columns, ListQuery query,
        IReadOnlyDictionary<string, string> sortColumns, string defaultSort, CancellationToken cancellationToken)
    {
        var sort = query.Sort ?? defaultSort;
        var order = $"{sortColumns[sort.TrimStart('-')]} {(sort.StartsWith('-') ? "DESC" : "ASC")}, id";
        _parameters.Add("limit", query.PageSize);
        _parameters.Add("offset", (query.Page - 1) * query.PageSize);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} {WhereClause}", _parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(
            $"SELECT {columns} FROM {table} {WhereClause} ORDER BY {order} LIMIT @limit OFFSET @offset", _parameters, cancellationToken: cancellationToken));
        return new Page<TRow>(rows.ToList(), total);
    }
}
