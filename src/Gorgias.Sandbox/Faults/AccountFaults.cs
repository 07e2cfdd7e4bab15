namespace Gorgias.Sandbox.Faults;

/// <summary>
/// The faults switched on for one account through the control API. All off by default; every request or delivery a
/// fault touches is marked in the request log or the webhook delivery log. Reads and writes take <see cref="Sync"/>.
/// </summary>
internal sealed class AccountFaults
{
    public Lock Sync { get; } = new();

    /// <summary>Deterministic source for the probabilistic faults.</summary>
    public Random Random { get; set; } = new(1);

    /// <summary>Added to every API response.</summary>
    public TimeSpan ApiLatency { get; set; }

    /// <summary>Share (0..1) of API requests answered with <see cref="ServerErrorStatus"/> instead of being served.</summary>
    public double ServerErrorRate { get; set; }

    public int ServerErrorStatus { get; set; } = 500;

    /// <summary>Until this instant every API request is answered 429 with <see cref="StormRetryAfterSeconds"/>.</summary>
    public DateTimeOffset? RateLimitStormUntil { get; set; }

    public int StormRetryAfterSeconds { get; set; } = 7;

    /// <summary>Share (0..1) of webhook deliveries silently dropped.</summary>
    public double WebhookDropRate { get; set; }

    /// <summary>Share (0..1) of webhook deliveries sent twice.</summary>
    public double WebhookDuplicateRate { get; set; }

    /// <summary>Delay before each webhook delivery.</summary>
    public TimeSpan WebhookDelay { get; set; }

    /// <summary>Hold webhook deliveries in batches of this size and send each batch in reverse order (0 = off).</summary>
    public int WebhookReorderWindow { get; set; }

    /// <summary>The token endpoint answers this status (e.g. 503) instead of issuing tokens (null = off).</summary>
    public int? TokenEndpointStatus { get; set; }

    /// <summary>Share (0..1) of outgoing messages whose sending fails (failed_datetime, ticket-message-failed).</summary>
    public double MessageSendFailureRate { get; set; }

    /// <summary>A copy of the current settings for the control API.</summary>
    public FaultSettings Read()
    {
        lock (Sync)
        {
            return new FaultSettings
            {
                ApiLatencyMs = ApiLatency.TotalMilliseconds,
                ServerErrorRate = ServerErrorRate,
                ServerErrorStatus = ServerErrorStatus,
                RateLimitStormUntil = RateLimitStormUntil,
                StormRetryAfterSeconds = StormRetryAfterSeconds,
                WebhookDropRate = WebhookDropRate,
                WebhookDuplicateRate = WebhookDuplicateRate,
                WebhookDelayMs = WebhookDelay.TotalMilliseconds,
                WebhookReorderWindow = WebhookReorderWindow,
                TokenEndpointStatus = TokenEndpointStatus,
                MessageSendFailureRate = MessageSendFailureRate,
            };
        }
    }
}

/// <summary>The wire form of an account's faults (GET/PUT /_sandbox/accounts/{account}/faults).</summary>
public sealed record FaultSettings
{
    public double ApiLatencyMs { get; init; }
    public double ServerErrorRate { get; init; }
    public int ServerErrorStatus { get; init; } = 500;
    public DateTimeOffset? RateLimitStormUntil { get; init; }
    public int StormRetryAfterSeconds { get; init; } = 7;
    public double WebhookDropRate { get; init; }
    public double WebhookDuplicateRate { get; init; }
    public double WebhookDelayMs { get; init; }
    public int WebhookReorderWindow { get; init; }
    public int? TokenEndpointStatus { get; init; }
    public double MessageSendFailureRate { get; init; }

    /// <summary>Write-only convenience: a 429 storm for this many seconds from now (sets <see cref="RateLimitStormUntil"/>).</summary>
    public double? RateLimitStormSeconds { get; init; }
}
