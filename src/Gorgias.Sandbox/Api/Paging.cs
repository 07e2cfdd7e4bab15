using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Api;

/// <summary>The paging part of a list request: <c>cursor</c>, <c>limit</c>, <c>order_by</c>.</summary>
internal sealed record ListRequest(int Limit, OrderField Field, bool Descending, string? Cursor);

/// <summary>Parses list query strings strictly: unknown parameters and bad values are a 400 with the field named.</summary>
internal static class ListQuery
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 100;

    private static readonly string[] PagingKeys = ["cursor", "limit", "order_by"];

    /// <summary>
    /// Parses paging parameters and checks that every other parameter is one of <paramref name="filters"/>.
    /// <paramref name="orderFields"/> lists the allowed <c>order_by</c> fields, the first being the default (desc).
    /// </summary>
    public static ListRequest? Parse(
        HttpRequest request,
        FieldErrors errors,
        IReadOnlyCollection<string> filters,
        params OrderField[] orderFields)
    {
        foreach (var key in request.Query.Keys)
        {
            var baseKey = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
            if (!PagingKeys.Contains(baseKey) && !filters.Contains(baseKey))
            {
                errors.Add(key, "Unknown field.");
            }
        }

        var limit = DefaultLimit;
        if (request.Query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
            {
                errors.Add("limit", "Not a valid integer.");
            }
            else if (limit is < 1 or > MaxLimit)
            {
                errors.Add("limit", $"Must be greater than or equal to 1 and less than or equal to {MaxLimit}.");
            }
        }

        var field = orderFields.Length > 0 ? orderFields[0] : OrderField.Created;
        var descending = true;
        if (request.Query.TryGetValue("order_by", out var orderText))
        {
            var parts = orderText.ToString().Split(':');
            OrderField? parsed = parts[0] switch
            {
                "created_datetime" => OrderField.Created,
                "updated_datetime" => OrderField.Updated,
                _ => null,
            };
            var direction = parts.Length == 2 ? parts[1] : parts.Length == 1 ? "desc" : null;
            if (parsed is null || !orderFields.Contains(parsed.Value) || direction is not ("asc" or "desc"))
            {
                var allowed = string.Join(", ", orderFields.Select(f => f == OrderField.Created ? "created_datetime" : "updated_datetime")
                    .SelectMany(f => new[] { f + ":asc", f + ":desc" }));
                errors.Add("order_by", $"Must be one of: {allowed}.");
            }
            else
            {
                field = parsed.Value;
                descending = direction == "desc";
            }
        }

        string? cursor = request.Query.TryGetValue("cursor", out var cursorText) && !string.IsNullOrEmpty(cursorText)
            ? cursorText.ToString()
            : null;
        return errors.Any ? null : new ListRequest(limit, field, descending, cursor);
    }

    public static bool TryGetLong(HttpRequest request, string key, FieldErrors errors, out long? value)
    {
        value = null;
        if (!request.Query.TryGetValue(key, out var text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        errors.Add(key, "Not a valid integer.");
        return false;
    }

    public static bool TryGetBool(HttpRequest request, string key, FieldErrors errors, out bool value)
    {
        value = false;
        if (!request.Query.TryGetValue(key, out var text))
        {
            return false;
        }

        switch (text.ToString().ToLowerInvariant())
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                return true;
            default:
                errors.Add(key, "Not a valid boolean.");
                return false;
        }
    }

    /// <summary>All values of a repeatable parameter (<c>ticket_ids=1&amp;ticket_ids=2</c>, <c>ticket_ids[]=</c>, or comma-separated).</summary>
    public static List<string> Many(HttpRequest request, string key)
    {
        var values = new List<string>();
        foreach (var k in new[] { key, key + "[]" })
        {
            if (request.Query.TryGetValue(k, out var raw))
            {
                foreach (var v in raw)
                {
                    if (v is not null)
                    {
                        values.AddRange(v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    }
                }
            }
        }

        return values;
    }
}

/// <summary>
/// Cursor pagination. The first page of a walk takes an O(1) snapshot of the ordering (an immutable sorted set), and
/// every cursor of the walk points into that snapshot: items created after the walk began are not in it, items updated
/// during the walk keep their place, so a walk yields every item that existed when it began exactly once (if it still
/// exists), with current data. Cursors are opaque, tamper-evident and expire after <see cref="SandboxOptions.CursorLifetime"/>.
/// </summary>
internal sealed class CursorBook(IOptions<SandboxOptions> options, TimeProvider clock)
{
    private const int TokenLength = 16 + 4 + 1 + 8 + 8;
    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private long _created;

    private sealed record Session(Guid Id, string Account, string Resource, ImmutableSortedSet<Model.SortKey> Snapshot, bool Descending, object? Filter)
    {
        public long LastUsedTicks;

        public int Count => Snapshot.Count;

        public long IdAt(int index) => Descending ? Snapshot[Snapshot.Count - 1 - index].Id : Snapshot[index].Id;
    }

    public int SessionCount => _sessions.Count;

    public void ExpireAll() => _sessions.Clear();

    /// <summary>
    /// Reads one page and writes the list envelope. Call under the account lock. <paramref name="filter"/> must
    /// depend only on the request's own filter parameters (it is kept with the walk).
    /// </summary>
    public IResult WritePage<T>(
        AccountState account,
        EntityTable<T> table,
        string resource,
        ListRequest request,
        HttpRequest http,
        Func<T, bool>? filter,
        Action<Utf8JsonWriter, T> writeItem)
        where T : Entity
    {
        Session session;
        int position;
        bool backward;
        if (request.Cursor is null)
        {
            session = new Session(Guid.NewGuid(), account.Domain, resource, table.Ordering(request.Field), request.Descending, filter);
            position = 0;
            backward = false;
            if (Interlocked.Increment(ref _created) % 1024 == 0)
            {
                Sweep();
            }
        }
        else
        {
            var error = Resolve(account, resource, request.Cursor, out session!, out position, out backward);
            if (error is not null)
            {
                return error;
            }
        }

        session.LastUsedTicks = clock.GetUtcNow().UtcTicks;
        var typedFilter = (Func<T, bool>?)session.Filter;
        var items = new List<T>(request.Limit);
        int start, end;
        if (!backward)
        {
            var i = position;
            for (; i < session.Count && items.Count < request.Limit; i++)
            {
                if (table.Find(session.IdAt(i)) is { } item && (typedFilter is null || typedFilter(item)))
                {
                    items.Add(item);
                }
            }

            start = position;
            end = i;
        }
        else
        {
            var i = position - 1;
            for (; i >= 0 && items.Count < request.Limit; i--)
            {
                if (table.Find(session.IdAt(i)) is { } item && (typedFilter is null || typedFilter(item)))
                {
                    items.Add(item);
                }
            }

            items.Reverse();
            start = i + 1;
            end = position;
        }

        var hasNext = HasMatch(session, table, typedFilter, end, forward: true);
        var hasPrev = HasMatch(session, table, typedFilter, start - 1, forward: false);
        if ((hasNext || hasPrev) && request.Cursor is null)
        {
            _sessions[session.Id] = session; // a walk that fits in one page needs no session
        }

        var next = hasNext ? Token(session.Id, end, backward: false) : null;
        var prev = hasPrev ? Token(session.Id, start, backward: true) : null;
        return Respond.List(Uri(http), items, writeItem, next, prev);
    }

    private static bool HasMatch<T>(Session session, EntityTable<T> table, Func<T, bool>? filter, int from, bool forward)
        where T : Entity
    {
        for (var i = from; forward ? i < session.Count : i >= 0; i += forward ? 1 : -1)
        {
            if (table.Find(session.IdAt(i)) is { } item && (filter is null || filter(item)))
            {
                return true;
            }
        }

        return false;
    }

    private IResult? Resolve(AccountState account, string resource, string cursor, out Session? session, out int position, out bool backward)
    {
        session = null;
        position = 0;
        backward = false;
        var bytes = new byte[TokenLength];
        if (!TryDecode(cursor, bytes))
        {
            return ApiErrors.BadRequest("Invalid cursor.", "cursor", "Not a valid cursor.");
        }

        var id = new Guid(bytes.AsSpan(0, 16));
        position = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16, 4));
        backward = bytes[20] == 1;
        var issued = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(21, 8)), TimeSpan.Zero);
        var now = clock.GetUtcNow();
        if (issued + options.Value.CursorLifetime < now || issued < account.CursorsValidFrom
            || !_sessions.TryGetValue(id, out session))
        {
            return ApiErrors.BadRequest("Invalid cursor: it has expired. Start again from the first page.", "cursor", "Cursor expired.");
        }

        if (session.Account != account.Domain || session.Resource != resource || position < 0 || position > session.Count)
        {
            return ApiErrors.BadRequest("Invalid cursor.", "cursor", "Not a valid cursor for this list.");
        }

        return null;
    }

    private bool TryDecode(string cursor, byte[] bytes)
    {
        try
        {
            if (Base64UrlTextEncoder.Decode(cursor) is not { Length: TokenLength } decoded)
            {
                return false;
            }

            decoded.CopyTo(bytes, 0);
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes.AsSpan(0, TokenLength - 8), mac);
        return CryptographicOperations.FixedTimeEquals(mac[..8], bytes.AsSpan(TokenLength - 8));
    }

    private string Token(Guid session, int position, bool backward)
    {
        Span<byte> bytes = stackalloc byte[TokenLength];
        session.TryWriteBytes(bytes[..16]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(16, 4), position);
        bytes[20] = backward ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.Slice(21, 8), clock.GetUtcNow().UtcTicks);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..(TokenLength - 8)], mac);
        mac[..8].CopyTo(bytes[(TokenLength - 8)..]);
        return Base64UrlTextEncoder.Encode(bytes.ToArray());
    }

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcTicks - options.Value.CursorLifetime.Ticks;
        foreach (var (key, value) in _sessions)
        {
            if (Interlocked.Read(ref value.LastUsedTicks) < cutoff)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string Uri(HttpRequest http)
    {
        var path = http.Path.Value ?? "";
        var api = path.IndexOf("/api/", StringComparison.Ordinal);
        return (api >= 0 ? path[api..] : path) + http.QueryString.Value;
    }
}
