namespace Sotp.Core;

/// <param name="Sort">A field name, descending with a leading '-': <c>name</c>, <c>-createdAt</c>.</param>
/// <param name="Search">Case-insensitive text search over the names (and addresses) of the list.</param>
public sealed record ListQuery(int Page = 1, int PageSize = 50, string? Sort = null, string? Search = null)
{
    public const int MaxPageSize = 500;

    public Dictionary<string, string[]> Validate(IReadOnlyCollection<string> sortable)
    {
        var errors = new Dictionary<string, string[]>();
        if (Page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize is 1..{MaxPageSize}."];
        }

        if (Sort is not null && !sortable.Contains(Sort.TrimStart('-')))
        {
            errors["sort"] = [$"sort is one of {string.Join(", ", sortable)} (prefix '-' for descending)."];
        }

        if (Search?.Length > 200)
        {
            errors["q"] = ["q is at most 200 characters."];
        }

        return errors;
    }
}
