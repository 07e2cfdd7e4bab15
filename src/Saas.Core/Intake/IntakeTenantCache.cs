using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saas.Core.Data;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>What intake needs to know of a tenant: its state and its webhook secret's hash.</summary>
internal sealed record IntakeTenant(Guid Id, TenantState State, byte[]? SecretHash);

/// <summary>
/// The tenants intake has looked up, kept for <see cref="IntakeOptions.TenantCacheDuration"/> so a burst of webhooks
/// costs one primary-key read. Staleness is bounded and safe: a secret that does not match the cached hash is checked
/// again against the database (a reinstall's new secret works at once), a disconnect is seen within the cache
/// duration (rows accepted meanwhile are the tenant's own and are purged with it), and unknown tenants are not
/// cached (a fresh install is found at once). <see cref="Invalidate"/> drops one tenant.
/// </summary>
internal sealed class IntakeTenantCache(DbContextOptions<SaasDbContext> options, IOptions<IntakeOptions> intake, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (IntakeTenant Tenant, long ExpiresAt)> _entries = new();

    public async ValueTask<IntakeTenant?> GetAsync(Guid tenantId, bool fresh, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (!fresh && _entries.TryGetValue(tenantId, out var entry) && now < entry.ExpiresAt)
        {
            return entry.Tenant;
        }

        await using var db = new SaasDbContext(options);
        var tenant = await db.Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => new IntakeTenant(t.Id, t.State, t.WebhookSecretHash))
            .FirstOrDefaultAsync(cancellationToken);
        var duration = intake.Value.TenantCacheDuration;
        if (tenant is null || duration <= TimeSpan.Zero)
        {
            _entries.TryRemove(tenantId, out _);
            return tenant;
        }

        _entries[tenantId] = (tenant, now + (long)(duration.TotalSeconds * clock.TimestampFrequency));
        return tenant;
    }

    public void Invalidate(Guid tenantId) => _entries.TryRemove(tenantId, out _);
}
