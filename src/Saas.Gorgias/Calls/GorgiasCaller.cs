namespace Saas.Gorgias.Calls;

/// <summary>
/// The priority lanes of an account's API budget, highest first: live tagging, incremental sync, then backfill and
/// backtest fetches. Every call names its lane.
/// </summary>
public enum GorgiasLane
{
    Live = 0,
    Sync = 1,
    Backfill = 2,
}

/// <summary>
/// Who makes a Gorgias API call: the account (where it goes and whose rate budget it spends), the tenant (whose
/// access token it carries and whose circuit breaker it trips) and the lane (its priority in the budget).
/// A caller made by <see cref="WithAccessToken"/> carries a fixed token (the install, before the tenant's workers
/// exist); otherwise the token comes from <see cref="IGorgiasAccessTokens"/>. The token never shows in
/// <see cref="ToString"/>.
/// </summary>
public sealed class GorgiasCaller
{
    public GorgiasCaller(GorgiasAccount account, string tenant, GorgiasLane lane)
        : this(account, tenant, lane, null)
    {
    }

    private GorgiasCaller(GorgiasAccount account, string tenant, GorgiasLane lane, string? accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account.Subdomain, nameof(account));
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        Account = account;
        Tenant = tenant;
        Lane = lane;
        FixedAccessToken = accessToken;
    }

    public GorgiasAccount Account { get; }

    /// <summary>The tenant's key (the app's tenant id): the unit of token ownership and circuit breaking.</summary>
    public string Tenant { get; }

    public GorgiasLane Lane { get; }

    /// <summary>A token given by the caller itself; null when <see cref="IGorgiasAccessTokens"/> provides it.</summary>
    internal string? FixedAccessToken { get; }

    /// <summary>A caller with its own access token (the install and uninstall, which hold a fresh one).</summary>
    public static GorgiasCaller WithAccessToken(GorgiasAccount account, string tenant, GorgiasLane lane, string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return new GorgiasCaller(account, tenant, lane, accessToken);
    }

    /// <summary>The same caller in another lane.</summary>
    public GorgiasCaller In(GorgiasLane lane) => new(Account, Tenant, lane, FixedAccessToken);

    public override string ToString() => $"{Account.Subdomain}/{Tenant}/{Lane}";
}
