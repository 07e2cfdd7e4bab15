using System.Collections.Concurrent;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.RateLimiting;

/// <summary>The answer of the bucket to one request.</summary>
internal readonly record struct RateDecision(bool Allowed, int Used, int Limit, int RetryAfterSeconds);

/// <summary>
/// Gorgias' leaky bucket: per account and per kind of credential (OAuth apps share one bucket by default), capacity
/// = limit, draining limit/window per second; a request that would overflow is refused with the whole seconds until
/// it fits. Windows are divided by <see cref="SandboxOptions.TimeScale"/>; Retry-after is in sandbox seconds.
/// </summary>
internal sealed class RateLimiter(IOptionsMonitor<SandboxOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    private sealed class Bucket
    {
        public readonly Lock Sync = new();
        public double Level;
        public long LastTicks;
    }

    public (int Limit, double WindowSeconds) LimitFor(AccountState account, CredentialKind kind)
    {
        var limits = options.CurrentValue.RateLimits;
        var limit = kind == CredentialKind.OAuth ? limits.OAuthLimit : limits.ApiKeyLimit;
        var window = account.Plan == AccountPlan.Enterprise ? limits.EnterpriseWindowSeconds : limits.WindowSeconds;
        return (limit, window);
    }

    private string Key(AccountState account, Caller caller) =>
        caller.Kind == CredentialKind.OAuth && options.CurrentValue.RateLimits.PerAppBuckets
            ? $"{account.Domain}|oauth|{caller.ClientId}"
            : $"{account.Domain}|{caller.Label}";

    /// <summary>Counts one request, or refuses it.</summary>
    public RateDecision Acquire(AccountState account, Caller caller)
    {
        var (limit, window) = LimitFor(account, caller.Kind);
        if (!options.CurrentValue.RateLimits.Enabled)
        {
            return new RateDecision(true, 0, limit, 0);
        }

        var scale = options.CurrentValue.TimeScale;
        var drainPerSecond = limit / window * scale;

        // Other integrations of the merchant only spend from the OAuth bucket.
        var background = caller.Kind == CredentialKind.OAuth ? account.BackgroundLoadPerSecond * scale : 0;
        var bucket = _buckets.GetOrAdd(Key(account, caller), _ => new Bucket { LastTicks = clock.GetUtcNow().UtcTicks });
        lock (bucket.Sync)
        {
            Advance(bucket, drainPerSecond, background, limit);
            if (bucket.Level + 1 > limit + 1e-9)
            {
                var realSeconds = (bucket.Level + 1 - limit) / Math.Max(drainPerSecond - background, drainPerSecond * 0.05);
                var retryAfter = Math.Max(1, (int)Math.Ceiling(realSeconds * scale - 1e-9));
                return new RateDecision(false, (int)Math.Ceiling(bucket.Level - 1e-9), limit, retryAfter);
            }

            bucket.Level += 1;
            return new RateDecision(true, (int)Math.Ceiling(bucket.Level - 1e-9), limit, 0);
        }
    }

    /// <summary>The bucket's level without counting a request (for the control API and the UI).</summary>
    public int Peek(AccountState account, Caller caller)
    {
        var (limit, window) = LimitFor(account, caller.Kind);
        if (!_buckets.TryGetValue(Key(account, caller), out var bucket))
        {
            return 0;
        }

        var scale = options.CurrentValue.TimeScale;
        var background = caller.Kind == CredentialKind.OAuth ? account.BackgroundLoadPerSecond * scale : 0;
        lock (bucket.Sync)
        {
            Advance(bucket, limit / window * scale, background, limit);
            return (int)Math.Ceiling(bucket.Level - 1e-9);
        }
    }

    private void Advance(Bucket bucket, double drainPerSecond, double backgroundPerSecond, int limit)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var elapsed = Math.Max(0, now - bucket.LastTicks) / (double)TimeSpan.TicksPerSecond;
        bucket.LastTicks = now;
        bucket.Level = Math.Clamp(bucket.Level + ((backgroundPerSecond - drainPerSecond) * elapsed), 0, limit);
    }

    public void Reset(string? account = null)
    {
        foreach (var key in _buckets.Keys)
        {
            if (account is null || key.StartsWith(account + "|", StringComparison.Ordinal))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }
}
