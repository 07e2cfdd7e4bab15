using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;

namespace Saas.Gorgias.Tests;

/// <summary>The per-attempt handler: rate gate, token, 401 renewal; and the default registrations.</summary>
public sealed class GorgiasCallPipelineShould
{
    private static CancellationToken Ct => SandboxKit.Ct;

    [Fact]
    public async Task Call_the_gate_once_per_attempt_with_the_call_limit_header()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();

        await kit.Api.GetAccountAsync(caller, Ct);
        await kit.Api.GetUserAsync(caller, 0, Ct);

        kit.Gate.Waits.Count.ShouldBe(2);
        kit.Gate.Waits.ShouldAllBe(c => c == caller);
        var observations = kit.Gate.Observations.Select(o => o.Observation).ToList();
        observations.Select(o => o.Status).ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK]);
        observations.ShouldAllBe(o => o.Limit == 80 && o.RetryAfter == null);
        var log = await kit.Sandbox.Control.GetRequestLogAsync("acme", 10, Ct);
        observations.Select(o => $"{o.Used}/{o.Limit}").ShouldBe(log.Select(r => r.RateLimit));
    }

    [Theory]
    [InlineData("10/80", 10, 80)]
    [InlineData("80/80", 80, 80)]
    [InlineData("ten/80", null, null)]
    [InlineData("10", null, null)]
    [InlineData("-1/80", null, null)]
    public void Read_the_call_limit_header(string header, int? used, int? limit)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Gorgias-Account-Api-Call-Limit", header);

        var observation = GorgiasCallHandler.Observe(response, DateTimeOffset.UnixEpoch);

        observation.Used.ShouldBe(used);
        observation.Limit.ShouldBe(limit);
        observation.At.ShouldBe(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Read_Retry_after_in_seconds_or_as_a_date_against_the_responses_own_date()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-after", "7");
        GorgiasCallHandler.Observe(seconds, DateTimeOffset.UnixEpoch).RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));

        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.Date = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        date.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT");
        GorgiasCallHandler.Observe(date, DateTimeOffset.UnixEpoch).RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));

        using var undated = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        undated.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT");
        GorgiasCallHandler.Observe(undated, DateTimeOffset.UnixEpoch).RetryAfter.ShouldBeNull();
    }

    [Fact]
    public async Task Take_the_token_from_the_token_source_and_renew_it_once_after_a_401()
    {
        await using var kit = await SandboxKit.StartAsync();
        var first = (await kit.InstallAsync()).AccessToken;
        kit.Tokens.Current = first;
        var caller = SandboxKit.Managed();
        (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");
        await kit.Sandbox.Control.ExpireTokensAsync("acme", cancellationToken: Ct);
        string? second = null;
        kit.Tokens.Renew = async _ => second = (await kit.InstallAsync()).AccessToken;
        kit.Gate.Clear();

        (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");

        kit.Tokens.Rejected.ShouldBe([first]);
        kit.Tokens.Current.ShouldBe(second);
        kit.Gate.Waits.Count.ShouldBe(2);
        kit.Gate.Observations.Select(o => o.Observation.Status).ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.OK]);
        (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");
        kit.Tokens.Rejected.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Give_up_after_one_renewal_without_a_token_in_the_error()
    {
        await using var kit = await SandboxKit.StartAsync();
        var first = (await kit.InstallAsync()).AccessToken;
        var second = (await kit.InstallAsync()).AccessToken;
        await kit.Sandbox.Control.ExpireTokensAsync("acme", cancellationToken: Ct);
        kit.Tokens.Current = first;
        kit.Tokens.Renew = _ => Task.FromResult(second);

        var refused = await Should.ThrowAsync<GorgiasApiException>(kit.Api.GetAccountAsync(SandboxKit.Managed(), Ct));

        refused.IsUnauthorized.ShouldBeTrue();
        kit.Tokens.Rejected.ShouldBe([first]);
        refused.ToString().ShouldNotContain(first);
        refused.ToString().ShouldNotContain(second);
        (await kit.Sandbox.Control.GetRequestLogAsync("acme", 10, Ct)).Select(r => r.Status).ShouldBe([401, 401]);
    }

    [Fact]
    public async Task Not_renew_a_fixed_token()
    {
        await using var kit = await SandboxKit.StartAsync();
        var token = (await kit.InstallAsync()).AccessToken;
        await kit.Sandbox.Control.ExpireTokensAsync("acme", cancellationToken: Ct);

        var refused = await Should.ThrowAsync<GorgiasApiException>(kit.Api.GetAccountAsync(SandboxKit.Fixed(token), Ct));

        refused.IsUnauthorized.ShouldBeTrue();
        refused.ToString().ShouldNotContain(token);
        kit.Tokens.Gets.ShouldBe(0);
        kit.Tokens.Rejected.ShouldBeEmpty();
        kit.Gate.Waits.Count.ShouldBe(1);
    }

    private static ServiceProvider Defaults(Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        var values = new Dictionary<string, string?>
        {
            ["Gorgias:AccountBaseUrl"] = "http://127.0.0.1:9/{account}",
            ["Gorgias:ClientId"] = "id",
            ["Gorgias:ClientSecret"] = "secret",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddGorgiasClients();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Refuse_a_call_without_a_token_source_by_default_before_sending_anything()
    {
        await using var services = Defaults();

        var refused = await Should.ThrowAsync<InvalidOperationException>(
            services.GetRequiredService<GorgiasApiClient>().GetAccountAsync(new GorgiasCaller(SandboxKit.Acme, "t", GorgiasLane.Live), Ct));

        refused.Message.ShouldContain("No token source; use GorgiasCaller.WithAccessToken or register the tenant workers");
        services.GetRequiredService<IGorgiasRateGate>().GetType().Name.ShouldBe("PassThroughRateGate");
    }

    [Fact]
    public async Task Retry_even_a_create_when_the_connection_never_opened()
    {
        var gate = new RecordingRateGate();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gorgias:AccountBaseUrl"] = "http://127.0.0.1:1/{account}", // nothing listens on port 1
            ["Gorgias:ClientId"] = "id",
            ["Gorgias:ClientSecret"] = "secret",
            ["Gorgias:Resilience:MaxRetryAttempts"] = "2",
            ["Gorgias:Resilience:RetryBaseDelay"] = "00:00:00.010",
        }).Build());
        services.AddSingleton<IGorgiasRateGate>(gate);
        services.AddGorgiasClients();
        await using var provider = services.BuildServiceProvider();

        var refused = await Should.ThrowAsync<GorgiasUnavailableException>(
            provider.GetRequiredService<GorgiasApiClient>().CreateTagAsync(SandboxKit.Fixed("secret-token"), new GorgiasTagWrite("x"), Ct));

        refused.Reason.ShouldBe(GorgiasUnavailableReason.NoAnswer);
        refused.Message.ShouldBe("Gorgias could not be reached for POST /api/tags (ConnectionError).");
        refused.ToString().ShouldNotContain("secret-token");
        gate.Waits.Count.ShouldBe(3);
        gate.Observations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Keep_the_apps_own_gate_and_token_source()
    {
        var gate = new RecordingRateGate();
        var tokens = new SettableAccessTokens();
        var services = new ServiceCollection();
        services.AddSingleton<IGorgiasRateGate>(gate);
        services.AddSingleton<IGorgiasAccessTokens>(tokens);
        services.AddGorgiasClients();
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IGorgiasRateGate>().ShouldBeSameAs(gate);
        provider.GetRequiredService<IGorgiasAccessTokens>().ShouldBeSameAs(tokens);
    }

    [Fact]
    public async Task Validate_the_resilience_options()
    {
        await using var fine = Defaults();
        fine.GetRequiredService<IOptions<GorgiasResilienceOptions>>().Value.MaxRetryAttempts.ShouldBe(4);

        await using var bad = Defaults(new()
        {
            ["Gorgias:Resilience:AttemptTimeout"] = "00:02:00",
            ["Gorgias:Resilience:TotalTimeout"] = "00:01:00",
            ["Gorgias:Resilience:MaxRetryAttempts"] = "11",
            ["Gorgias:Resilience:BreakDuration"] = "00:00:00.100",
        });
        var refused = Should.Throw<OptionsValidationException>(() => bad.GetRequiredService<IOptions<GorgiasResilienceOptions>>().Value);
        refused.Failures.ShouldContain(f => f.Contains("MaxRetryAttempts", StringComparison.Ordinal));
        refused.Failures.ShouldContain(f => f.Contains("BreakDuration", StringComparison.Ordinal));
        refused.Failures.ShouldContain(f => f.Contains("must not exceed TotalTimeout", StringComparison.Ordinal));
    }
}
