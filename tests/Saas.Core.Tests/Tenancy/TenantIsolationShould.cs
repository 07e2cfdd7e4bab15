using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Tenancy;

/// <summary>Reads: a tenant sees its own rows and nothing of anyone else's; no tenant sees nothing.</summary>
public sealed class TenantIsolationShould
{
    [Fact]
    public async Task Show_tenant_a_none_of_tenant_bs_activity()
    {
        await using var tenants = await TwoTenants.CreateAsync(activitiesOfA: 2, activitiesOfB: 3);
        var ct = TestContext.Current.CancellationToken;

        await using var a = tenants.Database.Context(Tenants.Of(tenants.A));

        var rows = await a.TenantActivities.ToListAsync(ct);
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => r.TenantId == tenants.A);
        (await a.TenantActivities.CountAsync(r => r.TenantId == tenants.B, ct)).ShouldBe(0);
        (await a.TenantActivities.AnyAsync(r => r.Message.StartsWith('b'), ct)).ShouldBeFalse();
        (await a.TenantActivities.FindAsync([rows[0].Id + 2], ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Show_each_tenant_only_its_own_rows_through_the_background_factory()
    {
        await using var tenants = await TwoTenants.CreateAsync(activitiesOfA: 2, activitiesOfB: 3);
        var ct = TestContext.Current.CancellationToken;

        await using var a = tenants.Database.ForTenant(tenants.A);
        await using var b = tenants.Database.ForTenant(tenants.B);

        (await a.TenantActivities.Select(r => r.Message).OrderBy(m => m).ToListAsync(ct)).ShouldBe(["a0", "a1"]);
        (await b.TenantActivities.Select(r => r.Message).OrderBy(m => m).ToListAsync(ct)).ShouldBe(["b0", "b1", "b2"]);
    }

    [Fact]
    public async Task Return_nothing_rather_than_everything_when_there_is_no_tenant()
    {
        await using var tenants = await TwoTenants.CreateAsync();
        var ct = TestContext.Current.CancellationToken;

        await using var none = tenants.Database.Context();

        (await none.TenantActivities.ToListAsync(ct)).ShouldBeEmpty();
        (await none.TenantActivities.CountAsync(ct)).ShouldBe(0);
        // Tenants themselves are not tenant-owned: the store and the install flow read them without a tenant.
        (await none.Tenants.CountAsync(ct)).ShouldBe(2);
    }

    [Fact]
    public async Task Keep_filtering_in_a_system_scope_until_the_tenant_filter_is_lifted_by_name()
    {
        await using var tenants = await TwoTenants.CreateAsync(activitiesOfA: 2, activitiesOfB: 3);
        var ct = TestContext.Current.CancellationToken;

        await using var system = tenants.Database.ForSystem("test: count every tenant's activity");

        (await system.TenantActivities.CountAsync(ct)).ShouldBe(0);
        (await system.TenantActivities.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync(ct)).ShouldBe(5);
    }

    [Fact]
    public async Task Follow_the_tenant_context_per_query_in_one_context()
    {
        await using var tenants = await TwoTenants.CreateAsync(activitiesOfA: 2, activitiesOfB: 3);
        var ct = TestContext.Current.CancellationToken;
        var context = new TenantContext();
        await using var db = tenants.Database.Context(context);

        (await db.TenantActivities.CountAsync(ct)).ShouldBe(0);
        using (context.Begin(tenants.A))
        {
            (await db.TenantActivities.CountAsync(ct)).ShouldBe(2);
        }

        using (context.Begin(tenants.B))
        {
            (await db.TenantActivities.AsNoTracking().CountAsync(ct)).ShouldBe(3);
        }

        (await db.TenantActivities.CountAsync(ct)).ShouldBe(0);
    }
}
