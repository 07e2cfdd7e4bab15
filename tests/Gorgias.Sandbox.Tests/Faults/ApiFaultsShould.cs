using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Faults;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Faults;

public sealed class ApiFaultsShould(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_latency_and_show_it_in_the_request_log()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await fixture.Sandbox.Control.SetFaultsAsync(account.Domain, new FaultSettings { ApiLatencyMs = 50 }, Ct);

        using var response = await api.GetAsync("api/tickets", Ct);
        var log = await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetRequestLogAsync(account.Domain, cancellationToken: Ct),
            l => l.Count == 1,
            "the request in the log");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        log.Single().Fault.ShouldBe("latency");
        log.Single().Path.ShouldBe("/" + account.Domain + "/api/tickets");
        log.Single().Credential.ShouldBe("api_key");
    }

    [Fact]
    public async Task Answer_every_request_with_a_server_error_at_rate_one()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        await fixture.Sandbox.Control.SetFaultsAsync(account.Domain, new FaultSettings { ServerErrorRate = 1, ServerErrorStatus = 503 }, Ct);

        var statuses = new List<HttpStatusCode>();
        string? body = null;
        for (var i = 0; i < 5; i++)
        {
            using var response = await api.GetAsync("api/tickets", Ct);
            statuses.Add(response.StatusCode);
            body = await response.Content.ReadAsStringAsync(Ct);
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable);
        JsonNode.Parse(body!)!["error"]!["msg"]!.GetValue<string>().ShouldBe("Internal server error (injected by the sandbox).");
        var log = await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetRequestLogAsync(account.Domain, cancellationToken: Ct),
            l => l.Count == 5,
            "five requests in the log");
        log.ShouldAllBe(e => e.Fault == "5xx" && e.Status == 503);
    }

    [Fact]
    public async Task Fail_about_the_configured_share_of_requests()
    {
        await using var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new Dictionary<string, AccountSeedOptions>(StringComparer.Ordinal) { ["shop"] = new() { Tickets = 0, Customers = 0, Agents = 1 } };
                o.RateLimits.Enabled = false;
            },
            cancellationToken: Ct);
        var admin = (await sandbox.Control.GetAccountAsync("shop", Ct)).Users.First(u => u.Role == "admin");
        using var api = TestAccount.ApiClient(sandbox, "shop", admin.Email, admin.ApiKey);
        await sandbox.Control.SetFaultsAsync("shop", new FaultSettings { ServerErrorRate = 0.3 }, Ct);

        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            using var response = await api.GetAsync("api/tickets?limit=1", Ct);
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                failures++;
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        failures.ShouldBeInRange(45, 75);
    }

    [Fact]
    public async Task Answer_429_during_a_storm_and_serve_again_after_clearing_it()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var set = await fixture.Sandbox.Control.SetFaultsAsync(
            account.Domain,
            new FaultSettings { RateLimitStormSeconds = 600, StormRetryAfterSeconds = 3 },
            Ct);

        using var stormy = await api.GetAsync("api/tickets", Ct);
        var stormyBody = await stormy.Content.ReadAsStringAsync(Ct);
        await fixture.Sandbox.Control.ClearFaultsAsync(account.Domain, Ct);
        using var calm = await api.GetAsync("api/tickets", Ct);

        set.RateLimitStormUntil.ShouldNotBeNull();
        stormy.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        stormy.Headers.GetValues("Retry-after").Single().ShouldBe("3");
        stormy.Headers.GetValues("X-Gorgias-Account-Api-Call-Limit").Single().ShouldBe("40/40");
        JsonNode.Parse(stormyBody)!["error"]!["msg"].ShouldNotBeNull();
        calm.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refuse_out_of_range_and_unknown_fault_settings()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var control = fixture.Sandbox.Control.Http;

        using var badRanges = await control.PutAsJsonAsync(
            $"_sandbox/accounts/{account.Domain}/faults",
            new JsonObject { ["server_error_rate"] = 1.5, ["server_error_status"] = 404, ["webhook_drop_rate"] = -0.1, ["token_endpoint_status"] = 200 },
            Ct);
        using var unknown = await control.PutAsJsonAsync($"_sandbox/accounts/{account.Domain}/faults", new JsonObject { ["chaos_monkey"] = true }, Ct);
        using var wrongType = await control.PutAsJsonAsync($"_sandbox/accounts/{account.Domain}/faults", new JsonObject { ["api_latency_ms"] = "slow" }, Ct);
        using var noAccount = await control.GetAsync("_sandbox/accounts/no-such-account/faults", Ct);

        badRanges.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var data = JsonNode.Parse(await badRanges.Content.ReadAsStringAsync(Ct))!["error"]!["data"]!.AsObject();
        data.Select(d => d.Key).Order(StringComparer.Ordinal).ShouldBe(["server_error_rate", "server_error_status", "token_endpoint_status", "webhook_drop_rate"]);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noAccount.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.Sandbox.Control.GetFaultsAsync(account.Domain, Ct)).ShouldBe(new FaultSettings());
    }

    [Fact]
    public async Task Expire_every_cursor_issued_so_far()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var body = new JsonObject
        {
            ["name"] = "Hook",
            ["type"] = "http",
            ["http"] = new JsonObject { ["url"] = "https://hooks.example.com/x", ["triggers"] = new JsonObject { ["ticket-created"] = true } },
        };
        await ApiIntegrations.CreateAsync(api, body.DeepClone().AsObject());
        await ApiIntegrations.CreateAsync(api, body.DeepClone().AsObject());
        var page = JsonNode.Parse(await api.GetStringAsync("api/integrations?limit=1", Ct))!;
        var cursor = page["meta"]!["next_cursor"]!.GetValue<string>();

        await fixture.Sandbox.Control.ExpireCursorsAsync(account.Domain, Ct);
        using var expired = await api.GetAsync($"api/integrations?limit=1&cursor={Uri.EscapeDataString(cursor)}", Ct);

        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await expired.Content.ReadAsStringAsync(Ct)).ShouldContain("expired");
    }

    [Fact]
    public async Task Keep_the_request_log_newest_last_until_cleared()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        IReadOnlyList<Control.SandboxRequestLogEntry> all = [];
        foreach (var path in new[] { "api/tickets?limit=1", "api/integrations?limit=2", "api/integrations?limit=3" })
        {
            (await api.GetAsync(path, Ct)).Dispose();
            var expected = all.Count + 1;
            all = await Poll.UntilAsync(
                () => fixture.Sandbox.Control.GetRequestLogAsync(account.Domain, cancellationToken: Ct),
                l => l.Count == expected,
                $"{expected} request(s) in the log");
        }

        var lastTwo = await fixture.Sandbox.Control.GetRequestLogAsync(account.Domain, limit: 2, cancellationToken: Ct);
        await fixture.Sandbox.Control.ClearRequestLogAsync(account.Domain, Ct);
        var cleared = await fixture.Sandbox.Control.GetRequestLogAsync(account.Domain, cancellationToken: Ct);

        all.Select(e => e.Path).ShouldBe([$"/{account.Domain}/api/tickets?limit=1", $"/{account.Domain}/api/integrations?limit=2", $"/{account.Domain}/api/integrations?limit=3"]);
        all.Select(e => e.RateLimit).ShouldBe(["1/40", "2/40", "3/40"]);
        lastTwo.Select(e => e.Path).ShouldBe([$"/{account.Domain}/api/integrations?limit=2", $"/{account.Domain}/api/integrations?limit=3"]);
        cleared.ShouldBeEmpty();
    }
}
