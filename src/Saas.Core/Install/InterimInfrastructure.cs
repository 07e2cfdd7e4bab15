using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Saas.Core.Data;
using Saas.Core.Secrets;

namespace Saas.Core.Install;

/// <summary>
/// STOP-GAP until the data and secrets branches land: SQLite under the data folder with the schema created at start
/// (replaced by AddSaasData: migrations at start-up, WAL, SQL Server selection) and the local secret store with
/// Data Protection keys under the data folder (replaced by AddSaasSecrets: Local or KeyVault). Delete this file
/// when they merge.
/// </summary>
public static class InterimInfrastructure
{
    /// <summary>The data folder: <c>App:DataFolder</c>, default <c>{content root}/data</c>.</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["App:DataFolder"] is { Length: > 0 } folder ? folder : Path.Combine(contentRoot, "data"));

    public static IServiceCollection AddInterimDataAndSecrets(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataFolder = DataFolder(configuration, contentRoot);
        Directory.CreateDirectory(dataFolder);

        // replaced by AddSaasData when the data branch lands
        var connectionString = configuration.GetConnectionString("Saas") is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(dataFolder, "saas.db")}";
        services.AddDbContext<SaasDbContext>(options => options.UseSqlite(connectionString));
        services.AddHostedService<InterimSchemaCreator>();

        // replaced by AddSaasSecrets when the secrets branch lands
        services.AddDataProtection()
            .SetApplicationName("Saas")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        services.TryAddSingleton<ISecretStore>(sp => new LocalSecretStore(sp.GetRequiredService<IDataProtectionProvider>(), Path.Combine(dataFolder, "secrets")));
        return services;
    }

    /// <summary>EnsureCreated at start (replaced by migrations at start-up when the data branch lands).</summary>
    private sealed class InterimSchemaCreator(IServiceScopeFactory scopes) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SaasDbContext>().Database.EnsureCreatedAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
