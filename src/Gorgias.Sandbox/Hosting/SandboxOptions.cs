using System.ComponentModel.DataAnnotations;

namespace Gorgias.Sandbox.Hosting;

/// <summary>Everything the sandbox can be told, bound from the <c>Sandbox</c> configuration section.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Seed of the deterministic data generator.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Create the configured accounts and their data at start-up.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>Accounts created at start-up, keyed by subdomain.</summary>
    public Dictionary<string, AccountSeedOptions> Accounts { get; set; } = new(StringComparer.Ordinal)
    {
        ["acme"] = new AccountSeedOptions { Plan = AccountPlan.Standard, Tickets = 300, Customers = 120 },
        ["globex"] = new AccountSeedOptions { Plan = AccountPlan.Enterprise, Tickets = 150, Customers = 60 },
    };

    /// <summary>Registered OAuth apps, keyed by client id.</summary>
    public Dictionary<string, AppRegistrationOptions> Apps { get; set; } = new(StringComparer.Ordinal)
    {
        ["demo-app"] = new AppRegistrationOptions
        {
            Name = "Ticket Autopilot (demo)",
            ClientSecret = "demo-secret",
            AppUrl = "http://127.0.0.1:5080/gorgias/install",
            RedirectUris = ["http://127.0.0.1:5080/gorgias/callback"],
        },
    };

    public RateLimitOptions RateLimits { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>Compresses every sandbox window (rate-limit windows, webhook back-off): 10 means ten times faster.</summary>
    [Range(0.001, 10_000)]
    public double TimeScale { get; set; } = 1;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a pagination cursor stays valid after it was issued.</summary>
    public TimeSpan CursorLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The authorize step acts as if the account admin signed in and clicked Approve.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>Issue a new refresh token on every refresh and revoke the old one (Gorgias does not; for tests).</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Uninstalling an app also refuses its unexpired access tokens at once (Gorgias keeps them valid until exp).</summary>
    public bool RevokeAccessTokensOnUninstall { get; set; }

    /// <summary>
    /// How long after its creation an outgoing message without <c>sent_datetime</c> is sent (divided by
    /// <see cref="TimeScale"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MessageSendDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest request body the API accepts (413 above).</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

public enum AccountPlan
{
    Standard,
    Enterprise,
}

public sealed class AccountSeedOptions
{
    public AccountPlan Plan { get; set; } = AccountPlan.Standard;

    [Range(0, 5_000_000)]
    public int Tickets { get; set; } = 200;

    [Range(0, 5_000_000)]
    public int Customers { get; set; } = 100;

    [Range(1, 500)]
    public int Agents { get; set; } = 4;

    /// <summary>Requests per second another integration of the merchant spends from the OAuth bucket.</summary>
    public double BackgroundLoadPerSecond { get; set; }
}

public sealed class AppRegistrationOptions
{
    public string Name { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string AppUrl { get; set; } = "";
    public List<string> RedirectUris { get; set; } = [];
}

public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int OAuthLimit { get; set; } = 80;

    [Range(1, 1_000_000)]
    public int ApiKeyLimit { get; set; } = 40;

    [Range(0.001, 3600)]
    public double WindowSeconds { get; set; } = 20;

    [Range(0.001, 3600)]
    public double EnterpriseWindowSeconds { get; set; } = 10;

    /// <summary>Give every OAuth app its own bucket on an account (the documented default shares one bucket).</summary>
    public bool PerAppBuckets { get; set; }
}

public sealed class WebhookOptions
{
    /// <summary>Attempts per delivery (the first try included) before it is given up.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed requests after which Gorgias deactivates an HTTP integration.</summary>
    [Range(1, 100_000)]
    public int DisableAfterConsecutiveFailures { get; set; } = 100;
}
