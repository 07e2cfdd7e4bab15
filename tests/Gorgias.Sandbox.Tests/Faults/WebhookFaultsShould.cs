using System.Text.Json.Nodes;
using Gorgias.Sandbox.Faults;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Faults;

public sealed class WebhookFaultsShould(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestAccount Account, WebhookReceiver Receiver, long IntegrationId)> SetUpAsync(FaultSettings faults)
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var receiver = await WebhookReceiver.StartAsync(Ct);
        var integration = await ApiIntegrations.CreateAsync(api, receiver.Url(), new JsonObject { ["id"] = "{{ticket.id}}" });
        await fixture.Sandbox.Control.SetFaultsAsync(account.Domain, faults, Ct);
        return (account, receiver, integration["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Drop_every_delivery_silently_and_log_it()
    {
        var (account, receiver, integrationId) = await SetUpAsync(new FaultSettings { WebhookDropRate = 1 });
        await using var _ = receiver;

        var ticketId = StoreTickets.Create(fixture.Sandbox, account.Domain);
        var log = await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetDeliveriesAsync(account.Domain, integrationId, cancellationToken: Ct),
            l => l.Count > 0,
            "the dropped delivery in the log");

        log.Single().Outcome.ShouldBe("dropped");
        log.Single().Fault.ShouldBe("drop");
        log.Single().TicketId.ShouldBe(ticketId);
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Send_every_delivery_twice_with_the_duplicate_fault()
    {
        var (account, receiver, integrationId) = await SetUpAsync(new FaultSettings { WebhookDuplicateRate = 1 });
        await using var _ = receiver;

        var ticketId = StoreTickets.Create(fixture.Sandbox, account.Domain);
        var requests = await receiver.WaitForCountAsync(2);
        var log = await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetDeliveriesAsync(account.Domain, integrationId, cancellationToken: Ct),
            l => l.Count == 2,
            "both deliveries in the log");

        requests.Select(r => r.Body).ShouldBe([$"{{\"id\":{ticketId}}}", $"{{\"id\":{ticketId}}}"]);
        log.Select(d => d.Fault).ShouldBe([null, "duplicate"]);
        log.ShouldAllBe(d => d.Outcome == "delivered");
        log.Select(d => d.Id).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Delay_deliveries_and_mark_them_in_the_log()
    {
        var (account, receiver, integrationId) = await SetUpAsync(new FaultSettings { WebhookDelayMs = 150 });
        await using var _ = receiver;

        StoreTickets.Create(fixture.Sandbox, account.Domain);
        await receiver.WaitForCountAsync(1);
        var log = await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetDeliveriesAsync(account.Domain, integrationId, cancellationToken: Ct),
            l => l.Count == 1,
            "the delivery in the log");

        log.Single().Fault.ShouldBe("delay");
        log.Single().Outcome.ShouldBe("delivered");
    }

    [Fact]
    public async Task Reverse_each_batch_with_the_reorder_window()
    {
        var (account, receiver, integrationId) = await SetUpAsync(new FaultSettings { WebhookReorderWindow = 3 });
        await using var _ = receiver;

        var ids = Enumerable.Range(0, 3).Select(i => StoreTickets.Create(fixture.Sandbox, account.Domain, subject: $"Ticket {i}")).ToList();
        var requests = await receiver.WaitForCountAsync(3);

        requests.Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([ids[2], ids[1], ids[0]]);
        var log = await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetDeliveriesAsync(account.Domain, integrationId, cancellationToken: Ct),
            l => l.Count == 3,
            "three deliveries in the log");
        log.ShouldAllBe(d => d.Fault == "reorder");
    }

    [Fact]
    public async Task Send_a_partial_reorder_batch_after_a_quiet_moment()
    {
        var (account, receiver, _) = await SetUpAsync(new FaultSettings { WebhookReorderWindow = 5 });
        await using var _ = receiver;

        var first = StoreTickets.Create(fixture.Sandbox, account.Domain);
        var second = StoreTickets.Create(fixture.Sandbox, account.Domain);
        var requests = await receiver.WaitForCountAsync(2);

        requests.Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([second, first]);
    }

    [Fact]
    public async Task Deliver_normally_again_once_the_faults_are_cleared()
    {
        var (account, receiver, integrationId) = await SetUpAsync(new FaultSettings { WebhookDropRate = 1 });
        await using var _ = receiver;
        StoreTickets.Create(fixture.Sandbox, account.Domain);
        await Poll.UntilAsync(
            () => fixture.Sandbox.Control.GetDeliveriesAsync(account.Domain, integrationId, cancellationToken: Ct),
            l => l.Count == 1,
            "the dropped delivery");

        await fixture.Sandbox.Control.ClearFaultsAsync(account.Domain, Ct);
        var second = StoreTickets.Create(fixture.Sandbox, account.Domain);
        var requests = await receiver.WaitForCountAsync(1);

        requests.Single().Json["id"]!.GetValue<long>().ShouldBe(second);
        (await fixture.Sandbox.Control.GetFaultsAsync(account.Domain, Ct)).ShouldBe(new FaultSettings());
    }
}
