using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Saas.Core.Data;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Tenancy;

/// <summary>
/// The safety net for isolation: every entity type with a TenantId carries the tenant filter, in both providers'
/// models. An entity added later without it makes this fail (unless it is deliberately marked [NotTenantOwned]).
/// </summary>
public sealed class TenantQueryFilterShould
{
    /// <summary>Entity types with a TenantId property that lack the named tenant filter and are not deliberately exempt.</summary>
    internal static List<string> UnfilteredTenantEntities(IModel model) =>
        model.GetEntityTypes()
            .Where(e => e.FindProperty(nameof(ITenantOwned.TenantId)) is not null)
            .Where(e => e.GetRootType().FindDeclaredQueryFilter(TenantQueryFilter.Name) is null)
            .Where(e => e.ClrType.GetCustomAttribute<NotTenantOwnedAttribute>() is not { Reason.Length: > 0 })
            .Select(e => e.DisplayName())
            .ToList();

    private static SaasDbContext Context(DatabaseProvider provider) =>
        new(new DbContextOptionsBuilder<SaasDbContext>()
            .UseSaasProvider(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Server=none;Database=saas")
            .Options);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Be_on_every_entity_type_that_has_a_tenant_id(DatabaseProvider provider)
    {
        using var db = Context(provider);

        db.Model.GetEntityTypes().Count(e => e.FindProperty(nameof(ITenantOwned.TenantId)) is not null).ShouldBeGreaterThan(0);
        UnfilteredTenantEntities(db.Model).ShouldBeEmpty("Every entity with a TenantId must implement ITenantOwned (or be marked [NotTenantOwned] with a reason).");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Be_on_every_tenant_owned_entity_and_only_there(DatabaseProvider provider)
    {
        using var db = Context(provider);

        foreach (var entityType in db.Model.GetEntityTypes())
        {
            var filtered = entityType.FindDeclaredQueryFilter(TenantQueryFilter.Name) is not null;
            filtered.ShouldBe(typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType), entityType.DisplayName());
        }

        db.Model.FindEntityType(typeof(TenantActivity))!.FindDeclaredQueryFilter(TenantQueryFilter.Name).ShouldNotBeNull();
        db.Model.FindEntityType(typeof(Tenant))!.GetDeclaredQueryFilters().ShouldBeEmpty();
    }

    [Fact]
    public void Exempt_only_deletion_receipts_and_say_why()
    {
        using var db = Context(DatabaseProvider.Sqlite);

        var exempt = db.Model.GetEntityTypes().Where(e => e.ClrType.GetCustomAttribute<NotTenantOwnedAttribute>() is not null).ToList();

        exempt.Select(e => e.ClrType).ShouldBe([typeof(DeletionReceipt)]);
        exempt[0].ClrType.GetCustomAttribute<NotTenantOwnedAttribute>()!.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Be_caught_missing_by_the_model_check()
    {
        using var db = new ForgetfulContext();

        UnfilteredTenantEntities(db.Model).ShouldBe([nameof(Forgotten)]);
    }

    /// <summary>A model where an entity has a TenantId but no filter: what the check above exists to catch.</summary>
    private sealed class ForgetfulContext() : DbContext(new DbContextOptionsBuilder<ForgetfulContext>().UseSqlite("Data Source=:memory:").Options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Forgotten>();
            modelBuilder.Entity<TenantActivity>().HasQueryFilter(TenantQueryFilter.Name, a => a.TenantId == Guid.Empty);
        }
    }

    private sealed class Forgotten
    {
        public int Id { get; set; }

        public Guid TenantId { get; set; }
    }
}
