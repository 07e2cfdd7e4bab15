using Microsoft.Extensions.Options;
using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

/// <summary>A Gorgias plan as far as the rate limit is concerned: enterprise accounts drain their bucket twice as fast.</summary>
public enum GorgiasPlan
{
    Standard = 0,
    Enterprise = 1,
}

/// <summary>
/// Settings of the account budgets (section <c>Budget</c>). The defaults are Gorgias' documented OAuth limits
/// (80 requests per 20 s, enterprise 80 per 10 s); the live figures always win: every response's
/// <c>X-Gorgias-Account-Api-Call-Limit</c> corrects the level and the limit. <see cref="TimeScale"/> exists for the
/// time-scaled sandbox (set it to the sandbox's <c>Sandbox:TimeScale</c>); against Gorgias it stays 1.
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "Budget";

    /// <summary>Requests per window (the bucket's capacity) until a response header says otherwise.</summary>
    public int Limit { get; set; } = 80;

    /// <summary>The window of the standard plans: the bucket drains <see cref="Limit"/> requests per window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The window of enterprise accounts.</summary>
    public TimeSpan EnterpriseWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Accounts (by subdomain) on a plan other than <see cref="GorgiasPlan.Standard"/>.</summary>
    public Dictionary<string, GorgiasPlan> Plans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Divides every window and every <c>Retry-after</c>: the sandbox's time scale (10 means ten times faster).
    /// Gorgias itself: 1.
    /// </summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>
    /// The share of the account's limit one tenant may use (rate and burst) unless set for that tenant; the rest is
    /// left to the merchant's other apps. 1 uses the whole limit.
    /// </summary>
    public double DefaultCeiling { get; set; } = 0.8;

    /// <summary>Requests of the bucket kept free to absorb timing jitter and the header's rounding.</summary>
    public int Headroom { get; set; } = 3;

    /// <summary>
    /// Guaranteed shares of the lanes when they compete (each &gt; 0, sum ≤ 1). A lane below its share is served
    /// first; otherwise the higher lane wins; a lane without demand leaves its share to the others.
    /// </summary>
    public Dictionary<GorgiasLane, double> LaneShares { get; set; } = new()
    {
        [GorgiasLane.Live] = 0.5,
        [GorgiasLane.Sync] = 0.3,
        [GorgiasLane.Backfill] = 0.2,
    };

    /// <summary>The longest a waiting caller sleeps before it asks again (real time).</summary>
    public TimeSpan MaxPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A waiting or granted ticket nobody asked about for this long is dropped (a caller that went away).</summary>
    public TimeSpan TicketTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a granted request counts as in flight when no response was observed for it (a caller that failed
    /// before reporting). In-flight requests keep the header from lowering the level too far.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after a 429 that carries no <c>Retry-after</c> (in account time, divided by <see cref="TimeScale"/>).</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The plan of an account.</summary>
    public GorgiasPlan PlanOf(string account) => Plans.TryGetValue(account, out var plan) ? plan : GorgiasPlan.Standard;

    /// <summary>The scheduler settings of one account, windows already divided by <see cref="TimeScale"/>.</summary>
    public BudgetSettings SettingsFor(string account)
    {
        var window = PlanOf(account) == GorgiasPlan.Enterprise ? EnterpriseWindow : Window;
        return new BudgetSettings
        {
            Limit = Limit,
            Window = window / TimeScale,
            RetryAfterScale = 1 / TimeScale,
            DefaultCeiling = DefaultCeiling,
            Headroom = Headroom,
            LaneShares = new Dictionary<GorgiasLane, double>(LaneShares),
            MaxPoll = MaxPoll,
            TicketTimeout = TicketTimeout,
            InFlightTimeout = InFlightTimeout,
            DefaultRetryAfter = DefaultRetryAfter / TimeScale,
        };
    }
}

/// <summary>
/// What one account's scheduler runs on: windows in real time (already scaled). Built by
/// <see cref="BudgetOptions.SettingsFor"/>; tests build it directly.
/// </summary>
public sealed record BudgetSettings
{
    public int Limit { get; init; } = 80;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Multiplies a response's <c>Retry-after</c> (the sandbox's seconds are shorter).</summary>
    public double RetryAfterScale { get; init; } = 1;

    public double DefaultCeiling { get; init; } = 0.8;
    public int Headroom { get; init; } = 3;

    public IReadOnlyDictionary<GorgiasLane, double> LaneShares { get; init; } = new Dictionary<GorgiasLane, double>
    {
        [GorgiasLane.Live] = 0.5,
        [GorgiasLane.Sync] = 0.3,
        [GorgiasLane.Backfill] = 0.2,
    };

    public TimeSpan MaxPoll { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan TicketTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan InFlightTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>Checks <see cref="BudgetOptions"/> at start-up, naming every bad setting.</summary>
internal sealed class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        var errors = new List<string>();
        if (options.Limit is < 1 or > 100_000)
        {
            errors.Add("Budget:Limit must be between 1 and 100000 requests.");
        }

        if (options.Window <= TimeSpan.Zero || options.Window > TimeSpan.FromHours(1))
        {
            errors.Add("Budget:Window must be greater than 0 and at most 1 hour.");
        }

        if (options.EnterpriseWindow <= TimeSpan.Zero || options.EnterpriseWindow > TimeSpan.FromHours(1))
        {
            errors.Add("Budget:EnterpriseWindow must be greater than 0 and at most 1 hour.");
        }

        if (!(options.TimeScale >= 0.001 && options.TimeScale <= 10_000))
        {
            errors.Add("Budget:TimeScale must be between 0.001 and 10000 (1 against Gorgias).");
        }

        if (!(options.DefaultCeiling > 0 && options.DefaultCeiling <= 1))
        {
            errors.Add("Budget:DefaultCeiling must be a share greater than 0 and at most 1.");
        }

        if (options.Headroom < 0 || options.Headroom >= options.Limit)
        {
            errors.Add("Budget:Headroom must be at least 0 and less than Budget:Limit.");
        }

        foreach (var lane in Enum.GetValues<GorgiasLane>())
        {
            if (!options.LaneShares.TryGetValue(lane, out var share) || !(share > 0 && share <= 1))
            {
                errors.Add($"Budget:LaneShares:{lane} must be a share greater than 0 and at most 1.");
            }
        }

        if (options.LaneShares.Values.Sum() > 1 + 1e-9)
        {
            errors.Add("Budget:LaneShares must add up to at most 1.");
        }

        if (options.MaxPoll <= TimeSpan.Zero || options.MaxPoll > TimeSpan.FromMinutes(1))
        {
            errors.Add("Budget:MaxPoll must be greater than 0 and at most 1 minute.");
        }

        if (options.TicketTimeout < options.MaxPoll * 2)
        {
            errors.Add("Budget:TicketTimeout must be at least twice Budget:MaxPoll.");
        }

        if (options.InFlightTimeout <= TimeSpan.Zero)
        {
            errors.Add("Budget:InFlightTimeout must be greater than 0.");
        }

        if (options.DefaultRetryAfter <= TimeSpan.Zero)
        {
            errors.Add("Budget:DefaultRetryAfter must be greater than 0.");
        }

        foreach (var account in options.Plans.Keys)
        {
            if (!Saas.Gorgias.GorgiasAccount.TryParse(account, out _))
            {
                errors.Add($"Budget:Plans has an invalid account subdomain '{account}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
