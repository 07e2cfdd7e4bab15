using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Saas.Core.Data;

namespace Saas.Core.Tenancy;

/// <summary>
/// Contexts for work outside a request (Orleans grains, hosted services), bound to a tenant when created, so there
/// is no ambient state to forget: <c>await using var db = contexts.CreateForTenant(tenantId);</c>. The caller
/// disposes the context.
/// </summary>
public interface ITenantDbContextFactory
{
    /// <summary>A context whose current tenant is <paramref name="tenantId"/> for its whole life.</summary>
    SaasDbContext CreateForTenant(Guid tenantId);

    /// <summary>A context in an explicit system scope (see <see cref="TenantContext.BeginSystemScope"/>); the reason is logged.</summary>
    SaasDbContext CreateForSystem(string reason);
}

internal sealed class TenantDbContextFactory(DbContextOptions<SaasDbContext> options, ILogger<TenantContext> logger) : ITenantDbContextFactory
{
    public SaasDbContext CreateForTenant(Guid tenantId)
    {
        var tenant = new TenantContext(logger);
        tenant.Begin(tenantId);
        return new SaasDbContext(options, tenant);
    }

    public SaasDbContext CreateForSystem(string reason)
    {
        var tenant = new TenantContext(logger);
        tenant.BeginSystemScope(reason);
        return new SaasDbContext(options, tenant);
    }
}
