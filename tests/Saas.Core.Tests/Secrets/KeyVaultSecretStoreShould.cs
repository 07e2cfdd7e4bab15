using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Secrets;

namespace Saas.Core.Tests.Secrets;

/// <summary>
/// The Key Vault store with the real <c>SecretClient</c> (and its retry and challenge policies) against
/// <see cref="FakeKeyVault"/> over HTTPS. The store's cache runs on a fake clock; the SDK's retries on real time, kept
/// short by small retry delays.
/// </summary>
public sealed class KeyVaultSecretStoreShould : IAsyncLifetime
{
    private const string Name = "tenant-6f9619ff8b86d011b42d00c04fc964ff-refresh-token";
    private const string Value = "rt-VALUE-8c1f0e2a-must-never-leak";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs<KeyVaultSecretStore> _logs = new();
    private readonly List<KeyVaultSecretStore> _stores = [];
    private FakeKeyVault _vault = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SecretPath(string name) => $"/secrets/{name}";

    public async ValueTask InitializeAsync() => _vault = await FakeKeyVault.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        _stores.ForEach(s => s.Dispose());
        await _vault.DisposeAsync();
    }

    [Fact]
    public async Task Write_a_secret_to_the_vault_with_one_set_call()
    {
        var store = Store();

        await store.SetAsync(Name, Value, Ct);

        _vault.ValueOf(Name).ShouldBe(Value);
        _vault.Served("PUT", SecretPath(Name)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Keep_every_write_as_a_version_the_sdk_can_list_and_read()
    {
        var store = Store();
        await store.SetAsync(Name, "first", Ct);
        await store.SetAsync(Name, "second", Ct);

        _vault.VersionsOf(Name).ShouldBe(["first", "second"]);
        var client = _vault.CreateClient(TestOptions());
        var versions = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(Name, Ct))
        {
            versions.Add(properties.Version);
        }

        versions.Count.ShouldBe(2);
        var values = new List<string>();
        foreach (var version in versions)
        {
            values.Add((await client.GetSecretAsync(Name, version, Ct)).Value.Value);
        }

        values.ShouldBe(["first", "second"], ignoreOrder: true);
        (await client.GetSecretAsync(Name, cancellationToken: Ct)).Value.Value.ShouldBe("second");
        (await store.GetAsync(Name, Ct)).ShouldBe("second");
    }

    [Fact]
    public async Task Serve_a_secret_from_memory_after_the_first_read()
    {
        _vault.Seed(Name, Value);
        var store = Store();

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        var requests = _vault.Requests.Count;
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);

        _vault.Requests.Count.ShouldBe(requests);
        _vault.Served("GET", SecretPath(Name)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Serve_a_written_secret_from_memory()
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);
        var requests = _vault.Requests.Count;

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);

        _vault.Requests.Count.ShouldBe(requests);
    }

    [Fact]
    public async Task Return_null_for_a_secret_the_vault_does_not_have()
    {
        var store = Store();

        (await store.GetAsync(Name, Ct)).ShouldBeNull();

        _vault.Served("GET", SecretPath(Name)).Single().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Soft_delete_a_secret_and_forget_the_cached_value()
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);

        await store.DeleteAsync(Name, Ct);

        _vault.IsDeleted(Name).ShouldBeTrue();
        _vault.ValueOf(Name).ShouldBeNull();
        (await store.GetAsync(Name, Ct)).ShouldBeNull();
        _vault.Served("GET", SecretPath(Name)).Single().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Take_the_delete_of_a_missing_secret_as_done()
    {
        var store = Store();

        await store.DeleteAsync(Name, Ct);

        _vault.Served("DELETE", SecretPath(Name)).Single().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Recover_a_soft_deleted_name_then_write_a_new_version_on_reinstall()
    {
        var store = Store();
        await store.SetAsync(Name, "before-uninstall", Ct);
        await store.DeleteAsync(Name, Ct);

        await store.SetAsync(Name, Value, Ct);

        _vault.IsDeleted(Name).ShouldBeFalse();
        _vault.ValueOf(Name).ShouldBe(Value);
        _vault.VersionsOf(Name).ShouldBe(["before-uninstall", Value]);
        _vault.Served("PUT", SecretPath(Name)).Select(r => r.Status).ShouldBe([200, 409, 200]);
        _vault.Served("POST", $"/deletedsecrets/{Name}/recover").Count.ShouldBe(1);
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
    }

    [Fact]
    public async Task Answer_the_bearer_challenge_with_a_token_from_the_credential()
    {
        var store = Store();

        await store.SetAsync(Name, Value, Ct);

        var requests = _vault.Requests;
        requests.Count.ShouldBe(2);
        requests[0].ShouldSatisfyAllConditions(
            r => r.Method.ShouldBe("PUT"),
            r => r.Authorized.ShouldBeFalse(),
            r => r.Status.ShouldBe(401),
            r => r.BodyLength.ShouldBe(0, "the challenge request carries no secret"));
        requests[1].ShouldSatisfyAllConditions(
            r => r.Method.ShouldBe("PUT"),
            r => r.Authorized.ShouldBeTrue(),
            r => r.Status.ShouldBe(200),
            r => r.BodyLength.ShouldBeGreaterThan(0));
        var tokenRequest = _vault.Credential.Requests.ShouldHaveSingleItem();
        tokenRequest.Scopes.ShouldBe([FakeKeyVault.Resource + "/.default"]);
        tokenRequest.TenantId.ShouldBe(FakeKeyVault.TenantId);

        (await store.GetAsync("another-secret", Ct)).ShouldBeNull();

        _vault.Requests.Count.ShouldBe(3);
        _vault.Requests[2].Authorized.ShouldBeTrue();
        _vault.Credential.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Let_the_sdk_retry_a_throttled_read_after_Retry_After()
    {
        _vault.Seed(Name, Value);
        var store = Store(o => (o.KeyVaultRetryDelay, o.KeyVaultMaxRetryDelay) = (TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)));
        (await store.GetAsync("warm-up", Ct)).ShouldBeNull();
        _vault.ThrottleNext(1, retryAfter: TimeSpan.FromSeconds(1));

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);

        var attempts = _vault.RequestsFor(SecretPath(Name));
        attempts.Select(r => r.Status).ShouldBe([429, 200]);
        // From the moment the 429 was sent to the retry's arrival, measured by the vault. The SDK's own backoff is at
        // most 50 ms here, so only Retry-After explains a wait near a second (the margin covers timer granularity):
        // a behaviour check, not a performance timing.
        TimeProvider.System.GetElapsedTime(attempts[0].AnsweredTimestamp, attempts[1].Timestamp)
            .ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Let_the_sdk_retry_server_errors_a_bounded_number_of_times()
    {
        _vault.Seed(Name, Value);
        _vault.Seed("other-secret", "other");
        var store = Store(o => o.KeyVaultMaxRetries = 2);
        (await store.GetAsync("warm-up", Ct)).ShouldBeNull();

        _vault.FailNext(2, 503);
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        _vault.RequestsFor(SecretPath(Name)).Select(r => r.Status).ShouldBe([503, 503, 200]);

        _vault.FailNext(10, 500);
        var failure = await Should.ThrowAsync<SecretStoreException>(() => store.GetAsync("other-secret", Ct));
        _vault.RequestsFor(SecretPath("other-secret")).Select(r => r.Status).ShouldBe([500, 500, 500]);
        failure.Message.ShouldContain("other-secret");
        failure.Message.ShouldContain("HTTP 500");
    }

    [Fact]
    public async Task Keep_serving_a_cached_secret_while_the_vault_throttles_and_log_it_once()
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);
        _vault.ThrottleNext(int.MaxValue, retryAfter: TimeSpan.Zero);
        _clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        await store.WhenRefreshed(Name);
        _vault.RequestsFor(SecretPath(Name)).Count(r => r.Status == 429).ShouldBe(3, "one call and the SDK's two retries");

        var requests = _vault.Requests.Count;
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        await store.WhenRefreshed(Name);
        _vault.Requests.Count.ShouldBe(requests, "a failed refresh pauses before the next try");

        _clock.Advance(KeyVaultSecretStore.FailedRefreshPause);
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        await store.WhenRefreshed(Name);
        _vault.RequestsFor(SecretPath(Name)).Count(r => r.Status == 429).ShouldBe(6);

        _logs.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldContain("HTTP 429");
        _logs.AllText.ShouldNotContain(Value);
    }

    [Fact]
    public async Task Pick_up_a_new_version_in_the_background_once_the_vault_answers_again()
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);
        _vault.FailNext(int.MaxValue, 503);
        _clock.Advance(Lifetime);
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        await store.WhenRefreshed(Name);

        _vault.ClearFaults();
        _vault.Seed(Name, "written-by-another-replica");
        _clock.Advance(KeyVaultSecretStore.FailedRefreshPause);

        (await store.GetAsync(Name, Ct)).ShouldBe(Value, "the stale value is served at once");
        await store.WhenRefreshed(Name);
        (await store.GetAsync(Name, Ct)).ShouldBe("written-by-another-replica");
        _logs.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldContain("HTTP 503");
        _logs.At(LogLevel.Information).ShouldContain(m => m.Contains("answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drop_a_cached_secret_that_was_deleted_elsewhere()
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);
        await _vault.CreateClient(TestOptions()).StartDeleteSecretAsync(Name, Ct);
        _clock.Advance(Lifetime);

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        await store.WhenRefreshed(Name);

        (await store.GetAsync(Name, Ct)).ShouldBeNull();
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("503")]
    public async Task Keep_serving_a_cached_secret_while_the_vault_is_down_and_fail_clearly_for_others(string outage)
    {
        var store = Store();
        await store.SetAsync(Name, Value, Ct);
        if (outage == "stopped")
        {
            await _vault.StopAsync();
        }
        else
        {
            _vault.Unavailable = true;
        }

        _clock.Advance(Lifetime);

        (await store.GetAsync(Name, Ct)).ShouldBe(Value);
        await store.WhenRefreshed(Name);
        (await store.GetAsync(Name, Ct)).ShouldBe(Value);

        const string Uncached = "tenant-00000000000000000000000000000001-refresh-token";
        var failure = await Should.ThrowAsync<SecretStoreException>(() => store.GetAsync(Uncached, Ct));
        failure.Message.ShouldContain(Uncached);
        failure.Message.ShouldContain(outage == "stopped" ? "could not be reached" : "unavailable (HTTP 503)");
        failure.ToString().ShouldNotContain(Value);
        _logs.At(LogLevel.Warning).ShouldHaveSingleItem();
        _logs.AllText.ShouldNotContain(Value);
    }

    [Fact]
    public async Task Fail_clearly_when_the_vault_does_not_answer_in_time()
    {
        var store = Store(o => (o.KeyVaultNetworkTimeout, o.KeyVaultMaxRetries) = (TimeSpan.FromMilliseconds(200), 1));
        (await store.GetAsync("warm-up", Ct)).ShouldBeNull();
        _vault.HangNext(int.MaxValue);

        var failure = await Should.ThrowAsync<SecretStoreException>(() => store.GetAsync(Name, Ct));

        failure.Message.ShouldContain("did not answer in time");
        _vault.RequestsFor(SecretPath(Name)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Fail_a_write_clearly_without_the_value_and_cache_nothing()
    {
        var store = Store();
        _vault.Unavailable = true;

        var failure = await Should.ThrowAsync<SecretStoreException>(() => store.SetAsync(Name, Value, Ct));

        failure.Message.ShouldContain(Name);
        failure.Message.ShouldContain("HTTP 503");
        failure.ToString().ShouldNotContain(Value);
        _logs.AllText.ShouldNotContain(Value);
        _vault.Unavailable = false;
        (await store.GetAsync(Name, Ct)).ShouldBeNull();
    }

    [Theory]
    [InlineData("../secrets/other")]
    [InlineData("name.with.dots")]
    [InlineData("")]
    public async Task Refuse_a_name_key_vault_would_refuse_before_any_request(string name)
    {
        var store = Store();

        await Should.ThrowAsync<ArgumentException>(() => store.GetAsync(name, Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.SetAsync(name, Value, Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.DeleteAsync(name, Ct));

        _vault.Requests.ShouldBeEmpty();
    }

    private static SecretsOptions TestOptions() => new()
    {
        Provider = SecretProvider.KeyVault,
        CacheLifetime = Lifetime,
        KeyVaultMaxRetries = 2,
        KeyVaultRetryDelay = TimeSpan.FromMilliseconds(10),
        KeyVaultMaxRetryDelay = TimeSpan.FromMilliseconds(50),
        KeyVaultNetworkTimeout = TimeSpan.FromSeconds(10),
    };

    private KeyVaultSecretStore Store(Action<SecretsOptions>? configure = null)
    {
        var options = TestOptions();
        configure?.Invoke(options);
        options.KeyVaultUri = _vault.VaultUri.ToString();
        var store = new KeyVaultSecretStore(_vault.CreateClient(options), Options.Create(options), _clock, _logs);
        _stores.Add(store);
        return store;
    }
}
