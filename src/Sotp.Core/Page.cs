namespace Sotp.Core;

/// <summary>One page of a list, as every list endpoint returns it: <c>{ "items": [...], "total": N }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);

public static class Pages
{
    /// <summary>Every item, page after page, for exports; stops at the first page shorter than <paramref name="pageSize"/>.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<int, Task<Page<T>>> fetch, int pageSize)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var result = await fetch(page);
            all.AddRange(result.Items);
            if (result.Items.Count < pageSize)
            {
                return all;
            }
        }
    }
}
