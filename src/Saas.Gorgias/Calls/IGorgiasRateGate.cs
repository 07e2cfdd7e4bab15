using System.Net;

namespace Saas.Gorgias.Calls;

/// <summary>
/// The account's API budget as the Gorgias client sees it: every attempt waits for its turn first and reports what
/// the response said afterwards. In the app this is the account budget grain (a leaky bucket per Gorgias account,
/// lanes, a per-tenant ceiling, a shared pause after a 429).
/// </summary>
public interface IGorgiasRateGate
{
    /// <summary>Waits until the caller's lane may send one request to the account (or the token is cancelled).</summary>
    ValueTask WaitAsync(GorgiasCaller caller, CancellationToken cancellationToken);

    /// <summary>What one response said about the account's budget.</summary>
    ValueTask ObserveAsync(GorgiasCaller caller, GorgiasRateObservation observation, CancellationToken cancellationToken);
}

/// <summary>
/// One response's word on the budget: its status, the <c>X-Gorgias-Account-Api-Call-Limit: used/limit</c> header
/// when present, and <c>Retry-after</c> on a 429.
/// </summary>
public readonly record struct GorgiasRateObservation(HttpStatusCode Status, int? Used, int? Limit, TimeSpan? RetryAfter, DateTimeOffset At);
