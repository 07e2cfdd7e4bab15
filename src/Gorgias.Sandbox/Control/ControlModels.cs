namespace Gorgias.Sandbox.Control;

// The wire types of the control API (/_sandbox/...), shared by the endpoints and SandboxControlClient.

public sealed record SandboxUser(long Id, string Email, string Name, string Role, string ApiKey);

public sealed record SandboxInstallation(
    Guid Id,
    string ClientId,
    long UserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

public sealed record SandboxIntegration(long Id, string Name, string Url, bool Active, DateTimeOffset? DeactivatedDatetime, int ConsecutiveFailures);

public sealed record SandboxCounts(int Users, int Teams, int Customers, int Tickets, int Messages, int Tags, int Events, int Integrations, int SatisfactionSurveys, int CustomFields);

public sealed record SandboxAccount(
    string Domain,
    long Id,
    string Plan,
    string BaseUrl,
    IReadOnlyList<SandboxUser> Users,
    IReadOnlyList<SandboxInstallation> Installations,
    IReadOnlyList<SandboxIntegration> Integrations,
    SandboxCounts Counts,
    IReadOnlyList<SandboxAppOnAccount> Apps);

/// <summary>A registered app as an account sees it: installed (by a live installation) or not.</summary>
public sealed record SandboxAppOnAccount(string ClientId, string Name, string AppUrl, string? ConnectUrl, bool Installed);

public sealed record CreateAccountRequest(string Domain, string? Plan = null, int? Tickets = null, int? Customers = null, int? Agents = null, double? BackgroundLoadPerSecond = null);

// OAuth apps and installs (Control/OAuthControlEndpoints.cs).

/// <summary>A registered OAuth app (the Developer Portal's draft app): its credentials, App URL and Redirect URLs.</summary>
public sealed record SandboxApp(string ClientId, string ClientSecret, string Name, string AppUrl, IReadOnlyList<string> RedirectUris);

/// <summary>Registers (or replaces) an app; a missing client id or secret is generated, a missing secret of an existing app is kept.</summary>
public sealed record RegisterAppRequest(IReadOnlyList<string> RedirectUris, string? ClientId = null, string? ClientSecret = null, string? Name = null, string? AppUrl = null);

/// <summary>Tokens of a headless install (sandbox only): what the token endpoint would answer, plus the installation.</summary>
public sealed record SandboxTokens(string AccessToken, string? RefreshToken, int ExpiresIn, string Scope, string TokenType, string? IdToken, Guid InstallationId, long UserId);

public sealed record InstallRequest(string ClientId, IReadOnlyList<string> Scopes, long? UserId = null);

public sealed record UninstallRequest(bool? RevokeAccessTokens = null);

public sealed record UninstallResult(int Revoked);

public sealed record ExpireTokensRequest(string? ClientId = null);

public sealed record ExpireTokensResult(int Expired);
/// <summary>One API request as the request log keeps it (<c>GET /_sandbox/accounts/{account}/requests</c>).</summary>
public sealed record SandboxRequestLogEntry(
    DateTimeOffset At,
    string Method,
    string Path,
    int Status,
    string? Credential,
    string? ClientId,
    double DurationMs,
    string? Fault,
    string? RateLimit,
    string? Detail = null);

/// <summary>One webhook delivery attempt (<c>GET /_sandbox/accounts/{account}/webhooks/deliveries</c>); attempts of a delivery share its id.</summary>
public sealed record SandboxWebhookDelivery(
    long Id,
    DateTimeOffset At,
    long IntegrationId,
    string Trigger,
    long TicketId,
    string Method,
    string Url,
    int Attempt,
    int? Status,
    string? Error,
    double DurationMs,
    string Outcome,
    string? Fault);

/// <summary>Body and answer of <c>PUT /_sandbox/accounts/{account}/background-load</c>.</summary>
public sealed record BackgroundLoadRequest(double PerSecond);

/// <summary>One leaky bucket of an account (<c>client_id</c> only with per-app OAuth buckets).</summary>
public sealed record SandboxRateLimitBucket(string Kind, string? ClientId, int Used, int Limit, double WindowSeconds);

/// <summary>Answer of <c>GET /_sandbox/accounts/{account}/rate-limit</c>.</summary>
public sealed record SandboxRateLimitStatus(bool Enabled, double TimeScale, double BackgroundLoadPerSecond, IReadOnlyList<SandboxRateLimitBucket> Buckets);
