using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Secrets;

namespace Saas.Core.Tests.Secrets;

/// <summary><c>AddSaasSecrets</c> in a real host: the provider chosen by configuration, folders, start-up validation.</summary>
public sealed class SecretsSetupShould : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("saas-secrets-host-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public async Task Use_the_local_store_by_default_with_its_folders_under_the_content_roots_data_folder()
    {
        using var host = Host();
        await host.StartAsync(Ct);

        var options = host.Services.GetRequiredService<IOptions<SecretsOptions>>().Value;
        options.Provider.ShouldBe(SecretProvider.Local);
        options.LocalFolder.ShouldBe(Path.Combine(_contentRoot.FullName, "data", "secrets"));
        options.KeysFolder.ShouldBe(Path.Combine(_contentRoot.FullName, "data", "keys"));
        var store = host.Services.GetRequiredService<ISecretStore>().ShouldBeOfType<LocalSecretStore>();
        await store.SetAsync("tenant-a-refresh-token", "value", Ct);
        Directory.GetFiles(options.LocalFolder!, "*.secret").ShouldHaveSingleItem();
        Directory.GetFiles(options.KeysFolder!, "key-*.xml").ShouldNotBeEmpty();
        await host.StopAsync(Ct);
    }

    [Fact]
    public void Put_the_local_folders_under_the_apps_data_folder_when_it_has_one()
    {
        using var host = Host(("App:DataFolder", "state"));

        var options = host.Services.GetRequiredService<IOptions<SecretsOptions>>().Value;

        options.LocalFolder.ShouldBe(Path.Combine(_contentRoot.FullName, "state", "secrets"));
        options.KeysFolder.ShouldBe(Path.Combine(_contentRoot.FullName, "state", "keys"));
    }

    [Fact]
    public void Let_explicit_local_folders_win()
    {
        var elsewhere = Path.Combine(_contentRoot.FullName, "elsewhere");
        using var host = Host(("App:DataFolder", "state"), ("Secrets:LocalFolder", elsewhere), ("Secrets:KeysFolder", "ring"));

        var options = host.Services.GetRequiredService<IOptions<SecretsOptions>>().Value;

        options.LocalFolder.ShouldBe(elsewhere);
        options.KeysFolder.ShouldBe(Path.Combine(_contentRoot.FullName, "ring"));
    }

    [Fact]
    public void Name_the_data_protection_application_so_keys_survive_restarts()
    {
        using var host = Host();

        host.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator
            .ShouldBe(SecretsSetup.DataProtectionApplicationName);
    }

    [Fact]
    public async Task Refuse_to_start_with_key_vault_and_no_vault_uri()
    {
        using var host = Host(("Secrets:Provider", "KeyVault"));

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        failure.Message.ShouldContain("Secrets:KeyVaultUri is required when Secrets:Provider is KeyVault");
    }

    [Theory]
    [InlineData("http://my-vault.vault.azure.net/")]
    [InlineData("my-vault.vault.azure.net")]
    [InlineData("not a uri")]
    public async Task Refuse_to_start_with_a_vault_uri_that_is_not_absolute_https(string uri)
    {
        using var host = Host(("Secrets:Provider", "KeyVault"), ("Secrets:KeyVaultUri", uri));

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        failure.Message.ShouldContain("Secrets:KeyVaultUri must be an absolute https URI");
    }

    [Fact]
    public async Task Refuse_to_start_with_an_unknown_provider()
    {
        using var host = Host(("Secrets:Provider", "Vault"));

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        failure.Message.ShouldContain("Secrets:Provider");
    }

    [Fact]
    public async Task Refuse_to_start_with_a_negative_cache_lifetime()
    {
        using var host = Host(("Secrets:CacheLifetime", "-00:01:00"));

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        failure.Message.ShouldContain("Secrets:CacheLifetime");
    }

    [Fact]
    public void Build_the_production_client_for_the_configured_vault_with_the_sdk_retry_policy()
    {
        using var host = Host(("Secrets:Provider", "KeyVault"), ("Secrets:KeyVaultUri", "https://my-vault.vault.azure.net/"));

        host.Services.GetRequiredService<SecretClient>().VaultUri.ShouldBe(new Uri("https://my-vault.vault.azure.net/"));
        host.Services.GetRequiredService<ISecretStore>().ShouldBeOfType<KeyVaultSecretStore>();
        var retry = KeyVaultSecretStore.CreateClientOptions(new SecretsOptions()).Retry;
        retry.ShouldSatisfyAllConditions(
            r => r.Mode.ShouldBe(Azure.Core.RetryMode.Exponential),
            r => r.MaxRetries.ShouldBe(3),
            r => r.Delay.ShouldBe(TimeSpan.FromSeconds(0.8)),
            r => r.MaxDelay.ShouldBe(TimeSpan.FromSeconds(30)),
            r => r.NetworkTimeout.ShouldBe(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Use_the_key_vault_store_on_a_registered_client()
    {
        await using var vault = await FakeKeyVault.StartAsync(cancellationToken: Ct);
        using var host = Host(
            services => services.AddSingleton(vault.CreateClient()),
            ("Secrets:Provider", "KeyVault"),
            ("Secrets:KeyVaultUri", vault.VaultUri.ToString()));
        await host.StartAsync(Ct);

        var store = host.Services.GetRequiredService<ISecretStore>().ShouldBeOfType<KeyVaultSecretStore>();
        await store.SetAsync("tenant-a-refresh-token", "value", Ct);

        vault.ValueOf("tenant-a-refresh-token").ShouldBe("value");
        Directory.Exists(Path.Combine(_contentRoot.FullName, "data")).ShouldBeFalse("nothing local with Key Vault");
        await host.StopAsync(Ct);
    }

    private IHost Host(params (string Key, string Value)[] settings) => Host(_ => { }, settings);

    private IHost Host(Action<IServiceCollection> before, params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _contentRoot.FullName,
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        before(builder.Services);
        builder.AddSaasSecrets();
        return builder.Build();
    }
}
