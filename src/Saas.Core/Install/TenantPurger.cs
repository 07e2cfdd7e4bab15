using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Data;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;

namespace Saas.Core.Install;

/// <summary>
/// Deletes the data of tenants disconnected longer than the grace period: every tenant-owned row (any entity with
/// <see cref="ITenantOwned"/>, found in the model, so later features are covered), the refresh token (normally gone
/// already) and the tenant row itself, leaving a <see cref="DeletionReceipt"/> (what, when). A reinstall afterwards
/// starts a fresh tenant. One transaction per tenant; a reinstall racing the purge wins (the tenant's concurrency
/// token makes the purge roll back).
/// </summary>
internal sealed partial class TenantPurger(SaasDbContext db, ISecretStore secrets, TimeProvider clock, ILogger<TenantPurger> logger)
{
    private static readonly MethodInfo DeleteOwnedMethod = typeof(TenantPurger).GetMethod(nameof(DeleteOwnedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Purges every tenant due now; returns how many were purged.</summary>
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();

        // PurgeAfter is compared in memory: SQLite cannot compare DateTimeOffset values in SQL, and disconnected tenants are few.
        var due = (await db.Tenants.AsNoTracking().Where(t => t.State == TenantState.Disconnected).ToListAsync(cancellationToken))
            .Where(t => t.PurgeAfter is { } after && after <= now)
            .ToList();
        var purged = 0;
        foreach (var tenant in due)
        {
            try
            {
                await PurgeAsync(tenant.Id, now, cancellationToken);
                purged++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(tenant.Account, tenant.Id, e.GetType().Name);
                db.ChangeTracker.Clear();
            }
        }

        return purged;
    }

    private async Task PurgeAsync(Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The secret first: if the store is down the tenant is kept for the next round (never a row-less secret).
        await secrets.DeleteAsync(SecretNames.RefreshToken(tenantId), cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null || tenant.State != TenantState.Disconnected || tenant.PurgeAfter is not { } after || after > now)
        {
            return; // reinstalled (or purged) meanwhile
        }

        var counts = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned()).Select(t => t.ClrType).Distinct())
        {
            var deleted = await (Task<int>)DeleteOwnedMethod.MakeGenericMethod(type).Invoke(null, [db, tenantId, cancellationToken])!;
            counts.Add(string.Create(CultureInfo.InvariantCulture, $"{deleted} {type.Name} row(s)"));
        }

        db.Tenants.Remove(tenant);
        db.DeletionReceipts.Add(new DeletionReceipt
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Account = tenant.Account,
            DeletedAt = now,
            Summary = $"Tenant {tenant.Account} ({tenantId}), disconnected {tenant.DisconnectedAt:yyyy-MM-dd HH:mm} UTC ({tenant.DisconnectReason}), purged after the grace period: the tenant row, {string.Join(", ", counts)}, and its refresh token in the secret store.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPurged(tenant.Account, tenantId, string.Join(", ", counts));
    }

    private static Task<int> DeleteOwnedAsync<T>(SaasDbContext db, Guid tenantId, CancellationToken cancellationToken)
        where T : class, ITenantOwned =>
        db.Set<T>().IgnoreQueryFilters().Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(1, LogLevel.Information, "Purged tenant {TenantId} ({Account}) after the grace period: {Deleted}")]
    private partial void LogPurged(string account, Guid tenantId, string deleted);

    [LoggerMessage(2, LogLevel.Error, "Could not purge tenant {TenantId} ({Account}): {Error}; retried next round")]
    private partial void LogPurgeFailed(string account, Guid tenantId, string error);
}

/// <summary>Runs <see cref="TenantPurger"/> every <c>App:PurgeInterval</c> (default hourly) on the app's <see cref="TimeProvider"/>.</summary>
internal sealed partial class TenantPurgeService(IServiceScopeFactory scopes, IOptions<AppOptions> options, TimeProvider clock, ILogger<TenantPurgeService> logger)
    : BackgroundService
{
    /// <summary>Raised after each round with the number of tenants purged (-1 when the round failed); for tests.</summary>
    internal event Action<int>? RoundCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var purged = -1;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                purged = await scope.ServiceProvider.GetRequiredService<TenantPurger>().PurgeDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(e.GetType().Name, e.Message);
            }

            RoundCompleted?.Invoke(purged);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Purge round failed: {Error} {Message}")]
    private partial void LogRoundFailed(string error, string message);
}
