using Microsoft.Extensions.Caching.Memory;

namespace Saas.Gorgias.OAuth;

/// <summary>
/// Makes each OAuth <c>state</c> single use: the handler consumes the state's id before it spends the code, so a
/// replayed callback is refused before any token request (a replayed code would make Gorgias revoke the grant).
/// </summary>
public interface IOAuthStateReplayGuard
{
    /// <summary>True the first time for <paramref name="stateId"/>, false ever after (until <paramref name="expiresAt"/>, when the state is refused as expired anyway).</summary>
    bool TryConsume(string stateId, DateTimeOffset expiresAt);
}

/// <summary>
/// The used-state set in process memory. With several replicas a replay reaching another replica is still stopped by
/// the correlation cookie (deleted on first use) and by Gorgias' single-use codes; a shared store can replace this.
/// </summary>
internal sealed class MemoryStateReplayGuard(IMemoryCache cache) : IOAuthStateReplayGuard
{
    private readonly Lock _gate = new();

    public bool TryConsume(string stateId, DateTimeOffset expiresAt)
    {
        var key = "gorgias-oauth-state:" + stateId;
        lock (_gate)
        {
            if (cache.TryGetValue(key, out _))
            {
                return false;
            }

            using var entry = cache.CreateEntry(key);
            entry.Value = true;
            entry.AbsoluteExpiration = expiresAt;
            entry.Size = 1;
            return true;
        }
    }
}
