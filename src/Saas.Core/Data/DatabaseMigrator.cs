using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saas.Core.Data;

/// <summary>
/// Applies pending migrations while the host is starting, before any hosted service starts (the web server, the
/// silo), so nothing runs on an old schema. EF Core takes a migration lock, so replicas starting together are safe.
/// Off with <c>Database:MigrateAtStartup=false</c> where a deployment step migrates (the idempotent script or a bundle).
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.MigrateAtStartup)
        {
            LogSkipped(logger, settings.ProviderKind);
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(logger, settings.ProviderKind);
                return;
            }

            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(logger, settings.ProviderKind, pending.Count, pending);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Database ({Provider}) migrated: {Count} migration(s) applied ({Migrations})")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int count, IEnumerable<string> migrations);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Database ({Provider}) is up to date")]
    private static partial void LogUpToDate(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Database ({Provider}) not migrated at start-up (Database:MigrateAtStartup is false)")]
    private static partial void LogSkipped(ILogger logger, DatabaseProvider provider);
}
