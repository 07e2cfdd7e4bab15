using System.Runtime.CompilerServices;

namespace Saas.Gorgias.Api;

/// <summary>One cursor page of a list (<c>{"data": [...], "meta": {"next_cursor": ...}}</c>).</summary>
internal sealed record GorgiasPage<T>(IReadOnlyList<T> Data, GorgiasPageMeta? Meta);

internal sealed record GorgiasPageMeta(string? NextCursor, string? PrevCursor);

/// <summary>
/// Walks a cursor-paginated list to its end and survives an expired cursor (Gorgias cursors are short-lived). The
/// one place that restarts walks:
/// <list type="bullet">
/// <item>an ordered walk (<c>updated_datetime:asc</c>, <c>created_datetime:asc</c>, events by creation) remembers
/// the watermark of what it yielded: the last datetime and the ids yielded at exactly that datetime. On expiry it
/// fetches the first page again (with the list's own server-side lower bound when it has one, as events do) and skips
/// everything at or before the watermark, so the consumer sees no duplicate and no gap;</item>
/// <item>any other walk remembers the ids it yielded and skips them after the restart.</item>
/// </list>
/// A walk that keeps expiring without yielding anything new gives up with <see cref="GorgiasCursorExpiredException"/>.
/// </summary>
internal static class GorgiasPaging
{
    public const int PageSize = 100;

    private const int MaxFruitlessRestarts = 3;

    /// <param name="fetch">One page: the cursor (null = first page) and, after a restart of an ordered walk, the watermark's datetime.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="position">The item's datetime in the walk's ascending order; null for walks without one.</param>
    public static async IAsyncEnumerable<T> WalkAsync<T>(
        Func<string?, DateTimeOffset?, CancellationToken, Task<GorgiasPage<T>>> fetch,
        Func<T, long> id,
        Func<T, DateTimeOffset?>? position,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset? mark = null;
        var atMark = new HashSet<long>();
        var seen = position is null ? new HashSet<long>() : null;
        var restarted = false;
        var fruitless = 0;
        string? cursor = null;
        while (true)
        {
            GorgiasPage<T> page;
            try
            {
                page = await fetch(cursor, restarted ? mark : null, cancellationToken);
            }
            catch (GorgiasCursorExpiredException) when (cursor is not null && fruitless < MaxFruitlessRestarts)
            {
                cursor = null;
                restarted = true;
                fruitless++;
                continue;
            }

            foreach (var item in page.Data)
            {
                var itemId = id(item);
                if (seen is not null)
                {
                    if (!seen.Add(itemId))
                    {
                        continue;
                    }
                }
                else
                {
                    var at = position!(item) ?? DateTimeOffset.MinValue;
                    if (restarted && mark is { } m && (at < m || (at == m && atMark.Contains(itemId))))
                    {
                        continue;
                    }

                    if (mark != at)
                    {
                        mark = at;
                        atMark.Clear();
                    }

                    atMark.Add(itemId);
                }

                fruitless = 0;
                yield return item;
            }

            cursor = page.Meta?.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                yield break;
            }
        }
    }
}
