using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Secrets;

namespace Saas.Core.Tests.Secrets;

/// <summary>The local store as the app registers it (<c>AddSaasSecrets</c>), on real folders.</summary>
public sealed class LocalSecretStoreShould : IDisposable
{
    private const string Name = "tenant-6f9619ff8b86d011b42d00c04fc964ff-refresh-token";
    private const string Value = "rt-VALUE-8c1f0e2a-must-never-leak";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("saas-secrets-");
    private readonly List<ServiceProvider> _providers = [];

    private string SecretsFolder => Path.Combine(_root.FullName, "data", "secrets");

    private string KeysFolder => Path.Combine(_root.FullName, "data", "keys");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _providers.ForEach(p => p.Dispose());
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Give_back_what_was_stored_and_null_for_what_was_not()
    {
        var store = Store();

        await store.SetAsync(Name, Value, Ct);

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        (await store.GetAsync("tenant-unknown-refresh-token", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Keep_values_encrypted_at_rest()
    {
        var store = Store();

        await store.SetAsync(Name, Value, Ct);

        var file = Directory.GetFiles(SecretsFolder).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldNotContain(Name);
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        Contains(bytes, Encoding.UTF8.GetBytes(Value)).ShouldBeFalse();
        Contains(bytes, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(Value)))).ShouldBeFalse();
        Directory.GetFiles(KeysFolder, "key-*.xml").ShouldNotBeEmpty("the key ring is persisted under the data folder");
    }

    [Fact]
    public async Task Read_after_a_restart_what_an_earlier_instance_wrote_with_the_same_keys()
    {
        var first = Store();
        await first.SetAsync(Name, Value, Ct);
        DisposeProviders();

        var second = Store();

        (await second.GetAsync(Name, Ct)).ShouldBe(Value);
    }

    [Fact]
    public async Task Say_why_it_cannot_read_without_the_keys_and_without_the_value()
    {
        await Store().SetAsync(Name, Value, Ct);
        DisposeProviders();

        var withOtherKeys = Store(keysFolder: Path.Combine(_root.FullName, "other-keys"));

        var failure = await Should.ThrowAsync<SecretStoreException>(() => withOtherKeys.GetAsync(Name, Ct));
        failure.Message.ShouldContain(Name);
        failure.Message.ShouldContain("Data Protection key ring");
        failure.ToString().ShouldNotContain(Value);
    }

    [Fact]
    public async Task Not_decrypt_a_file_copied_over_another_secret()
    {
        var store = Store();
        await store.SetAsync("tenant-a-refresh-token", Value, Ct);
        var fileOfA = Directory.GetFiles(SecretsFolder).ShouldHaveSingleItem();
        await store.SetAsync("tenant-b-refresh-token", "value-of-b", Ct);
        var fileOfB = Directory.GetFiles(SecretsFolder).Single(f => f != fileOfA);
        DisposeProviders();

        File.Copy(fileOfA, fileOfB, overwrite: true);

        await Should.ThrowAsync<SecretStoreException>(() => Store().GetAsync("tenant-b-refresh-token", Ct));
    }

    [Fact]
    public async Task Delete_the_file_and_take_a_second_delete_as_done()
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);

        await store.DeleteAsync(Name, Ct);
        await store.DeleteAsync(Name, Ct);

        (await store.GetAsync(Name, Ct)).ShouldBeNull();
        Directory.GetFiles(SecretsFolder).ShouldBeEmpty();
        DisposeProviders();
        (await Store().GetAsync(Name, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Ignore_case_in_names_as_key_vault_does()
    {
        await Store().SetAsync("Tenant-A-Refresh-Token", Value, Ct);
        DisposeProviders();

        (await Store().GetAsync("tenant-a-refresh-token", Ct)).ShouldBe(Value);
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("..\\escaped")]
    [InlineData("/etc/passwd")]
    [InlineData("a/b")]
    [InlineData("name.secret")]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Refuse_names_that_could_reach_outside_the_folder(string name)
    {
        var store = Store();

        await Should.ThrowAsync<ArgumentException>(() => store.SetAsync(name, Value, Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.GetAsync(name, Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.DeleteAsync(name, Ct));

        Directory.GetFiles(_root.FullName, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(KeysFolder, StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    private LocalSecretStore Store(string? keysFolder = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Secrets:LocalFolder"] = SecretsFolder,
                ["Secrets:KeysFolder"] = keysFolder ?? KeysFolder,
            })
            .Build();
        var provider = new ServiceCollection().AddLogging().AddSaasSecrets(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ISecretStore>().ShouldBeOfType<LocalSecretStore>();
    }

    private void DisposeProviders()
    {
        _providers.ForEach(p => p.Dispose());
        _providers.Clear();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
