namespace Saas.Core.Intake;

/// <summary>
/// One round of a tenant's inbox processing, as its handlers see it (scoped: one per round, resolved from the round's
/// DI scope): the rows claimed together, and the records a handler wants stored with a row's outcome. What a handler
/// stages for a row is saved in the same transaction that marks the row done (through the inbox writer, so on SQLite
/// inside the intake's group commit), and dropped when the row fails or its lease was lost: a row's records and its
/// done mark are stored together or not at all, and a round costs two commits however many rows it has.
/// </summary>
public sealed class InboxRound
{
    private readonly List<Staged> _staged = [];
    private IReadOnlyList<InboxItem> _items = [];
    private long? _current;

    /// <summary>The round's rows in the order they are handled (a ticket's rows in arrival order).</summary>
    public IReadOnlyList<InboxItem> Items => _items;

    /// <summary>
    /// Stores <paramref name="entity"/> (an entity of the data model, tracked nowhere) with the current row's outcome:
    /// inserted when <paramref name="added"/>, else updated (all its columns). The same instance staged again by a
    /// later row of the round is saved once, in its latest state, inserted if any staging said so.
    /// </summary>
    public void Stage(object entity, bool added)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var row = _current ?? throw new InvalidOperationException("Records can be staged only while the inbox processor is handling a row.");
        _staged.Add(new Staged(row, entity, added));
    }

    /// <summary>Whether nothing was staged in the round.</summary>
    internal bool IsEmpty => _staged.Count == 0;

    internal void Begin(IReadOnlyList<InboxItem> items) => _items = items;

    internal void Handling(long rowId) => _current = rowId;

    internal void Handled() => _current = null;

    /// <summary>
    /// The entities to save for the rows in <paramref name="rows"/>: each instance once, in its latest state, inserted
    /// if any staging of the round said so (a row that added it may have lost its lease while a later one kept it).
    /// </summary>
    internal IReadOnlyList<(object Entity, bool Added)> For(IReadOnlySet<long> rows)
    {
        var added = new HashSet<object>(_staged.Where(s => s.Added).Select(s => s.Entity), ReferenceEqualityComparer.Instance);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return [.. _staged.Where(s => rows.Contains(s.Row) && seen.Add(s.Entity)).Select(s => (s.Entity, added.Contains(s.Entity)))];
    }

    private readonly record struct Staged(long Row, object Entity, bool Added);
}
