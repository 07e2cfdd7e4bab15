using System.Collections.Immutable;

namespace Gorgias.Sandbox.Model;

/// <summary>The order a list is read in: by which datetime, then by id.</summary>
internal enum OrderField
{
    Created,
    Updated,
}

/// <summary>A position in a list ordering: the datetime ticks, then the id to break ties.</summary>
internal readonly record struct SortKey(long Ticks, long Id) : IComparable<SortKey>
{
    public int CompareTo(SortKey other)
    {
        var byTicks = Ticks.CompareTo(other.Ticks);
        return byTicks != 0 ? byTicks : Id.CompareTo(other.Id);
    }

    public static bool operator <(SortKey left, SortKey right) => left.CompareTo(right) < 0;
    public static bool operator >(SortKey left, SortKey right) => left.CompareTo(right) > 0;
    public static bool operator <=(SortKey left, SortKey right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SortKey left, SortKey right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// The rows of one resource in one account, with both list orderings kept as immutable sorted sets, so a
/// pagination walk takes an O(1) snapshot at its first page and sees neither duplicates nor gaps while the
/// table changes underneath it. Not thread-safe: callers hold the account lock.
/// </summary>
internal sealed class EntityTable<T>
    where T : Entity
{
    private readonly Dictionary<long, T> _byId = [];
    private ImmutableSortedSet<SortKey> _byCreated = ImmutableSortedSet<SortKey>.Empty;
    private ImmutableSortedSet<SortKey> _byUpdated = ImmutableSortedSet<SortKey>.Empty;

    public int Count => _byId.Count;

    /// <summary>Goes up on every change of the table (add, touch, remove), for caches of what is derived from it.</summary>
    public long Version { get; private set; }

    public IEnumerable<T> All => _byId.Values;

    public bool TryGet(long id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T entity) =>
        _byId.TryGetValue(id, out entity);

    public T? Find(long id) => _byId.GetValueOrDefault(id);

    public bool Contains(long id) => _byId.ContainsKey(id);

    public void Add(T entity)
    {
        entity.Revision = ++Version;
        _byId.Add(entity.Id, entity);
        _byCreated = _byCreated.Add(new SortKey(entity.CreatedDatetime.UtcTicks, entity.Id));
        _byUpdated = _byUpdated.Add(new SortKey(entity.UpdatedDatetime.UtcTicks, entity.Id));
    }

    /// <summary>Adds many rows at once (the generator), building the orderings in one pass.</summary>
    public void AddRange(IReadOnlyCollection<T> entities)
    {
        Version++;
        var created = _byCreated.ToBuilder();
        var updated = _byUpdated.ToBuilder();
        foreach (var entity in entities)
        {
            entity.Revision = Version;
            _byId.Add(entity.Id, entity);
            created.Add(new SortKey(entity.CreatedDatetime.UtcTicks, entity.Id));
            updated.Add(new SortKey(entity.UpdatedDatetime.UtcTicks, entity.Id));
        }

        _byCreated = created.ToImmutable();
        _byUpdated = updated.ToImmutable();
    }

    /// <summary>Moves a row to a new updated_datetime, keeping the ordering right.</summary>
    public void Touch(T entity, DateTimeOffset updated)
    {
        entity.Revision = ++Version;
        if (entity.UpdatedDatetime == updated)
        {
            return;
        }

        _byUpdated = _byUpdated.Remove(new SortKey(entity.UpdatedDatetime.UtcTicks, entity.Id))
            .Add(new SortKey(updated.UtcTicks, entity.Id));
        entity.UpdatedDatetime = updated;
    }

    public bool Remove(long id)
    {
        if (!_byId.Remove(id, out var entity))
        {
            return false;
        }

        Version++;

        _byCreated = _byCreated.Remove(new SortKey(entity.CreatedDatetime.UtcTicks, id));
        _byUpdated = _byUpdated.Remove(new SortKey(entity.UpdatedDatetime.UtcTicks, id));
        return true;
    }

    public void Clear()
    {
        Version++;
        _byId.Clear();
        _byCreated = ImmutableSortedSet<SortKey>.Empty;
        _byUpdated = ImmutableSortedSet<SortKey>.Empty;
    }

    public ImmutableSortedSet<SortKey> Ordering(OrderField field) => field == OrderField.Created ? _byCreated : _byUpdated;
}
