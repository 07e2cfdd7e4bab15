using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Saas.Core.Tenancy;

/// <summary>
/// The save-time half of tenant isolation, run by the context before every save: each added, modified or deleted
/// <see cref="ITenantOwned"/> row must belong to the current tenant (its original and its current <c>TenantId</c>),
/// and there must be a current tenant, else <see cref="TenantMismatchException"/> and nothing is written. An added row
/// with an empty <c>TenantId</c> is given the current tenant (as Finbuckle does). In an explicit system scope any
/// tenant's rows may be written, but an added row must still name its tenant.
/// </summary>
internal static class TenantSaveGuard
{
    public static void Check(ChangeTracker changeTracker, ITenantContext tenant)
    {
        foreach (var entry in changeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Check(entry, tenant);
            }
        }
    }

    private static void Check(EntityEntry<ITenantOwned> entry, ITenantContext tenant)
    {
        var entityType = entry.Metadata.DisplayName();
        var change = entry.State.ToString().ToLowerInvariant();
        var owner = entry.Entity.TenantId;

        if (tenant.IsSystemScope)
        {
            if (owner == Guid.Empty)
            {
                throw TenantMismatchException.NoOwner(entityType);
            }

            return;
        }

        if (tenant.TenantId is not { } current)
        {
            throw TenantMismatchException.NoCurrentTenant(entityType, change, owner);
        }

        if (entry.State == EntityState.Added)
        {
            if (owner == Guid.Empty)
            {
                entry.Entity.TenantId = current;
            }
            else if (owner != current)
            {
                throw TenantMismatchException.OtherTenant(entityType, change, owner, current);
            }

            return;
        }

        var original = entry.Property<Guid>(nameof(ITenantOwned.TenantId)).OriginalValue;
        if (original != current || owner != current)
        {
            throw TenantMismatchException.OtherTenant(entityType, change, original != current ? original : owner, current);
        }
    }
}
