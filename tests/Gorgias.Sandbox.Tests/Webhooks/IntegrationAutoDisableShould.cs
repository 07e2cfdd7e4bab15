using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Webhooks;

/// <summary>Deactivation after consecutive failed requests (3 here instead of Gorgias' 100), and re-enabling.</summary>
public sealed class IntegrationAutoDisableShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SandboxHost> StartSandboxAsync() =>
        SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new Dictionary<string, AccountSeedOptions>(StringComparer.Ordinal)
                {
                    ["shop"] = new AccountSeedOptions { Tickets = 0, Customers = 0, Agents = 1 },
                };
                o.TimeScale = 1000;
                o.Webhooks.MaxAttempts = 5;
                o.Webhooks.DisableAfterConsecutiveFailures = 3;
            },
            cancellationToken: Ct);

    private static async Task<HttpClient> AdminApiAsync(SandboxHost sandbox)
    {
        var info = await sandbox.Control.GetAccountAsync("shop", Ct);
        var admin = info.Users.First(u => u.Role == "admin");
        return TestAccount.ApiClient(sandbox, "shop", admin.Email, admin.ApiKey);
    }

    [Fact]
    public async Task Deactivate_after_consecutive_failures_and_resume_when_re_enabled()
    {
        await using var sandbox = await StartSandboxAsync();
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.AlwaysRespond(500);
        var integrationId = (await ApiIntegrations.CreateAsync(api, receiver.Url(), new JsonObject { ["id"] = "{{ticket.id}}" }))["id"]!.GetValue<long>();

        var first = StoreTickets.Create(sandbox, "shop");
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.Outcome == "failed"),
            "the last failed attempt");
        var deactivated = await ApiIntegrations.GetAsync(api, integrationId);
        var whileOff = StoreTickets.Create(sandbox, "shop");
        receiver.AlwaysRespond(200);
        using var enable = await api.PutAsJsonAsync($"api/integrations/{integrationId}", new JsonObject { ["deactivated_datetime"] = null }, Ct);
        var afterOn = StoreTickets.Create(sandbox, "shop");
        var requests = await receiver.WaitForCountAsync(4);

        deactivated["deactivated_datetime"]!.GetValue<string>().ShouldEndWith("+00:00");
        log.Select(d => (d.Attempt, d.Status, d.Outcome)).ShouldBe([(1, (int?)500, "retrying"), (2, 500, "retrying"), (3, 500, "failed")]);
        enable.StatusCode.ShouldBe(HttpStatusCode.OK);
        requests.Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([first, first, first, afterOn]);
        requests.ShouldNotContain(r => r.Json["id"]!.GetValue<long>() == whileOff);
        var finalLog = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.Outcome == "delivered"),
            "the delivery after re-enabling");
        finalLog.ShouldNotContain(d => d.TicketId == whileOff);
        var integration = (await sandbox.Control.GetAccountAsync("shop", Ct)).Integrations.Single();
        integration.Active.ShouldBeTrue();
        integration.ConsecutiveFailures.ShouldBe(0);
    }

    [Fact]
    public async Task Reset_the_failure_count_on_every_success()
    {
        await using var sandbox = await StartSandboxAsync();
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);

        // Two failures then a success, twice: four failures in all, never three in a row.
        receiver.RespondWith(500, 500, 200, 500, 500, 200);
        var integrationId = (await ApiIntegrations.CreateAsync(api, receiver.Url(), new JsonObject { ["id"] = "{{ticket.id}}" }))["id"]!.GetValue<long>();

        StoreTickets.Create(sandbox, "shop");
        StoreTickets.Create(sandbox, "shop");
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Count(d => d.Outcome == "delivered") == 2,
            "two delivered deliveries");

        log.Count.ShouldBe(6);
        (await ApiIntegrations.GetAsync(api, integrationId))["deactivated_datetime"].ShouldBeNull();
        (await sandbox.Control.GetAccountAsync("shop", Ct)).Integrations.Single().ConsecutiveFailures.ShouldBe(0);
    }

    [Fact]
    public async Task Drop_queued_deliveries_of_an_integration_deactivated_meanwhile()
    {
        await using var sandbox = await StartSandboxAsync();
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var release = new TaskCompletionSource();
        receiver.HoldPath("held", release.Task);
        var integrationId = (await ApiIntegrations.CreateAsync(api, receiver.Url("held"), new JsonObject { ["id"] = "{{ticket.id}}" }))["id"]!.GetValue<long>();

        StoreTickets.Create(sandbox, "shop");
        await receiver.WaitForCountAsync(1);
        var queued = StoreTickets.Create(sandbox, "shop");
        using var off = await api.PutAsJsonAsync($"api/integrations/{integrationId}", new JsonObject { ["deactivated_datetime"] = "2030-01-01T00:00:00Z" }, Ct);
        release.SetResult();
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.TicketId == queued),
            "the queued delivery to be logged");

        off.StatusCode.ShouldBe(HttpStatusCode.OK);
        log.Single(d => d.TicketId == queued).Outcome.ShouldBe("integration-deactivated");
        receiver.Requests.Count.ShouldBe(1);
    }
}
