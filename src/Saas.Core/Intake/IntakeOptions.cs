using Microsoft.Extensions.Options;

namespace Saas.Core.Intake;

/// <summary>
/// The webhook intake and the inbox (section <c>Intake</c>), validated at start-up. The defaults suit production;
/// tests shorten the sweeper's times.
/// </summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>The largest accepted webhook body in bytes (bigger → 413). Gorgias' ticket bodies are a few KB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a tenant's secret hash and state are cached in memory (0 = no cache).</summary>
    public TimeSpan TenantCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> (seconds) sent with a 503 when the inbox cannot be written.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// SQLite only: how long the intake writer waits for another writer's lock before answering 503 (shorter than the
    /// app's <c>Database:SqliteBusyTimeoutMilliseconds</c> so Gorgias gets an answer before its own timeout).
    /// </summary>
    public int SqliteBusyTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>The most rows the writer commits in one transaction (group commit).</summary>
    public int MaxWriteBatch { get; set; } = 256;

    /// <summary>
    /// The most pieces of processing work (claims, outcomes, handlers' saves) one group commit carries; the rest wait
    /// for the next commit. Keeps the deliveries' commit (and so Gorgias' 200) from waiting behind a burst of processing.
    /// </summary>
    public int MaxWorkPerBatch { get; set; } = 8;

    /// <summary>
    /// A group commit carrying at least this many deliveries means webhooks arrive faster than the writer commits
    /// them one or two at a time: the intake is busy, and the tenants' processing passes defer for a while (see
    /// <see cref="IIntakePressure"/>), so answering Gorgias keeps the CPU first.
    /// </summary>
    public int BusyBatchRows { get; set; } = 8;

    /// <summary>Attempts before a row goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The back-off after the first failure; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a processor holds the rows it claimed; after it the rows are free again (a processor that died).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most rows one claim takes.</summary>
    public int ClaimBatch { get; set; } = 100;

    /// <summary>How often the sweeper looks for rows a lost nudge or a dead processor left behind.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A never-tried row older than this is re-dispatched by the sweeper (its nudge was lost).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a processed (<see cref="InboxEventState.Done"/>) row is kept before the sweeper deletes it, so the table
    /// does not only grow. At least 2 days: webhook health looks back up to a day (plus its interval) for a ticket's
    /// row, and a row deleted too early would be fetched and processed again. Dead letters are never deleted.
    /// </summary>
    public TimeSpan DoneRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most done rows one retention delete removes (one statement, one short turn of the writer).</summary>
    public int RetentionBatch { get; set; } = 500;

    /// <summary>Run the sweeper (off only where another component re-dispatches).</summary>
    public bool SweeperEnabled { get; set; } = true;

    /// <summary>The back-off before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay;
        for (var i = 1; i < failures && delay < MaxRetryDelay; i++)
        {
            delay *= 2;
        }

        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

/// <summary>Start-up validation of <see cref="IntakeOptions"/>, saying what to set.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var failures = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add($"{IntakeOptions.Section}:{message}");
            }
        }

        Require(options.MaxBodyBytes is >= 1024 and <= 64 * 1024 * 1024, "MaxBodyBytes must be between 1024 and 67108864 bytes.");
        Require(options.TenantCacheDuration >= TimeSpan.Zero && options.TenantCacheDuration <= TimeSpan.FromMinutes(5), "TenantCacheDuration must be between 0 and 5 minutes.");
        Require(options.RetryAfterSeconds is >= 1 and <= 3600, "RetryAfterSeconds must be between 1 and 3600.");
        Require(options.SqliteBusyTimeoutMilliseconds is >= 0 and <= 60_000, "SqliteBusyTimeoutMilliseconds must be between 0 and 60000.");
        Require(options.MaxWriteBatch is >= 1 and <= 10_000, "MaxWriteBatch must be between 1 and 10000.");
        Require(options.MaxWorkPerBatch is >= 1 and <= 10_000, "MaxWorkPerBatch must be between 1 and 10000.");
        Require(options.BusyBatchRows is >= 2 and <= 10_000, "BusyBatchRows must be between 2 and 10000.");
        Require(options.MaxAttempts is >= 1 and <= 100, "MaxAttempts must be between 1 and 100.");
        Require(options.FirstRetryDelay > TimeSpan.Zero, "FirstRetryDelay must be positive.");
        Require(options.MaxRetryDelay >= options.FirstRetryDelay, "MaxRetryDelay must be at least FirstRetryDelay.");
        Require(options.LeaseDuration >= TimeSpan.FromSeconds(1), "LeaseDuration must be at least 1 second.");
        Require(options.ClaimBatch is >= 1 and <= 10_000, "ClaimBatch must be between 1 and 10000.");
        Require(options.SweepInterval >= TimeSpan.FromMilliseconds(100), "SweepInterval must be at least 100 ms.");
        Require(options.StaleAfter >= TimeSpan.Zero, "StaleAfter must be 0 or more.");
        Require(options.DoneRetention >= TimeSpan.FromDays(2), "DoneRetention must be at least 2 days (webhook health looks back up to a day for a ticket's row).");
        Require(options.RetentionBatch is >= 1 and <= 100_000, "RetentionBatch must be between 1 and 100000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
