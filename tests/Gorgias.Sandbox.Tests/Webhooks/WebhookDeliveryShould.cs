using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Webhooks;

/// <summary>Retries and ordering, on a sandbox with a large time scale so back-offs take milliseconds.</summary>
public sealed class WebhookDeliveryShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SandboxHost> StartSandboxAsync(Action<SandboxOptions>? configure = null) =>
        SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new Dictionary<string, AccountSeedOptions>(StringComparer.Ordinal)
                {
                    ["shop"] = new AccountSeedOptions { Tickets = 0, Customers = 0, Agents = 1 },
                };
                o.TimeScale = 1000;
                o.Webhooks.MaxAttempts = 5;
                configure?.Invoke(o);
            },
            cancellationToken: Ct);

    private static async Task<HttpClient> AdminApiAsync(SandboxHost sandbox)
    {
        var info = await sandbox.Control.GetAccountAsync("shop", Ct);
        var admin = info.Users.First(u => u.Role == "admin");
        return TestAccount.ApiClient(sandbox, "shop", admin.Email, admin.ApiKey);
    }

    private static JsonObject IdForm() => new JsonObject { ["id"] = "{{ticket.id}}" };

    [Fact]
    public async Task Retry_a_failing_delivery_until_the_receiver_accepts_it()
    {
        await using var sandbox = await StartSandboxAsync();
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.RespondWith(500, 500, 200);
        var integrationId = (await ApiIntegrations.CreateAsync(api, receiver.Url(), IdForm()))["id"]!.GetValue<long>();

        var ticketId = StoreTickets.Create(sandbox, "shop");
        var requests = await receiver.WaitForCountAsync(3);
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.Outcome == "delivered"),
            "the delivered attempt in the log");

        requests.Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([ticketId, ticketId, ticketId]);
        log.Select(d => (d.Attempt, d.Status, d.Outcome)).ShouldBe([(1, (int?)500, "retrying"), (2, 500, "retrying"), (3, 200, "delivered")]);
        log.Select(d => d.Id).Distinct().Count().ShouldBe(1);
        log.ShouldAllBe(d => d.Trigger == "ticket-created" && d.TicketId == ticketId && d.Method == "POST" && d.Url == receiver.Url());
        log[0].Error.ShouldNotBeNull().ShouldContain("500");
        (await sandbox.Control.GetAccountAsync("shop", Ct)).Integrations.Single().ConsecutiveFailures.ShouldBe(0);
    }

    [Fact]
    public async Task Give_up_after_the_last_attempt()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Webhooks.MaxAttempts = 4);
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.AlwaysRespond(503);
        var integrationId = (await ApiIntegrations.CreateAsync(api, receiver.Url(), IdForm()))["id"]!.GetValue<long>();

        StoreTickets.Create(sandbox, "shop");
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.Outcome == "failed"),
            "the failed attempt in the log");

        log.Select(d => (d.Attempt, d.Outcome)).ShouldBe([(1, "retrying"), (2, "retrying"), (3, "retrying"), (4, "failed")]);
        receiver.Requests.Count.ShouldBe(4);
        var integration = (await sandbox.Control.GetAccountAsync("shop", Ct)).Integrations.Single();
        integration.ConsecutiveFailures.ShouldBe(4);
        integration.Active.ShouldBeTrue();
    }

    [Fact]
    public async Task Retry_after_a_timeout()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Webhooks.Timeout = TimeSpan.FromMilliseconds(300));
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var never = new TaskCompletionSource();
        receiver.Respond(async (_, ordinal, aborted) =>
        {
            if (ordinal == 0)
            {
                await never.Task.WaitAsync(aborted);
            }

            return 200;
        });
        var integrationId = (await ApiIntegrations.CreateAsync(api, receiver.Url(), IdForm()))["id"]!.GetValue<long>();

        StoreTickets.Create(sandbox, "shop");
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.Outcome == "delivered"),
            "the delivered attempt in the log");

        log.Select(d => (d.Attempt, d.Outcome)).ShouldBe([(1, "retrying"), (2, "delivered")]);
        log[0].Status.ShouldBeNull();
        log[0].Error.ShouldNotBeNull().ShouldContain("Timed out");
    }

    [Fact]
    public async Task Retry_when_the_connection_is_refused()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Webhooks.MaxAttempts = 2);
        using var api = await AdminApiAsync(sandbox);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var integrationId = (await ApiIntegrations.CreateAsync(api, $"http://127.0.0.1:{port}/gone", IdForm()))["id"]!.GetValue<long>();

        StoreTickets.Create(sandbox, "shop");
        var log = await Poll.UntilAsync(
            () => sandbox.Control.GetDeliveriesAsync("shop", integrationId, cancellationToken: Ct),
            l => l.Any(d => d.Outcome == "failed"),
            "the failed attempt in the log");

        log.Select(d => (d.Attempt, d.Outcome)).ShouldBe([(1, "retrying"), (2, "failed")]);
        log.ShouldAllBe(d => d.Status == null && d.Error != null);
    }

    [Fact]
    public async Task Keep_a_slow_receiver_from_delaying_other_integrations()
    {
        await using var sandbox = await StartSandboxAsync();
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var release = new TaskCompletionSource();
        receiver.HoldPath("slow", release.Task);
        await ApiIntegrations.CreateAsync(api, receiver.Url("slow"), IdForm());
        await ApiIntegrations.CreateAsync(api, receiver.Url("fast"), IdForm());

        var first = StoreTickets.Create(sandbox, "shop");
        var second = StoreTickets.Create(sandbox, "shop");
        await receiver.WaitForCountAsync(1, "slow");
        var fast = await receiver.WaitForCountAsync(2, "fast");

        // Both tickets reached the fast receiver while the slow one still holds its first request.
        receiver.RequestsTo("slow").Count.ShouldBe(1);
        fast.Where(r => r.Path == "/fast").Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([first, second]);
        release.SetResult();
        var slow = await receiver.WaitForCountAsync(2, "slow");
        slow.Where(r => r.Path == "/slow").Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([first, second]);
    }

    [Fact]
    public async Task Deliver_to_one_integration_in_trigger_order_even_across_retries()
    {
        await using var sandbox = await StartSandboxAsync();
        using var api = await AdminApiAsync(sandbox);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.RespondWith(500, 500);
        await ApiIntegrations.CreateAsync(api, receiver.Url(), IdForm());

        var ids = Enumerable.Range(0, 5).Select(i => StoreTickets.Create(sandbox, "shop", subject: $"Order {i}")).ToList();
        var requests = await receiver.WaitForCountAsync(7);

        requests.Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([ids[0], ids[0], ids[0], ids[1], ids[2], ids[3], ids[4]]);
    }
}
