using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Tenancy;

/// <summary>Writes: a tenant writes only its own rows; without a tenant nothing tenant-owned is written at all.</summary>
public sealed class TenantSaveGuardShould
{
    private static async Task<List<TenantActivity>> AllActivitiesAsync(TwoTenants tenants)
    {
        await using var system = tenants.Database.ForSystem("test: read back every row");
        return await system.TenantActivities.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().OrderBy(a => a.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Refuse_to_add_a_row_of_another_tenant_and_store_nothing()
    {
        await using var tenants = await TwoTenants.CreateAsync();
        var before = await AllActivitiesAsync(tenants);
        await using var a = tenants.Database.ForTenant(tenants.A);
        a.TenantActivities.Add(TwoTenants.Activity(tenants.A, "mine"));
        a.TenantActivities.Add(TwoTenants.Activity(tenants.B, "planted in b"));

        var error = await Should.ThrowAsync<TenantMismatchException>(() => a.SaveChangesAsync(TestContext.Current.CancellationToken));

        error.EntityType.ShouldBe(nameof(TenantActivity));
        error.EntityTenantId.ShouldBe(tenants.B);
        error.CurrentTenantId.ShouldBe(tenants.A);
        error.Message.ShouldContain($"of tenant {tenants.B} in the scope of tenant {tenants.A}");
        (await AllActivitiesAsync(tenants)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task Refuse_to_save_tenant_owned_rows_without_a_tenant_and_store_nothing()
    {
        await using var tenants = await TwoTenants.CreateAsync();
        var before = await AllActivitiesAsync(tenants);
        await using var none = tenants.Database.Context();
        none.TenantActivities.Add(TwoTenants.Activity(tenants.A, "no scope"));

        var error = await Should.ThrowAsync<TenantMismatchException>(() => none.SaveChangesAsync(TestContext.Current.CancellationToken));

        error.CurrentTenantId.ShouldBeNull();
        error.Message.ShouldContain("there is no current tenant");
        error.Message.ShouldContain("TenantContext.Begin");
        Should.Throw<TenantMismatchException>(() => none.SaveChanges());
        (await AllActivitiesAsync(tenants)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task Refuse_to_change_or_delete_a_row_of_another_tenant()
    {
        await using var tenants = await TwoTenants.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var before = await AllActivitiesAsync(tenants);
        var ofB = before.First(r => r.TenantId == tenants.B);

        await using (var a = tenants.Database.ForTenant(tenants.A))
        {
            // Reached around the filter (or attached from elsewhere): still not A's to write.
            var row = await a.TenantActivities.IgnoreQueryFilters([TenantQueryFilter.Name]).SingleAsync(r => r.Id == ofB.Id, ct);
            row.Message = "rewritten by a";
            await Should.ThrowAsync<TenantMismatchException>(() => a.SaveChangesAsync(ct));
        }

        await using (var a = tenants.Database.ForTenant(tenants.A))
        {
            a.TenantActivities.Remove(new TenantActivity { Id = ofB.Id, TenantId = tenants.B, Kind = "x", Message = "x" });
            await Should.ThrowAsync<TenantMismatchException>(() => a.SaveChangesAsync(ct));
        }

        (await AllActivitiesAsync(tenants)).ShouldBe(before, ignoreOrder: false, customMessage: null, comparer: ActivityComparer.Instance);
    }

    [Fact]
    public async Task Refuse_to_move_a_row_to_another_tenant()
    {
        await using var tenants = await TwoTenants.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var a = tenants.Database.ForTenant(tenants.A);
        var row = await a.TenantActivities.FirstAsync(ct);
        row.TenantId = tenants.B;

        var error = await Should.ThrowAsync<TenantMismatchException>(() => a.SaveChangesAsync(ct));

        error.EntityTenantId.ShouldBe(tenants.B);
        (await AllActivitiesAsync(tenants)).Count(r => r.TenantId == tenants.A).ShouldBe(2);
    }

    [Fact]
    public async Task Save_a_tenants_own_rows_and_stamp_new_ones_with_it()
    {
        await using var tenants = await TwoTenants.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var a = tenants.Database.ForTenant(tenants.A))
        {
            var existing = await a.TenantActivities.FirstAsync(ct);
            existing.Message = "edited by its tenant";
            a.TenantActivities.Add(TwoTenants.Activity(Guid.Empty, "stamped"));
            await a.SaveChangesAsync(ct);
        }

        var rows = await AllActivitiesAsync(tenants);
        rows.Single(r => r.Message == "stamped").TenantId.ShouldBe(tenants.A);
        rows.Count(r => r.Message == "edited by its tenant").ShouldBe(1);
    }

    [Fact]
    public async Task Let_an_explicit_system_scope_write_any_tenants_rows_but_not_ownerless_ones()
    {
        await using var tenants = await TwoTenants.CreateAsync(activitiesOfA: 2, activitiesOfB: 3);
        var ct = TestContext.Current.CancellationToken;
        await using (var system = tenants.Database.ForSystem("test: purge tenant b"))
        {
            system.TenantActivities.RemoveRange(
                await system.TenantActivities.IgnoreQueryFilters([TenantQueryFilter.Name]).Where(r => r.TenantId == tenants.B).ToListAsync(ct));
            system.TenantActivities.Add(TwoTenants.Activity(tenants.A, "system note for a"));
            await system.SaveChangesAsync(ct);
        }

        await using (var system = tenants.Database.ForSystem("test: ownerless row"))
        {
            system.TenantActivities.Add(TwoTenants.Activity(Guid.Empty, "whose?"));
            (await Should.ThrowAsync<TenantMismatchException>(() => system.SaveChangesAsync(ct))).Message.ShouldContain("must name its tenant");
        }

        var rows = await AllActivitiesAsync(tenants);
        rows.ShouldAllBe(r => r.TenantId == tenants.A);
        rows.Count.ShouldBe(3);
    }

    private sealed class ActivityComparer : IEqualityComparer<TenantActivity>
    {
        public static readonly ActivityComparer Instance = new();

        public bool Equals(TenantActivity? x, TenantActivity? y) =>
            x is not null && y is not null && x.Id == y.Id && x.TenantId == y.TenantId && x.Message == y.Message && x.At == y.At;

        public int GetHashCode(TenantActivity obj) => obj.Id.GetHashCode();
    }
}
