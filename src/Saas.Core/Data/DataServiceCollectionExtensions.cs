using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Saas.Core.Tenancy;

namespace Saas.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The app's database; see <see cref="AddSaasData(IServiceCollection)"/>.</summary>
    public static IHostApplicationBuilder AddSaasData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSaasData();
        return builder;
    }

    /// <summary>
    /// The app's database: <see cref="DatabaseOptions"/> (validated at start-up), <see cref="SaasDbContext"/> (scoped)
    /// on the configured provider with that provider's migrations assembly, the tenancy module
    /// (<see cref="TenancyServiceCollectionExtensions.AddSaasTenancy"/>), and a hosted service that applies pending
    /// migrations before the app starts (unless <c>Database:MigrateAtStartup</c> is false). Reads
    /// <see cref="IConfiguration"/> and <see cref="IHostEnvironment"/> (for the data folder) from the container.
    /// </summary>
    public static IServiceCollection AddSaasData(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IServiceProvider>((options, provider) =>
            {
                var configuration = provider.GetRequiredService<IConfiguration>();
                var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                if (!string.IsNullOrWhiteSpace(configured))
                {
                    options.ConnectionString = configured;
                    options.IsDefaultConnectionString = false;
                }
                else if (DatabaseOptions.TryParseProvider(options.Provider, out var kind) && kind == DatabaseProvider.Sqlite)
                {
                    var contentRoot = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
                    options.ConnectionString = SaasDbContextOptions.DefaultSqliteConnectionString(AppDataFolder.Resolve(configuration, contentRoot));
                    options.IsDefaultConnectionString = true;
                }
            })
            .ValidateOnStart();

        services.AddSaasTenancy();

        // Options are singletons so ITenantDbContextFactory (a singleton) can make contexts outside any DI scope.
        services.AddDbContext<SaasDbContext>(
            (provider, builder) =>
            {
                var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                builder.UseSaasProvider(options.ProviderKind, options.ConnectionString!, options.SqliteBusyTimeoutMilliseconds);
            },
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }
}
