using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gorgias.Sandbox.Tests.RateLimits;

/// <summary>The leaky bucket, on sandboxes driven by a fake clock (no real waiting).</summary>
public sealed class RateLimitShould
{
    private const string CallLimit = "X-Gorgias-Account-Api-Call-Limit";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SandboxHost Sandbox, FakeTimeProvider Clock)> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new Dictionary<string, AccountSeedOptions>(StringComparer.Ordinal)
                {
                    ["std"] = new() { Plan = AccountPlan.Standard, Tickets = 0, Customers = 0, Agents = 1 },
                    ["ent"] = new() { Plan = AccountPlan.Enterprise, Tickets = 0, Customers = 0, Agents = 1 },
                };
                configure?.Invoke(o);
            },
            clock,
            Ct);
        return (sandbox, clock);
    }

    private static async Task<HttpClient> ApiKeyClientAsync(SandboxHost sandbox, string domain)
    {
        var admin = (await sandbox.Control.GetAccountAsync(domain, Ct)).Users.First(u => u.Role == "admin");
        return TestAccount.ApiClient(sandbox, domain, admin.Email, admin.ApiKey);
    }

    private static HttpClient OAuthClient(SandboxHost sandbox, string domain) =>
        TestAccount.BearerClient(sandbox, domain, MintedTokens.Issue(sandbox, domain, "tickets:read"));

    private static async Task<int> CountAcceptedUntil429Async(HttpClient api, int max = 200)
    {
        for (var accepted = 0; accepted < max; accepted++)
        {
            using var response = await api.GetAsync("api/tickets?limit=1", Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return accepted;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        throw new InvalidOperationException($"No 429 after {max} requests.");
    }

    [Fact]
    public async Task Allow_a_burst_of_40_api_key_requests_then_answer_429_with_retry_after()
    {
        var (sandbox, _) = await StartAsync();
        await using var __ = sandbox;
        using var api = await ApiKeyClientAsync(sandbox, "std");

        var headers = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            using var ok = await api.GetAsync("api/tickets?limit=1", Ct);
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            headers.Add(ok.Headers.GetValues(CallLimit).Single());
        }

        using var refused = await api.GetAsync("api/tickets?limit=1", Ct);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!;

        headers.ShouldBe(Enumerable.Range(1, 40).Select(i => $"{i}/40"));
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.GetValues(CallLimit).Single().ShouldBe("40/40");
        int.Parse(refused.Headers.GetValues("Retry-after").Single(), NumberStyles.None, CultureInfo.InvariantCulture).ShouldBe(1);
        body["error"]!["msg"]!.GetValue<string>().ShouldContain("Too many requests");
    }

    [Fact]
    public async Task Drain_at_the_limit_per_window()
    {
        var (sandbox, clock) = await StartAsync();
        await using var __ = sandbox;
        using var api = await ApiKeyClientAsync(sandbox, "std");
        (await CountAcceptedUntil429Async(api)).ShouldBe(40);

        // 40 per 20 s drains 2 requests a second.
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = await CountAcceptedUntil429Async(api);
        clock.Advance(TimeSpan.FromSeconds(20));
        var afterTheWindow = await CountAcceptedUntil429Async(api);

        afterOneSecond.ShouldBe(2);
        afterTheWindow.ShouldBe(40);
    }

    [Fact]
    public async Task Keep_oauth_and_api_key_buckets_apart_with_their_own_limits()
    {
        var (sandbox, _) = await StartAsync();
        await using var __ = sandbox;
        using var apiKey = await ApiKeyClientAsync(sandbox, "std");
        using var oauth = OAuthClient(sandbox, "std");

        var apiKeyAccepted = await CountAcceptedUntil429Async(apiKey);
        using var firstOAuth = await oauth.GetAsync("api/tickets?limit=1", Ct);
        var oauthAccepted = 1 + await CountAcceptedUntil429Async(oauth);

        apiKeyAccepted.ShouldBe(40);
        firstOAuth.Headers.GetValues(CallLimit).Single().ShouldBe("1/80");
        oauthAccepted.ShouldBe(80);
    }

    [Fact]
    public async Task Drain_an_enterprise_bucket_twice_as_fast()
    {
        var (sandbox, clock) = await StartAsync();
        await using var __ = sandbox;
        using var standard = await ApiKeyClientAsync(sandbox, "std");
        using var enterprise = await ApiKeyClientAsync(sandbox, "ent");
        (await CountAcceptedUntil429Async(standard)).ShouldBe(40);
        (await CountAcceptedUntil429Async(enterprise)).ShouldBe(40);

        clock.Advance(TimeSpan.FromSeconds(5));

        (await CountAcceptedUntil429Async(standard)).ShouldBe(10);
        (await CountAcceptedUntil429Async(enterprise)).ShouldBe(20);
    }

    [Fact]
    public async Task Shorten_the_windows_with_the_time_scale()
    {
        var (sandbox, clock) = await StartAsync(o => o.TimeScale = 10);
        await using var __ = sandbox;
        using var api = await ApiKeyClientAsync(sandbox, "std");
        (await CountAcceptedUntil429Async(api)).ShouldBe(40);

        clock.Advance(TimeSpan.FromSeconds(1));

        // A 2 s window instead of 20 s: 20 requests drained in one second instead of 2.
        (await CountAcceptedUntil429Async(api)).ShouldBe(20);
    }

    [Fact]
    public async Task Let_background_load_spend_the_oauth_bucket()
    {
        var (sandbox, clock) = await StartAsync();
        await using var __ = sandbox;
        using var oauth = OAuthClient(sandbox, "std");
        using var apiKey = await ApiKeyClientAsync(sandbox, "std");
        using var first = await oauth.GetAsync("api/tickets?limit=1", Ct);

        await sandbox.Control.SetBackgroundLoadAsync("std", 10, Ct);
        clock.Advance(TimeSpan.FromSeconds(5));
        var status = await sandbox.Control.GetRateLimitAsync("std", Ct);
        using var second = await oauth.GetAsync("api/tickets?limit=1", Ct);
        using var byKey = await apiKey.GetAsync("api/tickets?limit=1", Ct);

        // 10/s of background load against a 4/s drain: 30 more in the bucket after 5 s.
        first.Headers.GetValues(CallLimit).Single().ShouldBe("1/80");
        status.BackgroundLoadPerSecond.ShouldBe(10);
        status.Buckets.Single(b => b.Kind == "oauth").Used.ShouldBe(31);
        second.Headers.GetValues(CallLimit).Single().ShouldBe("32/80");
        byKey.Headers.GetValues(CallLimit).Single().ShouldBe("1/40");
    }
}
