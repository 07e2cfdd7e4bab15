using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Intake;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Intake;

/// <summary>
/// The retention delete of processed rows, and the processor's state changes riding in the intake writer's group
/// commit (a failing change fails alone; the pool's connections keep their durability settings).
/// </summary>
public sealed class InboxRetentionAndWriterShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApp App, FakeTimeProvider Clock, RecordingHandler Handler, SwitchableDispatcher Dispatcher)> StartAsync(Action<TestAppOptions>? more = null)
    {
        var handler = new RecordingHandler();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = await TestApp.StartAsync(o =>
        {
            o.Clock = clock;

            // The test runs the retention delete itself (no background sweep racing it).
            o.Settings["Intake:SweeperEnabled"] = "false";
            o.Settings["Intake:MaxAttempts"] = "1";
            o.Settings["Intake:RetentionBatch"] = "2";
            o.Services = s =>
            {
                s.AddSingleton<IInboxEventHandler>(handler);
                s.AddSingleton<SwitchableDispatcher>();
                s.AddSingleton<IInboxDispatcher>(sp => sp.GetRequiredService<SwitchableDispatcher>());
            };
            more?.Invoke(o);
        });
        return (app, clock, handler, app.App.Services.GetRequiredService<SwitchableDispatcher>());
    }

    [Fact]
    public async Task Delete_done_rows_of_every_tenant_after_the_retention_in_batches_and_keep_dead_letters_and_pending_rows()
    {
        var (app, clock, handler, dispatcher) = await StartAsync();
        await using var _ = app;
        var acme = await IntakeKit.InstallAsync(app, "acme");
        var globex = await IntakeKit.InstallAsync(app, "globex");
        handler.Failing = item => item.TicketId == 3;

        foreach (var (tenant, ticket) in new[] { (acme, 1L), (acme, 2L), (acme, 3L), (globex, 4L) })
        {
            (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(ticket))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await IntakeKit.UntilAsync(
            () => IntakeKit.RowsAsync(app),
            rows => rows.Count == 4 && rows.All(r => r.State != InboxEventState.Pending && r.LeaseOwner is null),
            "the four rows to be processed");

        // A row that arrives later and stays pending (its nudge lost).
        dispatcher.Drop = true;
        clock.Advance(TimeSpan.FromDays(3));
        (await IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(5))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var sweeper = IntakeKit.Service<InboxSweeper>(app);

        // Just inside the retention (7 days by default): nothing goes.
        clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        (await sweeper.DeleteExpiredAsync(Ct)).ShouldBe(0);
        (await IntakeKit.RowsAsync(app)).Count.ShouldBe(5);

        // Past it: the three done rows of both tenants go (batches of 2: 2 + 1), the dead letter and the pending row stay.
        clock.Advance(TimeSpan.FromMinutes(2));
        (await sweeper.DeleteExpiredAsync(Ct)).ShouldBe(3);
        var left = await IntakeKit.RowsAsync(app);
        left.Select(r => (r.TicketId, r.State)).ShouldBe([(3L, InboxEventState.DeadLetter), (5L, InboxEventState.Pending)]);
        app.Logs.Text.ShouldContain("Inbox retention deleted 3 processed row(s)");

        // Nothing more to delete; support still sees the dead letter.
        (await sweeper.DeleteExpiredAsync(Ct)).ShouldBe(0);
        (await IntakeKit.Service<InboxSupport>(app).CountsAsync(acme.Id, Ct)).ShouldBe(new InboxCounts(1, 0, 1));
    }

    [Fact]
    public void Refuse_a_retention_shorter_than_two_days_at_start_up()
    {
        var failure = new IntakeOptionsValidator().Validate(null, new IntakeOptions { DoneRetention = TimeSpan.FromDays(1), RetentionBatch = 0 });

        failure.Failed.ShouldBeTrue();
        failure.FailureMessage.ShouldContain("Intake:DoneRetention must be at least 2 days");
        failure.FailureMessage.ShouldContain("Intake:RetentionBatch must be between 1 and 100000");
    }

    [Fact]
    public async Task Carry_at_most_MaxWorkPerBatch_pieces_of_work_per_commit_and_run_the_rest_in_later_commits()
    {
        var (app, _, _, dispatcher) = await StartAsync(o => o.Settings["Intake:MaxWorkPerBatch"] = "2");
        await using var _ = app;
        var acme = await IntakeKit.InstallAsync(app, "acme");
        dispatcher.Drop = true;
        (await IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(70))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var writer = IntakeKit.Service<InboxWriter>(app);

        // Twelve pieces of work queued at once, with deliveries among them: each runs once, at most two per commit.
        var commits = new System.Collections.Concurrent.ConcurrentQueue<object>();
        var works = Enumerable.Range(0, 12).Select(i => writer.ExecuteAsync(acme.Id, (Saas.Core.Data.SaasDbContext w) =>
        {
            commits.Enqueue(w.Database.CurrentTransaction.ShouldNotBeNull().GetDbTransaction());
            return w.InboxEvents.Where(e => e.TicketId == 70).ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, e => e.Attempts + 1), Ct);
        }, Ct)).ToList();
        var posts = Enumerable.Range(1, 4).Select(i => IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(70 + i))).ToList();

        (await Task.WhenAll(works)).ShouldAllBe(updated => updated == 1);
        foreach (var post in posts)
        {
            (await post).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        commits.Count.ShouldBe(12);
        commits.GroupBy(c => c, ReferenceEqualityComparer.Instance).ShouldAllBe(g => g.Count() <= 2);
        (await IntakeKit.RowsAsync(app)).Single(r => r.TicketId == 70).Attempts.ShouldBe(12);
        (await IntakeKit.RowsAsync(app)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task Fail_a_broken_state_change_alone_and_still_store_the_intake_rows_around_it()
    {
        var (app, _, handler, dispatcher) = await StartAsync();
        await using var _ = app;
        var acme = await IntakeKit.InstallAsync(app, "acme");
        dispatcher.Drop = true;
        var writer = IntakeKit.Service<InboxWriter>(app);

        // Queued with deliveries: the broken statement fails alone, the deliveries are stored.
        var broken = writer.ExecuteAsync(acme.Id, w => w.Database.ExecuteSqlRawAsync("UPDATE \"NoSuchTable\" SET \"X\" = 1;"), Ct);
        var posts = Enumerable.Range(1, 5).Select(i => IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(60 + i))).ToList();

        (await Should.ThrowAsync<SqliteException>(() => broken)).Message.ShouldContain("no such table");
        foreach (var post in posts)
        {
            (await post).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await IntakeKit.RowsAsync(app)).Select(r => r.TicketId).Order().ShouldBe([61L, 62L, 63L, 64L, 65L]);

        // A state change returns its count once committed, on the tenant's rows only (the tenant filter applies).
        (await writer.ExecuteAsync(acme.Id, w => w.InboxEvents.Where(e => e.TicketId == 61).ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, 7), Ct), Ct)).ShouldBe(1);
        (await writer.ExecuteAsync(Guid.NewGuid(), w => w.InboxEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, 9), Ct), Ct)).ShouldBe(0);
        (await IntakeKit.RowsAsync(app)).OrderBy(r => r.TicketId).Select(r => r.Attempts).ShouldBe([7, 0, 0, 0, 0]);

        // A cancelled change that has not started is skipped.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => writer.ExecuteAsync(acme.Id, w => w.InboxEvents.ExecuteDeleteAsync(Ct), cancelled.Token));
        (await IntakeKit.RowsAsync(app)).Count.ShouldBe(5);
        handler.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Undo_a_piece_of_work_whole_when_it_fails_after_its_first_statement()
    {
        var (app, _, _, dispatcher) = await StartAsync();
        await using var _ = app;
        var acme = await IntakeKit.InstallAsync(app, "acme");
        dispatcher.Drop = true;
        (await IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(80))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var writer = IntakeKit.Service<InboxWriter>(app);

        // Two statements, then a failure: neither statement is stored (a savepoint around each piece), while a
        // delivery and a good piece of work queued beside it are.
        var broken = writer.ExecuteAsync(acme.Id, async w =>
        {
            await w.InboxEvents.Where(e => e.TicketId == 80).ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, 3), Ct);
            await w.InboxEvents.Where(e => e.TicketId == 80).ExecuteUpdateAsync(s => s.SetProperty(e => e.LastError, "half-done"), Ct);
            throw new InvalidOperationException("the piece breaks after two statements");
        }, Ct);
        var good = writer.ExecuteAsync(acme.Id, w => w.InboxEvents.Where(e => e.TicketId == 80).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, e => e.NextAttemptAt), Ct), Ct);
        var post = IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(81));

        (await Should.ThrowAsync<InvalidOperationException>(() => broken)).Message.ShouldBe("the piece breaks after two statements");
        (await good).ShouldBe(1);
        (await post).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await IntakeKit.RowsAsync(app)).OrderBy(r => r.TicketId).ToList();
        rows.Select(r => r.TicketId).ShouldBe([80L, 81L]);
        rows[0].Attempts.ShouldBe(0);
        rows[0].LastError.ShouldBeNull();
    }

    [Fact]
    public async Task Mark_the_intake_busy_when_one_commit_carries_BusyBatchRows_deliveries()
    {
        var (app, _, _, dispatcher) = await StartAsync(o => o.Settings["Intake:BusyBatchRows"] = "3");
        await using var _ = app;
        var acme = await IntakeKit.InstallAsync(app, "acme");
        dispatcher.Drop = true;
        var writer = IntakeKit.Service<InboxWriter>(app);

        // One delivery at a time: one per commit, not busy.
        (await IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(90))).StatusCode.ShouldBe(HttpStatusCode.OK);
        writer.BusyAt.ShouldBe(0);
        writer.IsBusy.ShouldBeFalse();

        // Three deliveries queued while a commit is under way: the next commit carries them together.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = writer.ExecuteAsync(acme.Id, async _ =>
        {
            entered.SetResult();
            await gate.Task;
            return 0;
        }, Ct);
        await entered.Task;
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        var posts = Enumerable.Range(1, 3).Select(i => IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(90 + i))).ToList();
        await IntakeKit.UntilAsync(() => Task.FromResult(writer.Queued), queued => queued >= 3, "three deliveries queued behind the held commit");
        gate.SetResult();
        await held;
        foreach (var post in posts)
        {
            (await post).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        writer.BusyAt.ShouldBeGreaterThan(before);
        (await IntakeKit.RowsAsync(app)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Leave_the_pooled_connections_fully_durable_after_processing()
    {
        var (app, _, handler, _) = await StartAsync();
        await using var _ = app;
        var acme = await IntakeKit.InstallAsync(app, "acme");
        for (var ticket = 1; ticket <= 3; ticket++)
        {
            (await IntakeKit.PostAsync(acme.WebhookUrl, acme.Secret, IntakeKit.Ticket(70 + ticket))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await IntakeKit.UntilAsync(() => IntakeKit.RowsAsync(app), rows => rows.Count == 3 && rows.All(r => r.State == InboxEventState.Done), "the rows to be processed");
        handler.Handled.Count.ShouldBe(3);

        // Whatever the processor and the writer did, a pooled connection comes back with SQLite's default FULL (2).
        var synchronous = await app.DbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        });
        synchronous.ShouldBe(2L);
    }
}
