using Microsoft.EntityFrameworkCore;
using Saas.Core.Data;
using Saas.Gorgias;

namespace Saas.Core.Tenancy;

/// <summary>What the tenancy module knows of a tenant: an immutable snapshot, safe to cache and pass around.</summary>
public sealed record TenantInfo(Guid Id, string Account, TenantState State);

/// <summary>Where tenants live (Finbuckle's store): looked up by id or by Gorgias account.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindByIdAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>The tenant of a Gorgias account; null for an unknown or malformed account (no query for a malformed one).</summary>
    Task<TenantInfo?> FindByAccountAsync(string account, CancellationToken cancellationToken = default);
}

/// <summary>
/// The store over <see cref="SaasDbContext.Tenants"/>: one indexed lookup, no tracking. Not cached: a lookup by
/// primary key or unique index is cheap, and a cache would keep a disconnected tenant alive for its lifetime.
/// </summary>
internal sealed class EfTenantStore(SaasDbContext db) : ITenantStore
{
    public Task<TenantInfo?> FindByIdAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        db.Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => new TenantInfo(t.Id, t.Account, t.State))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<TenantInfo?> FindByAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        if (!GorgiasAccount.TryParse(account, out var parsed))
        {
            return Task.FromResult<TenantInfo?>(null);
        }

        var subdomain = parsed.Subdomain;
        return db.Tenants.AsNoTracking()
            .Where(t => t.Account == subdomain)
            .Select(t => new TenantInfo(t.Id, t.Account, t.State))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
