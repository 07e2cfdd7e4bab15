using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Saas.Gorgias.Calls;

/// <summary>
/// How hard the Gorgias client tries (section <c>Gorgias:Resilience</c>). Defaults suit production: a slow answer
/// gets 15 s, a call 90 s in all; up to 4 retries with exponential back-off and jitter from 1 s (capped at 20 s), or
/// after <c>Retry-after</c> on a 429 when that is at most <see cref="MaxRetryAfter"/>; a tenant's circuit opens for
/// 30 s when half of at least 10 calls within 30 s failed (5xx, 408, timeout, connection).
/// </summary>
public sealed class GorgiasResilienceOptions
{
    public const string Section = "Gorgias:Resilience";

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Gorgias:Resilience:AttemptTimeout must be between 10 ms and 10 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Gorgias:Resilience:TotalTimeout must be between 10 ms and 1 hour.")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    [Range(0, 10, ErrorMessage = "Gorgias:Resilience:MaxRetryAttempts must be between 0 and 10.")]
    public int MaxRetryAttempts { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Gorgias:Resilience:RetryBaseDelay must be between 0 and 1 minute.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Gorgias:Resilience:MaxRetryDelay must be between 0 and 10 minutes.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A 429 whose <c>Retry-after</c> is longer is not waited for here: the caller gets a <see cref="Api.GorgiasRateLimitedException"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Gorgias:Resilience:MaxRetryAfter must be between 0 and 10 minutes.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    [Range(0.01, 1.0, ErrorMessage = "Gorgias:Resilience:BreakerFailureRatio must be between 0.01 and 1.")]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000, ErrorMessage = "Gorgias:Resilience:BreakerMinimumThroughput must be between 2 and 10000.")]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Gorgias:Resilience:BreakerSamplingDuration must be between 0.5 s and 1 hour.")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Gorgias:Resilience:BreakDuration must be between 0.5 s and 1 hour.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What annotations cannot check: an attempt must fit in the whole call.</summary>
internal sealed class GorgiasResilienceOptionsValidator : IValidateOptions<GorgiasResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, GorgiasResilienceOptions options) =>
        options.AttemptTimeout > options.TotalTimeout
            ? ValidateOptionsResult.Fail($"Gorgias:Resilience:AttemptTimeout ({options.AttemptTimeout}) must not exceed TotalTimeout ({options.TotalTimeout}).")
            : ValidateOptionsResult.Success;
}
