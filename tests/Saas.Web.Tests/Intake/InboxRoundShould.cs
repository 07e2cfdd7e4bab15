using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Intake;
using Saas.Core.Tagging;
using Saas.Core.Tenancy;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Intake;

/// <summary>
/// What handlers stage in the <see cref="InboxRound"/> is stored in the transaction that marks the row done, and only
/// then: dropped for a row that fails, and for a row whose lease another processor took meanwhile.
/// </summary>
public sealed class InboxRoundShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_staged_records_with_the_done_mark_and_drop_them_for_a_failed_row_or_a_lost_lease()
    {
        var rules = new StagingRules();
        await using var app = await TestApp.StartAsync(o =>
        {
            o.Settings["Intake:SweeperEnabled"] = "false";
            o.Services = s =>
            {
                s.AddSingleton(rules);
                s.AddScoped<IInboxEventHandler, StagingHandler>();
                s.AddSingleton<SwitchableDispatcher>();
                s.AddSingleton<IInboxDispatcher>(sp => sp.GetRequiredService<SwitchableDispatcher>());
            };
        });
        var acme = await IntakeKit.InstallAsync(app, "acme");
        var dispatcher = app.App.Services.GetRequiredService<SwitchableDispatcher>();

        // Five rows, all in one round: two states of ticket 1, then tickets 2, 3 (its handler fails after staging) and
        // 4 (another processor takes its lease while it is handled).
        dispatcher.Drop = true;
        foreach (var (ticket, updated) in new[] { (1L, "10:00"), (1L, "10:01"), (2L, "10:00"), (3L, "10:00"), (4L, "10:00") })
        {
            (await IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(ticket, $"2026-11-30T{updated}:00+00:00"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        rules.FailTicket = 3;
        rules.StealTicket = 4;
        dispatcher.Drop = false;
        await dispatcher.DispatchAsync(acme.Id, Ct);
        var rows = await IntakeKit.UntilAsync(
            () => IntakeKit.RowsAsync(app),
            rs => rs.Count(r => r.State == InboxEventState.Done) == 3 && rs.Single(r => r.TicketId == 3).Attempts == 1,
            "tickets 1 and 2 done, ticket 3 waiting for its retry");
        rules.Rounds.ShouldBe(1);

        // Ticket 1: one record, inserted once, as its second row left it; ticket 2 stored; 3 and 4 not.
        var stored = await app.DbAsync(db => db.RuleRuns.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().Where(r => r.Trigger == "staged").OrderBy(r => r.TicketId).ToListAsync(Ct));
        stored.Select(r => (r.TicketId, r.Detail)).ShouldBe([(1L, "rows handled: 2"), (2L, "rows handled: 1")]);
        stored[0].InboxEventId.ShouldBe(rows.Where(r => r.TicketId == 1).Max(r => r.Id));

        // The failed row keeps its reason; the stolen row is the other processor's (not marked done by this round).
        var failed = rows.Single(r => r.TicketId == 3);
        (failed.State, failed.LastError).ShouldBe((InboxEventState.Pending, "InvalidOperationException: ticket 3 breaks after staging"));
        var stolen = rows.Single(r => r.TicketId == 4);
        (stolen.State, stolen.LeaseOwner).ShouldBe((InboxEventState.Pending, rules.Thief));
        app.Logs.Text.ShouldContain("the lease of 1 row(s) lapsed");
    }

    [Fact]
    public void Refuse_a_record_staged_outside_a_row()
    {
        var round = new InboxRound();

        Should.Throw<InvalidOperationException>(() => round.Stage(new TaggedTicket(), added: true))
            .Message.ShouldBe("Records can be staged only while the inbox processor is handling a row.");
    }

    /// <summary>What the staging handler does: which ticket fails, which row's lease is taken, and what it saw.</summary>
    internal sealed class StagingRules
    {
        private int _rounds;

        public long FailTicket { get; set; }

        public long StealTicket { get; set; }

        public Guid Thief { get; } = Guid.NewGuid();

        public int Rounds => _rounds;

        public void RoundStarted() => Interlocked.Increment(ref _rounds);
    }

    /// <summary>
    /// Per round (scoped): stages a record per ticket (its detail counts the round's rows of the ticket handled so
    /// far; a <see cref="RuleRun"/> only because it is a simple entity of the model), fails for one ticket after staging, and for another lets a second
    /// processor take the row's lease while it is handled.
    /// </summary>
    private sealed class StagingHandler(InboxRound round, StagingRules rules, ITenantDbContextFactory contexts) : IInboxEventHandler
    {
        private readonly Dictionary<long, (RuleRun Record, int Rows)> _tickets = [];

        public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
        {
            if (_tickets.Count == 0 && round.Items[0].Id == item.Id)
            {
                rules.RoundStarted();
            }

            var added = !_tickets.TryGetValue(item.TicketId, out var seen);
            var record = seen.Record ?? new RuleRun { TenantId = item.TenantId, TicketId = item.TicketId, Trigger = "staged", RuleVersions = "[]", Trace = "[]", Writes = "[]" };
            _tickets[item.TicketId] = (record, seen.Rows + 1);
            record.InboxEventId = item.Id;
            record.Detail = $"rows handled: {seen.Rows + 1}";
            round.Stage(record, added);
            if (item.TicketId == rules.FailTicket)
            {
                throw new InvalidOperationException($"ticket {item.TicketId} breaks after staging");
            }

            if (item.TicketId == rules.StealTicket)
            {
                await using var db = contexts.CreateForTenant(item.TenantId);
                await db.InboxEvents.Where(e => e.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, rules.Thief), cancellationToken);
            }
        }
    }
}
