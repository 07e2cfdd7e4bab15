using System.Net;
using Gorgias.Sandbox.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Intake;
using Saas.Core.Tenancy;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Intake;

/// <summary>What happens to inbox rows after intake: processing, lost nudges, retries, dead letters, racing processors.</summary>
public sealed class InboxProcessingShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Harness(TestApp App, InstalledTenant Tenant, RecordingHandler Handler, SwitchableDispatcher Dispatcher, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();

        public async Task<InboxEvent?> RowAsync(long ticketId) => (await IntakeKit.RowsAsync(App)).SingleOrDefault(r => r.TicketId == ticketId);

        public async Task<InboxEvent> RowUntilAsync(long ticketId, Func<InboxEvent, bool> done, string what) =>
            (await IntakeKit.UntilAsync(() => RowAsync(ticketId), r => r is not null && done(r), what))!;
    }

    private static async Task<Harness> StartAsync(Action<TestAppOptions>? configure = null)
    {
        var handler = new RecordingHandler();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = await TestApp.StartAsync(o =>
        {
            o.Clock = clock;
            o.Settings["Intake:SweepInterval"] = "00:00:10";
            o.Settings["Intake:StaleAfter"] = "00:00:30";
            o.Settings["Intake:FirstRetryDelay"] = "00:00:10";
            o.Settings["Intake:MaxRetryDelay"] = "00:00:20";
            o.Services = s =>
            {
                s.AddSingleton<IInboxEventHandler>(handler);
                s.AddSingleton<SwitchableDispatcher>();
                s.AddSingleton<IInboxDispatcher>(sp => sp.GetRequiredService<SwitchableDispatcher>());
            };
            configure?.Invoke(o);
        });
        return new Harness(app, await IntakeKit.InstallAsync(app), handler, app.App.Services.GetRequiredService<SwitchableDispatcher>(), clock);
    }

    [Fact]
    public async Task Land_a_real_sandbox_webhook_as_a_row_and_process_it()
    {
        await using var h = await StartAsync();

        var written = await h.App.Control.WriteInAsync("acme", new WriteInRequest("sam@example.com", "Sam", "Refund please", "I want my money back"), Ct);
        var ticketId = written.GetProperty("id").GetInt64();

        // The sandbox fires ticket-created and ticket-message-created: one row per distinct ticket state.
        var rows = await IntakeKit.UntilAsync(
            async () => (await IntakeKit.RowsAsync(h.App)).Where(r => r.TicketId == ticketId).ToList(),
            rs => rs.Count > 0 && rs.All(r => r.State == InboxEventState.Done),
            "the sandbox's webhook to be processed");
        var row = rows[0];
        row.TenantId.ShouldBe(h.Tenant.Id);
        row.Payload.ShouldContain("Refund please");
        row.DedupeKey.ShouldStartWith($"ticket:{ticketId}:");
        row.Attempts.ShouldBe(1);
        h.Handler.Handled.Where(i => i.TicketId == ticketId).Select(i => i.Id).ShouldBe(rows.Select(r => r.Id));
        h.Handler.Handled.ShouldAllBe(i => i.TenantId == h.Tenant.Id);
        var delivery = (await h.App.Control.GetDeliveriesAsync("acme", cancellationToken: Ct)).First(d => d.TicketId == ticketId);
        delivery.Status.ShouldBe((int)HttpStatusCode.OK);
        h.App.Logs.Text.ShouldNotContain("I want my money back");
        h.App.Logs.Text.ShouldNotContain(h.Tenant.Secret);
    }

    [Fact]
    public async Task Process_a_row_whose_nudge_was_lost_exactly_once_through_the_sweeper()
    {
        await using var h = await StartAsync();
        h.Dispatcher.Drop = true;

        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(11))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await IntakeKit.UntilAsync(() => Task.FromResult(h.Dispatcher.Dropped), d => d == 1, "the nudge to be dropped");
        h.Dispatcher.Drop = false;

        // Younger than StaleAfter: the sweeper leaves it (its nudge may still be on the way).
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        (await IntakeKit.Service<InboxSweeper>(h.App).SweepAsync(Ct)).ShouldBeEmpty();

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var row = await h.RowUntilAsync(11, r => r.State == InboxEventState.Done, "the sweeper to get the row processed");
        row.Attempts.ShouldBe(1);

        // More sweeps find nothing: handled once.
        h.Clock.Advance(TimeSpan.FromSeconds(60));
        (await IntakeKit.Service<InboxSweeper>(h.App).SweepAsync(Ct)).ShouldBeEmpty();
        h.Handler.Calls.Count(c => c.TicketId == 11).ShouldBe(1);
    }

    [Fact]
    public async Task Dead_letter_a_row_after_the_maximum_attempts_with_its_reason_then_process_it_when_support_retries()
    {
        await using var h = await StartAsync();
        h.Handler.Failing = item => item.TicketId == 21;

        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(21))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var row = await h.RowUntilAsync(21, r => r.Attempts == 1, "the first attempt");
        row.State.ShouldBe(InboxEventState.Pending);
        row.NextAttemptAt.ShouldBe(h.Clock.GetUtcNow() + TimeSpan.FromSeconds(10));
        row.LastError.ShouldBe("InvalidOperationException: rule engine unavailable for ticket 21");

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            // Not before its back-off...
            (await IntakeKit.Service<InboxSweeper>(h.App).SweepAsync(Ct)).ShouldBeEmpty();

            // ...then the sweeper's next tick retries it.
            h.Clock.Advance(TimeSpan.FromSeconds(20));
            row = await h.RowUntilAsync(21, r => r.Attempts == attempt && r.LeaseOwner is null, $"attempt {attempt}");
        }

        row.State.ShouldBe(InboxEventState.DeadLetter);
        h.Handler.Calls.Count.ShouldBe(5);
        h.Handler.Calls.Select(c => c.Attempt).ShouldBe([1, 2, 3, 4, 5]);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        (await IntakeKit.Service<InboxSweeper>(h.App).SweepAsync(Ct)).ShouldBeEmpty();

        var support = IntakeKit.Service<InboxSupport>(h.App);
        var dead = (await support.ListDeadLettersAsync(h.Tenant.Id, cancellationToken: Ct)).ShouldHaveSingleItem();
        dead.Id.ShouldBe(row.Id);
        dead.Attempts.ShouldBe(5);
        dead.LastError.ShouldBe("InvalidOperationException: rule engine unavailable for ticket 21");
        (await support.CountsAsync(h.Tenant.Id, Ct)).ShouldBe(new InboxCounts(0, 0, 1));
        (await support.ListDeadLettersAsync(Guid.NewGuid(), cancellationToken: Ct)).ShouldBeEmpty();
        (await support.RetryAsync(Guid.NewGuid(), row.Id, Ct)).ShouldBeFalse();

        h.Handler.Failing = _ => false;
        (await support.RetryAsync(h.Tenant.Id, row.Id, Ct)).ShouldBeTrue();

        row = await h.RowUntilAsync(21, r => r.State == InboxEventState.Done, "the retried row to be processed");
        row.Attempts.ShouldBe(1);
        h.Handler.Handled.ShouldHaveSingleItem().Id.ShouldBe(row.Id);
        (await support.CountsAsync(h.Tenant.Id, Ct)).ShouldBe(new InboxCounts(0, 1, 0));
        (await support.RetryAsync(h.Tenant.Id, row.Id, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Hold_later_rows_of_a_ticket_while_an_earlier_one_waits_for_its_retry()
    {
        await using var h = await StartAsync();
        h.Dispatcher.Drop = true;
        var failOnce = 1;
        h.Handler.Failing = item => item.TicketId == 31 && Interlocked.Exchange(ref failOnce, 0) == 1;
        for (var second = 1; second <= 3; second++)
        {
            (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(31, $"2026-11-30T10:00:0{second}Z"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(32))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var processor = IntakeKit.Service<ITenantInboxProcessor>(h.App);
        await processor.ProcessPendingAsync(h.Tenant.Id, Ct);

        // The first of 31 failed: its later rows wait (unleased, untried); ticket 32 went on.
        var rows = await IntakeKit.RowsAsync(h.App);
        rows.Select(r => (r.TicketId, r.State, r.Attempts)).ShouldBe([
            (31, InboxEventState.Pending, 1), (31, InboxEventState.Pending, 0), (31, InboxEventState.Pending, 0), (32, InboxEventState.Done, 1)]);
        rows.ShouldAllBe(r => r.LeaseOwner == null);
        (await processor.ProcessPendingAsync(h.Tenant.Id, Ct)).ShouldBe(0);

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await processor.ProcessPendingAsync(h.Tenant.Id, Ct);

        (await IntakeKit.RowsAsync(h.App)).ShouldAllBe(r => r.State == InboxEventState.Done);
        h.Handler.Handled.Where(i => i.TicketId == 31).Select(i => i.Id).ShouldBe(rows.Where(r => r.TicketId == 31).Select(r => r.Id));
    }

    [Fact]
    public async Task Handle_each_row_once_and_in_order_per_ticket_when_two_processors_race_on_one_tenant()
    {
        await using var h = await StartAsync(o => o.Settings["Intake:ClaimBatch"] = "7");
        h.Dispatcher.Drop = true;
        for (var update = 0; update < 8; update++)
        {
            await Task.WhenAll(Enumerable.Range(1, 6).Select(async ticket =>
            {
                using var response = await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(100 + ticket, $"2026-11-30T10:00:{update:00}Z"));
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }));
        }

        var services = h.App.App.Services;
        var one = ActivatorUtilities.CreateInstance<InboxProcessor>(services);
        var two = ActivatorUtilities.CreateInstance<InboxProcessor>(services);
        var counts = await Task.WhenAll(
            Task.Run(() => one.ProcessPendingAsync(h.Tenant.Id, Ct), Ct),
            Task.Run(() => two.ProcessPendingAsync(h.Tenant.Id, Ct), Ct),
            Task.Run(() => one.ProcessPendingAsync(h.Tenant.Id, Ct), Ct));

        var rows = await IntakeKit.RowsAsync(h.App);
        rows.Count.ShouldBe(48);
        rows.ShouldAllBe(r => r.State == InboxEventState.Done && r.Attempts == 1);
        counts.Sum().ShouldBe(48);
        h.Handler.Calls.Count.ShouldBe(48);
        h.Handler.Calls.Select(c => c.Id).Distinct().Count().ShouldBe(48);
        foreach (var ticket in h.Handler.Handled.GroupBy(i => i.TicketId))
        {
            ticket.Select(i => i.Id).ShouldBeInOrder(SortDirection.Ascending);
        }
    }

    [Fact]
    public async Task Free_rows_whose_lease_expired_for_another_processor()
    {
        await using var h = await StartAsync();
        h.Dispatcher.Drop = true;
        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(41))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A processor that claimed the row and died.
        var dead = Guid.NewGuid();
        await h.App.DbAsync(async db =>
        {
            using var scope = h.App.App.Services.GetRequiredService<ITenantDbContextFactory>().CreateForTenant(h.Tenant.Id);
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                scope.InboxEvents, s => s.SetProperty(e => e.LeaseOwner, dead).SetProperty(e => e.LeaseExpiresAt, h.Clock.GetUtcNow() + TimeSpan.FromMinutes(2)), Ct);
        });
        (await IntakeKit.Service<ITenantInboxProcessor>(h.App).ProcessPendingAsync(h.Tenant.Id, Ct)).ShouldBe(0);
        h.Dispatcher.Drop = false;

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var row = await h.RowUntilAsync(41, r => r.State == InboxEventState.Done, "the sweeper to free and process the row");
        row.LeaseOwner.ShouldBeNull();
        h.Handler.Calls.ShouldHaveSingleItem();
    }
}
