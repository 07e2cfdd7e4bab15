using Saas.Core.Data;
using Saas.Core.Tenancy;
using Saas.Core.Tests.Data;

namespace Saas.Core.Tests.Tenancy;

/// <summary>Two tenants, A (acme) and B (globex), each with its own activity rows, in a fresh migrated database.</summary>
internal sealed class TwoTenants : IAsyncDisposable
{
    private TwoTenants(MemoryDatabase database) => Database = database;

    public MemoryDatabase Database { get; }

    public Guid A { get; } = Guid.NewGuid();

    public Guid B { get; } = Guid.NewGuid();

    public static async Task<TwoTenants> CreateAsync(int activitiesOfA = 2, int activitiesOfB = 3)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenants = new TwoTenants(await MemoryDatabase.CreateAsync());
        await using (var db = tenants.Database.Context())
        {
            db.Tenants.AddRange(
                new Tenant { Id = tenants.A, Account = "acme", State = TenantState.Active },
                new Tenant { Id = tenants.B, Account = "globex", State = TenantState.Active });
            await db.SaveChangesAsync(ct);
        }

        await tenants.AddActivitiesAsync(tenants.A, activitiesOfA, "a");
        await tenants.AddActivitiesAsync(tenants.B, activitiesOfB, "b");
        return tenants;
    }

    public static TenantActivity Activity(Guid tenantId, string message) =>
        new() { TenantId = tenantId, At = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Kind = "test", Message = message };

    private async Task AddActivitiesAsync(Guid tenantId, int count, string prefix)
    {
        await using var db = Database.ForTenant(tenantId);
        for (var i = 0; i < count; i++)
        {
            db.TenantActivities.Add(Activity(tenantId, $"{prefix}{i}"));
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>A tenant context set to one tenant, for contexts made directly in tests.</summary>
internal static class Tenants
{
    public static TenantContext Of(Guid tenantId)
    {
        var tenants = new TenantContext();
        tenants.Begin(tenantId);
        return tenants;
    }
}
