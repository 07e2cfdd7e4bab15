using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Saas.Core.Tenancy;

/// <summary>
/// The model convention behind tenant isolation: every <see cref="ITenantOwned"/> entity gets the named query filter
/// <c>e =&gt; e.TenantId == current tenant</c> (<see cref="Name"/>), like Finbuckle's <c>IsMultiTenant()</c> but
/// applied to all of them so none can be forgotten. Being named (EF Core 10), it coexists with other filters and can
/// be lifted alone: <c>IgnoreQueryFilters([TenantQueryFilter.Name])</c>, which only system work should do.
/// </summary>
public static class TenantQueryFilter
{
    /// <summary>The filter's key in the model.</summary>
    public const string Name = "Tenant";

    /// <summary>
    /// Adds the filter to every tenant-owned root entity type in <paramref name="modelBuilder"/>. The current tenant
    /// is read per query from <paramref name="currentTenantId"/>, a property of the context (EF Core swaps in the
    /// running context), so the cached model serves every tenant.
    /// </summary>
    internal static void ApplyToTenantOwnedEntities<TContext>(ModelBuilder modelBuilder, TContext context, string currentTenantId)
        where TContext : DbContext
    {
        var current = Expression.Property(Expression.Constant(context), currentTenantId);
        if (current.Type != typeof(Guid?))
        {
            throw new InvalidOperationException($"{typeof(TContext).Name}.{currentTenantId} must be a Guid?.");
        }

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null || entityType.IsOwned())
            {
                continue;
            }

            var entity = Expression.Parameter(entityType.ClrType, "e");
            var tenantId = Expression.Property(Expression.Convert(entity, typeof(ITenantOwned)), nameof(ITenantOwned.TenantId));
            var filter = Expression.Lambda(Expression.Equal(Expression.Convert(tenantId, typeof(Guid?)), current), entity);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(Name, filter);
        }
    }
}

/// <summary>
/// Marks an entity that has a <c>TenantId</c> but is deliberately not tenant-owned (not filtered, not guarded), with
/// the reason. The model test accepts an unfiltered <c>TenantId</c> only on a type carrying this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotTenantOwnedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
