using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

/// <summary>
/// The answer to a caller that asked for a slot. <see cref="Granted"/>: send now (the slot is charged to the
/// account). Otherwise sleep until <see cref="At"/> and ask again with the same <see cref="Ticket"/>; the ticket keeps
/// the caller's place in its lane. A granted answer is never for a time in the future: a caller only ever holds
/// permission to send immediately, so a 429 seen in between stops everything still waiting (see docs/budget.md).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BudgetReservation(
    [property: Id(0)] long Ticket,
    [property: Id(1)] bool Granted,
    [property: Id(2)] DateTimeOffset At);

/// <summary>One response's word on the budget, as the grain receives it (the wire form of <see cref="GorgiasRateObservation"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record BudgetObservation(
    [property: Id(0)] int Status,
    [property: Id(1)] int? Used,
    [property: Id(2)] int? Limit,
    [property: Id(3)] TimeSpan? RetryAfter,
    [property: Id(4)] DateTimeOffset At)
{
    public static BudgetObservation From(GorgiasRateObservation observation) =>
        new((int)observation.Status, observation.Used, observation.Limit, observation.RetryAfter, observation.At);
}

/// <summary>Figures of one lane: requests granted so far, callers waiting now, 429s seen.</summary>
[GenerateSerializer, Immutable]
public sealed record BudgetLaneFigures(
    [property: Id(0)] GorgiasLane Lane,
    [property: Id(1)] long Granted,
    [property: Id(2)] int Waiting,
    [property: Id(3)] long TooManyRequests);

/// <summary>
/// The account's budget as the portal and the support console show it: the estimated bucket level (including the
/// merchant's other apps, as corrected by the response headers), the limit and window, the pause after a 429, and
/// per lane what was granted, what waits and how many 429s came back. <see cref="Tenant"/> and
/// <see cref="Ceiling"/> and the lane figures are those of the tenant asked about (null: the whole account).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccountBudgetSnapshot(
    [property: Id(0)] string Account,
    [property: Id(1)] string? Tenant,
    [property: Id(2)] double Level,
    [property: Id(3)] int Limit,
    [property: Id(4)] TimeSpan Window,
    [property: Id(5)] double Ceiling,
    [property: Id(6)] DateTimeOffset? PausedUntil,
    [property: Id(7)] IReadOnlyList<BudgetLaneFigures> Lanes,
    [property: Id(8)] DateTimeOffset At)
{
    public BudgetLaneFigures Lane(GorgiasLane lane) => Lanes.Single(l => l.Lane == lane);
}

/// <summary>
/// The API budget of one Gorgias account (key: the account subdomain), shared by every tenant, lane and silo that
/// calls that account: one activation per account in the cluster, so a 429 pauses the account for every caller.
/// Calls are short and never wait: callers get a reservation and do their waiting outside the grain.
/// </summary>
public interface IAccountBudgetGrain : IGrainWithStringKey
{
    /// <summary>Asks for one request slot in <paramref name="lane"/> for <paramref name="tenant"/>.</summary>
    Task<BudgetReservation> ReserveAsync(string tenant, GorgiasLane lane);

    /// <summary>Asks again for the slot of <paramref name="ticket"/> (an unknown ticket is queued afresh).</summary>
    Task<BudgetReservation> ClaimAsync(long ticket, string tenant, GorgiasLane lane);

    /// <summary>The caller gave up waiting: its place is released.</summary>
    Task CancelAsync(long ticket);

    /// <summary>What a response said: corrects the level and limit; a 429 pauses the account.</summary>
    Task ObserveAsync(string tenant, GorgiasLane lane, BudgetObservation observation);

    /// <summary>Sets a tenant's ceiling: the share (0..1] of the account's limit it may use.</summary>
    Task SetCeilingAsync(string tenant, double ceiling);

    /// <summary>The budget figures, for one tenant or (null) the whole account.</summary>
    Task<AccountBudgetSnapshot> GetSnapshotAsync(string? tenant);
}
