namespace Saas.Core.Tenancy;

/// <summary>Where a tenant is in its life: installed, working, stopped by the merchant or by Gorgias, being deleted.</summary>
public enum TenantState
{
    Installing,
    Active,
    Paused,
    Disconnected,
    Purged,
}

/// <summary>
/// One Gorgias account that installed the app. Not tenant-owned itself (it is the tenant); everything a tenant owns
/// carries <see cref="ITenantOwned.TenantId"/>. Secrets are never stored here: the refresh token lives in the secret
/// store and the webhook secret only as a hash.
/// </summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>The Gorgias subdomain, unique: a reinstall finds and reuses this row.</summary>
    public required string Account { get; set; }

    public TenantState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? InstalledAt { get; set; }

    /// <summary>The Gorgias user who installed the app (the token's <c>sub</c>).</summary>
    public string? InstalledBy { get; set; }

    public string? GrantedScopes { get; set; }

    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>Why the tenant was disconnected, in words for the merchant and support (never a token or secret).</summary>
    public string? DisconnectReason { get; set; }

    /// <summary>When the tenant's data is purged if it does not reinstall first.</summary>
    public DateTimeOffset? PurgeAfter { get; set; }

    /// <summary>The id of the HTTP integration the app registered on the account.</summary>
    public long? WebhookIntegrationId { get; set; }

    /// <summary>SHA-256 of the per-tenant webhook secret (compared in constant time at intake).</summary>
    public byte[]? WebhookSecretHash { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public long Version { get; set; }
}

/// <summary>An entity that belongs to one tenant: filtered by the tenant context, and guarded on save.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>The record left after a tenant's data was purged: what was deleted and when.</summary>
[NotTenantOwned("A receipt outlives its tenant: it is written when the tenant's data is purged and read by support and audits afterwards.")]
public sealed class DeletionReceipt
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Account { get; set; }

    public DateTimeOffset DeletedAt { get; set; }

    /// <summary>What was deleted, in words and counts (e.g. "tenant row, refresh token, 0 mirrored tickets").</summary>
    public required string Summary { get; set; }
}
