using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saas.Core.Secrets;

/// <summary>Registers the secret store chosen by <see cref="SecretsOptions.Provider"/>.</summary>
public static class SecretsSetup
{
    /// <summary>
    /// The Data Protection application name: payloads (local secrets, and the app's cookies and OAuth state) stay
    /// readable across restarts, deployments to another folder and replicas.
    /// </summary>
    public const string DataProtectionApplicationName = "Saas";


    public static IHostApplicationBuilder AddSaasSecrets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSaasSecrets(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Registers <see cref="ISecretStore"/>: <see cref="LocalSecretStore"/> (files encrypted with Data Protection, whose
    /// key ring is persisted under the data folder) or <see cref="KeyVaultSecretStore"/> (a <see cref="SecretClient"/>
    /// with the <see cref="TokenCredential"/> registered in the container, else <c>DefaultAzureCredential</c>).
    /// Register your own <see cref="SecretClient"/> or <see cref="TokenCredential"/> first to replace them (tests).
    /// </summary>
    public static IServiceCollection AddSaasSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SecretsOptions>()
            .Bind(configuration.GetSection(SecretsOptions.Section))
            .PostConfigure<IServiceProvider>((options, provider) =>
            {
                var contentRoot = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
                options.ResolveFolders(contentRoot, Data.AppDataFolder.Resolve(configuration, contentRoot));
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, LocalKeyRingSetup>());
        services.TryAddSingleton(provider => new LocalSecretStore(
            provider.GetRequiredService<IDataProtectionProvider>(),
            provider.GetRequiredService<IOptions<SecretsOptions>>().Value.LocalFolder!));

        services.TryAddSingleton(provider => KeyVaultSecretStore.CreateClient(
            provider.GetRequiredService<IOptions<SecretsOptions>>().Value,
            provider.GetService<TokenCredential>()));
        services.TryAddSingleton<KeyVaultSecretStore>();

        services.TryAddSingleton<ISecretStore>(provider =>
            provider.GetRequiredService<IOptions<SecretsOptions>>().Value.Provider == SecretProvider.KeyVault
                ? provider.GetRequiredService<KeyVaultSecretStore>()
                : provider.GetRequiredService<LocalSecretStore>());
        return services;
    }

    /// <summary>
    /// With the local store, persists the Data Protection key ring in <see cref="SecretsOptions.KeysFolder"/> (what
    /// <c>PersistKeysToFileSystem</c> does, with the folder resolved from the options at start-up).
    /// </summary>
    private sealed class LocalKeyRingSetup(IOptions<SecretsOptions> secrets, ILoggerFactory loggers)
        : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options)
        {
            var settings = secrets.Value;
            if (settings.Provider == SecretProvider.Local)
            {
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(settings.KeysFolder!), loggers);
            }
        }
    }
}
