using System.Collections.Concurrent;
using Gorgias.Sandbox.Hosting;

namespace Gorgias.Sandbox.Model;

internal enum IdKind
{
    Account,
    User,
    Team,
    Customer,
    Channel,
    Ticket,
    Message,
    Tag,
    Event,
    Integration,
    Survey,
    CustomField,
}

/// <summary>Ids unique across the whole sandbox, in the ranges real Gorgias ids live in.</summary>
internal sealed class IdSequence
{
    private readonly long[] _next =
    [
        1_000, 387_600_000, 9_000, 387_700_000, 457_600_000, 86_500_000, 208_800_000, 1_200_000, 5_100_000_000,
        70_000, 3_000_000, 4_000,
    ];

    public long Next(IdKind kind) => Interlocked.Increment(ref _next[(int)kind]);
}

/// <summary>Receives ticket triggers (ticket-created, ticket-updated, ...) for webhook delivery.</summary>
internal interface ITicketTriggerSink
{
    /// <summary>Called under the account lock, right after the change.</summary>
    void OnTicketTrigger(AccountState account, string trigger, Ticket ticket, Message? message);
}

internal sealed class NoTicketTriggers : ITicketTriggerSink
{
    public void OnTicketTrigger(AccountState account, string trigger, Ticket ticket, Message? message)
    {
    }
}

/// <summary>All sandbox state: accounts by subdomain. In memory; <see cref="Reset"/> forgets everything.</summary>
internal sealed class SandboxStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    public TimeProvider Clock { get; } = clock;

    public IdSequence Ids { get; } = new();

    public ITicketTriggerSink TriggerSink { get; set; } = new NoTicketTriggers();

    public IEnumerable<AccountState> Accounts => _accounts.Values.OrderBy(a => a.Id);

    public DateTimeOffset Now()
    {
        var now = Clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }

    public AccountState? Find(string domain) => _accounts.GetValueOrDefault(domain);

    public AccountState Create(string domain, AccountPlan plan)
    {
        var account = new AccountState(domain, Ids.Next(IdKind.Account), plan, Now(), this);
        return _accounts.TryAdd(domain, account)
            ? account
            : throw new InvalidOperationException($"Account '{domain}' already exists.");
    }

    public bool Remove(string domain) => _accounts.TryRemove(domain, out _);

    public void Reset() => _accounts.Clear();
}

/// <summary>A bounded, thread-safe log that keeps the newest entries.</summary>
internal sealed class RingLog<T>(int capacity)
{
    private readonly Queue<T> _items = new();
    private readonly Lock _sync = new();

    public void Add(T item)
    {
        lock (_sync)
        {
            if (_items.Count == capacity)
            {
                _items.Dequeue();
            }

            _items.Enqueue(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_sync)
        {
            return [.. _items];
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _items.Clear();
        }
    }
}
