using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.TestingHost;
using Saas.Core.Data;
using Saas.Core.Install;
using Saas.Core.Intake;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Core.Workers;
using Saas.Gorgias;
using Saas.Gorgias.Calls;
using Saas.Workers.Tests.Infrastructure;

namespace Saas.Workers.Tests;

/// <summary>The tenant grain on a real two-silo cluster against the sandbox, with the app's own services.</summary>
public sealed class TenantGrainShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GorgiasCaller Caller(Guid tenantId, string account = "acme") =>
        new(GorgiasAccount.TryParse(account, out var a) ? a : throw new ArgumentException(account), tenantId.ToString(), GorgiasLane.Live);

    private static IGorgiasAccessTokens Tokens(SiloHandle silo) => WorkersCluster.Services(silo).GetRequiredService<IGorgiasAccessTokens>();

    [Fact]
    public async Task Have_one_activation_per_tenant_across_the_cluster()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, _) = await cluster.InstallTenantAsync();
        var (otherId, _) = await cluster.InstallTenantAsync("globex");

        var seen = await Task.WhenAll(
            cluster.Silos.SelectMany(silo => Enumerable.Range(0, 5).Select(_ => WorkersCluster.Grains(silo).GetGrain<ITenantGrain>(tenantId).GetStatusAsync()))
                .Append(cluster.Cluster.Client.GetGrain<ITenantGrain>(tenantId).GetStatusAsync()));
        var other = await WorkersCluster.Grains(cluster.Silos[1]).GetGrain<ITenantGrain>(otherId).GetStatusAsync();

        seen.Select(s => (s.Silo, s.ActivationId)).Distinct().ShouldHaveSingleItem();
        seen.ShouldAllBe(s => s.TenantId == tenantId);
        cluster.Silos.Select(s => s.SiloAddress.ToString()).ShouldContain(seen[0].Silo);
        other.ActivationId.ShouldNotBe(seen[0].ActivationId);
        other.TenantId.ShouldBe(otherId);
    }

    [Fact]
    public async Task Refresh_an_expired_token_once_for_twenty_callers_on_two_silos()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, _) = await cluster.InstallTenantAsync();
        var first = await Tokens(cluster.Silos[0]).GetAsync(Caller(tenantId), Ct);
        (await cluster.RefreshRequestsAsync()).ShouldBe(1);

        // Served from memory while valid: no more refreshes.
        (await Tokens(cluster.Silos[1]).GetAsync(Caller(tenantId), Ct)).ShouldBe(first);
        (await cluster.RefreshRequestsAsync()).ShouldBe(1);

        // Past the token's expiry (24 h) on the app's clock.
        cluster.Clock.Advance(TimeSpan.FromHours(24));
        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Tokens(cluster.Silos[i % 2]).GetAsync(Caller(tenantId), Ct).AsTask()));

        (await cluster.RefreshRequestsAsync()).ShouldBe(2);
        tokens.Distinct().ShouldHaveSingleItem();
        tokens[0].ShouldNotBe(first);
        (await cluster.ApiStatusAsync(tokens[0])).ShouldBe(200);
        var status = await WorkersCluster.Grains(cluster.Silos[0]).GetGrain<ITenantGrain>(tenantId).GetStatusAsync();
        status.Refreshes.ShouldBe(2);
        status.TokenExpiresAt.ShouldBe(cluster.Clock.GetUtcNow() + TimeSpan.FromHours(24));
        NoTokenIn(cluster.Logs.Text, first, tokens[0]);
    }

    [Fact]
    public async Task Renew_a_refused_token_once_for_twenty_callers_on_two_silos()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, _) = await cluster.InstallTenantAsync();
        var first = await Tokens(cluster.Silos[0]).GetAsync(Caller(tenantId), Ct);
        (await cluster.Control.ExpireTokensAsync("acme", WorkersCluster.ClientId, Ct)).ShouldBeGreaterThan(0);
        (await cluster.ApiStatusAsync(first)).ShouldBe(401);

        var renewed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Tokens(cluster.Silos[i % 2]).RenewAsync(Caller(tenantId), first, Ct).AsTask()));

        (await cluster.RefreshRequestsAsync()).ShouldBe(2);
        renewed.Distinct().ShouldHaveSingleItem();
        (await cluster.ApiStatusAsync(renewed[0])).ShouldBe(200);

        // A late caller still holding the old token gets the new one, without another refresh.
        (await Tokens(cluster.Silos[1]).RenewAsync(Caller(tenantId), first, Ct)).ShouldBe(renewed[0]);
        (await cluster.RefreshRequestsAsync()).ShouldBe(2);
        (await cluster.TenantAsync(tenantId)).State.ShouldBe(TenantState.Active);
    }

    [Fact]
    public async Task Disconnect_the_tenant_on_invalid_grant_and_refuse_to_serve()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, _) = await cluster.InstallTenantAsync();
        (await cluster.Control.UninstallAsync("acme", WorkersCluster.ClientId, cancellationToken: Ct)).ShouldBe(1);

        var refused = await Should.ThrowAsync<TenantDisconnectedException>(() => Tokens(cluster.Silos[1]).GetAsync(Caller(tenantId), Ct).AsTask());

        // The exception crossed the grain boundary as itself, with its tenant and cause.
        refused.TenantId.ShouldBe(tenantId);
        refused.Cause.ShouldBe(DisconnectCause.InvalidGrant);
        var tenant = await cluster.TenantAsync(tenantId);
        tenant.State.ShouldBe(TenantState.Disconnected);
        tenant.DisconnectReason.ShouldBe(TenantLifecycle.Describe(DisconnectCause.InvalidGrant));
        tenant.PurgeAfter.ShouldNotBeNull();
        (await cluster.ActivitiesAsync(tenantId)).ShouldContain(a => a.Kind == "disconnected");
        cluster.SecretFiles().ShouldBeEmpty();

        // Every later caller, on either silo, is refused without another call to Gorgias; nudges are ignored.
        foreach (var silo in cluster.Silos)
        {
            (await Should.ThrowAsync<TenantDisconnectedException>(() => Tokens(silo).GetAsync(Caller(tenantId), Ct).AsTask())).Cause.ShouldBe(DisconnectCause.InvalidGrant);
            await Should.ThrowAsync<TenantDisconnectedException>(() => Tokens(silo).RenewAsync(Caller(tenantId), "stale", Ct).AsTask());
        }

        await WorkersCluster.Services(cluster.Silos[0]).GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);
        (await WorkersCluster.Grains(cluster.Silos[0]).GetGrain<ITenantGrain>(tenantId).GetStatusAsync()).Disconnected.ShouldBeTrue();
        cluster.Inbox.Passes.ShouldNotContain(tenantId);
        (await cluster.RefreshRequestsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Disconnect_the_tenant_when_a_token_renewed_after_a_401_is_refused_too()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, _) = await cluster.InstallTenantAsync();
        var tokens = Tokens(cluster.Silos[0]);
        var first = await tokens.GetAsync(Caller(tenantId), Ct);
        var renewed = await tokens.RenewAsync(Caller(tenantId), first, Ct);
        renewed.ShouldNotBe(first);

        var refused = await Should.ThrowAsync<TenantDisconnectedException>(() => Tokens(cluster.Silos[1]).RenewAsync(Caller(tenantId), renewed, Ct).AsTask());

        refused.Cause.ShouldBe(DisconnectCause.Unauthorized);
        var tenant = await cluster.TenantAsync(tenantId);
        tenant.State.ShouldBe(TenantState.Disconnected);
        tenant.DisconnectReason.ShouldBe(TenantLifecycle.Describe(DisconnectCause.Unauthorized));
        (await Should.ThrowAsync<TenantDisconnectedException>(() => tokens.GetAsync(Caller(tenantId), Ct).AsTask())).Cause.ShouldBe(DisconnectCause.Unauthorized);
        NoTokenIn(cluster.Logs.Text, first, renewed);
    }

    [Fact]
    public async Task Report_a_failed_refresh_as_retryable_without_disconnecting()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, tokens) = await cluster.InstallTenantAsync();

        // The refresh token is gone from the secret store (a Key Vault incident, say): not an uninstall.
        await WorkersCluster.Services(cluster.Silos[0]).GetRequiredService<ISecretStore>().DeleteAsync(SecretNames.RefreshToken(tenantId), Ct);
        var failure = await Should.ThrowAsync<TenantAccessTokenException>(() => Tokens(cluster.Silos[1]).GetAsync(Caller(tenantId), Ct).AsTask());

        failure.Message.ShouldContain(tenantId.ToString());
        failure.Message.ShouldNotContain(tokens.RefreshToken!);
        (await cluster.TenantAsync(tenantId)).State.ShouldBe(TenantState.Active);

        // Once the secret is back, the same activation serves again.
        await WorkersCluster.Services(cluster.Silos[0]).GetRequiredService<ISecretStore>().SetAsync(SecretNames.RefreshToken(tenantId), tokens.RefreshToken!, Ct);
        (await cluster.ApiStatusAsync(await Tokens(cluster.Silos[1]).GetAsync(Caller(tenantId), Ct))).ShouldBe(200);
    }

    [Fact]
    public async Task Run_inbox_passes_one_at_a_time_and_coalesce_nudges()
    {
        await using var cluster = await WorkersCluster.StartAsync();
        var (tenantId, _) = await cluster.InstallTenantAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Inbox.Hold = hold;
        var dispatchers = cluster.Silos.Select(s => WorkersCluster.Services(s).GetRequiredService<IInboxDispatcher>()).ToList();

        await dispatchers[0].DispatchAsync(tenantId, Ct);
        await cluster.Inbox.Started.Task.WaitAsync(Ct);
        for (var i = 0; i < 10; i++)
        {
            await dispatchers[i % 2].DispatchAsync(tenantId, Ct);
        }

        // One-way nudges: wait until the grain has taken all eleven, then let the first pass finish.
        var grain = WorkersCluster.Grains(cluster.Silos[1]).GetGrain<ITenantGrain>(tenantId);
        await Eventually.ValueAsync(() => grain.GetStatusAsync(), s => s.InboxNudges == 11, what: "eleven nudges");
        hold.SetResult();

        // The pass under way, then one more for all the nudges that came during it.
        var status = await Eventually.ValueAsync(() => grain.GetStatusAsync(), s => s.InboxPasses >= 2, what: "two inbox passes");
        status.InboxPasses.ShouldBe(2);
        cluster.Inbox.Passes.Count(p => p == tenantId).ShouldBe(2);
        cluster.Inbox.MaxConcurrent.ShouldBe(1);
    }

    [Fact]
    public async Task Put_an_inbox_pass_off_while_the_intake_is_busy_and_run_it_once_it_is_not()
    {
        await using var cluster = await WorkersCluster.StartAsync(new() { ["Workers:InboxMaxDeferral"] = "00:01:00" });
        var (tenantId, _) = await cluster.InstallTenantAsync();
        cluster.Pressure.Busy = true;
        await WorkersCluster.Services(cluster.Silos[0]).GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);

        // Window after window the pacer finds the intake busy, and no pass runs.
        await Eventually.ValueAsync(() => Task.FromResult(cluster.Pressure.Asked), asked => asked >= 3, what: "three deferred windows");
        cluster.Inbox.Passes.ShouldNotContain(tenantId);

        cluster.Pressure.Busy = false;
        await Eventually.ValueAsync(() => Task.FromResult(cluster.Inbox.Passes.Count(p => p == tenantId)), passes => passes == 1, what: "the pass once the intake is quiet");
    }

    [Fact]
    public async Task Run_an_inbox_pass_after_the_longest_deferral_however_busy_the_intake_stays()
    {
        await using var cluster = await WorkersCluster.StartAsync(new() { ["Workers:InboxMaxDeferral"] = "00:00:00.300" });
        var (tenantId, _) = await cluster.InstallTenantAsync();
        cluster.Pressure.Busy = true;
        await WorkersCluster.Services(cluster.Silos[0]).GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);

        await Eventually.ValueAsync(() => Task.FromResult(cluster.Inbox.Passes.Count(p => p == tenantId)), passes => passes == 1, what: "the pass after the bound");
        cluster.Pressure.Asked.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Continue_on_the_other_silo_when_the_grains_silo_stops_mid_work()
    {
        await using var cluster = await WorkersCluster.StartAsync(new() { ["Workers:ShutdownGrace"] = "00:00:01" });
        var (tenantId, silo, survivor) = await InstallOnSecondaryAsync(cluster);
        var before = await Tokens(survivor).GetAsync(Caller(tenantId), Ct);
        (await cluster.RefreshRequestsAsync()).ShouldBe(1);

        // An inbox pass is under way on the silo that stops; it does not finish within the shutdown grace.
        cluster.Inbox.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WorkersCluster.Services(survivor).GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);
        await cluster.Inbox.Started.Task.WaitAsync(Ct);
        await cluster.Cluster.StopSiloAsync(silo, Ct);

        // The pass was cancelled (its rows stay pending, for the real processor), not lost silently.
        cluster.Inbox.Cancelled.ShouldContain(tenantId);
        cluster.Inbox.Passes.ShouldNotContain(tenantId);

        // The next nudge activates the grain on the surviving silo, which processes and gets a token of its own.
        cluster.Inbox.Hold = null;
        await WorkersCluster.Services(survivor).GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);
        var grain = WorkersCluster.Grains(survivor).GetGrain<ITenantGrain>(tenantId);
        var status = await Eventually.ValueAsync(() => grain.GetStatusAsync(), s => s.InboxPasses >= 1, what: "an inbox pass on the survivor");
        status.Silo.ShouldBe(survivor.SiloAddress.ToString());
        cluster.Inbox.Passes.ShouldContain(tenantId);
        var after = await Tokens(survivor).GetAsync(Caller(tenantId), Ct);
        (await cluster.ApiStatusAsync(after)).ShouldBe(200);
        (await cluster.RefreshRequestsAsync()).ShouldBe(2);
        NoTokenIn(cluster.Logs.Text, before, after);
    }

    [Fact]
    public async Task Process_every_inbox_row_exactly_once_on_the_other_silo_when_the_grains_silo_stops_mid_pass()
    {
        // The real intake: inbox rows in the shared SQLite file, the real processor and sweeper on both silos.
        await using var cluster = await WorkersCluster.StartAsync(
            new()
            {
                ["Workers:ShutdownGrace"] = "00:00:01",
                ["Intake:LeaseDuration"] = "00:00:05",
                ["Intake:SweepInterval"] = "01:00:00", // the test runs the sweep itself
            },
            realIntake: true);
        var (tenantId, silo, survivor) = await InstallOnSecondaryAsync(cluster);
        var ids = await WriteInboxRowsAsync(cluster, survivor, tenantId, tickets: 3, perTicket: 3);

        // The grain (on the silo that stops) claims the rows and blocks in the handler on the first one.
        cluster.Handler.BlockFirst = true;
        await WorkersCluster.Services(survivor).GetRequiredService<IInboxDispatcher>().DispatchAsync(tenantId, Ct);
        var blocked = await cluster.Handler.Blocked.Task.WaitAsync(Ct);
        blocked.ShouldBe(ids.Min());
        await cluster.Cluster.StopSiloAsync(silo, Ct);

        // The pass was cancelled mid-row: nothing finished, every row still pending and leased to the dead pass.
        cluster.Handler.Cancelled.ShouldBe([blocked]);
        cluster.Handler.Handled.ShouldBeEmpty();
        var left = await InboxRowsAsync(survivor, tenantId);
        left.Select(r => r.Id).Order().ShouldBe(ids);
        left.ShouldAllBe(r => r.State == InboxEventState.Pending && r.LeaseExpiresAt != null && r.Attempts == 0);

        // While the lease holds, the sweeper leaves the rows alone; once it has lapsed it re-dispatches the tenant.
        var sweeper = WorkersCluster.Services(survivor).GetRequiredService<InboxSweeper>();
        (await sweeper.SweepAsync(Ct)).ShouldNotContain(tenantId);
        cluster.Clock.Advance(TimeSpan.FromSeconds(6));
        (await sweeper.SweepAsync(Ct)).ShouldContain(tenantId);

        // The grain comes up on the survivor and processes every row: each Done once, none lost, tickets in order.
        var done = await Eventually.ValueAsync(
            () => InboxRowsAsync(survivor, tenantId), rows => rows.All(r => r.State == InboxEventState.Done), what: "every inbox row done");
        done.ShouldAllBe(r => r.Attempts == 1 && r.ProcessedAt != null && r.LeaseOwner == null && r.LeaseExpiresAt == null);
        cluster.Handler.Handled.Order().ShouldBe(ids);
        foreach (var ticket in done.GroupBy(r => r.TicketId))
        {
            var order = ticket.Select(r => r.Id).Order().ToList();
            cluster.Handler.Handled.Where(order.Contains).ShouldBe(order);
        }

        var status = await WorkersCluster.Grains(survivor).GetGrain<ITenantGrain>(tenantId).GetStatusAsync();
        status.Silo.ShouldBe(survivor.SiloAddress.ToString());

        // The only error: Orleans reporting that the stopped silo cancelled the activation's deactivation (the pass
        // outlived the shutdown grace, which is the point of this test); no processing error anywhere.
        cluster.Logs.AtLeast(LogLevel.Error).ShouldAllBe(l =>
            l.Contains("Error thrown from OnDeactivateAsync", StringComparison.Ordinal) && l.Contains(silo.SiloAddress.ToString(), StringComparison.Ordinal));
        cluster.Logs.Lines.ShouldNotContain(l => l.Contains("dead-lettered", StringComparison.Ordinal) || l.Contains("failed attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivate_when_idle_and_come_back_without_errors()
    {
        await using var cluster = await WorkersCluster.StartAsync(new() { ["Workers:IdleDeactivation"] = "00:05:00" });
        var (tenantId, _) = await cluster.InstallTenantAsync();
        var grain = WorkersCluster.Grains(cluster.Silos[0]).GetGrain<ITenantGrain>(tenantId);
        await Tokens(cluster.Silos[0]).GetAsync(Caller(tenantId), Ct);
        var first = await grain.GetStatusAsync();

        // The configured idle age reaches every silo's collector...
        foreach (var silo in cluster.Silos)
        {
            WorkersCluster.Services(silo).GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.GrainCollectionOptions>>().Value.CollectionAge.ShouldBe(TimeSpan.FromMinutes(5));
        }

        // ...and a collection of everything idle (what the collector does once that age has passed) deactivates it.
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        await Eventually.ValueAsync(() => Task.FromResult(cluster.Logs.Lines.Any(l => l.Contains("deactivated", StringComparison.Ordinal) && l.Contains(tenantId.ToString(), StringComparison.Ordinal))), x => x, what: "the deactivation log line");

        var again = await grain.GetStatusAsync();
        again.ActivationId.ShouldNotBe(first.ActivationId);
        again.HasToken.ShouldBeFalse();
        await Tokens(cluster.Silos[1]).GetAsync(Caller(tenantId), Ct);
        (await cluster.RefreshRequestsAsync()).ShouldBe(2);
        cluster.Logs.AtLeast(LogLevel.Error).ShouldBeEmpty();
    }

    /// <summary>
    /// Picks a tenant id whose grain is placed on a secondary silo (the primary holds the test cluster's membership, so
    /// it is the one that stays), then installs the tenant under that id.
    /// </summary>
    private static async Task<(Guid TenantId, SiloHandle Silo, SiloHandle Survivor)> InstallOnSecondaryAsync(WorkersCluster cluster)
    {
        var primary = cluster.Cluster.Primary ?? throw new InvalidOperationException("No primary silo.");
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var tenantId = Guid.NewGuid();
            // Resource-optimized placement leans to the calling silo, so ask from the secondaries first (from the
            // primary alone, every try could land on the primary).
            var caller = attempt % 2 == 0 && cluster.Cluster.SecondarySilos.Count > 0 ? cluster.Cluster.SecondarySilos[0] : primary;
            var status = await WorkersCluster.Grains(caller).GetGrain<ITenantGrain>(tenantId).GetStatusAsync();
            if (cluster.Cluster.SecondarySilos.FirstOrDefault(s => s.SiloAddress.ToString() == status.Silo) is { } secondary)
            {
                await cluster.InstallTenantAsync(id: tenantId);
                return (tenantId, secondary, primary);
            }
        }

        throw new InvalidOperationException("No tenant grain was placed on a secondary silo in 50 tries.");
    }

    /// <summary>Writes pending inbox rows for the tenant as the intake stores them (in its scope); returns their ids in order.</summary>
    private static async Task<List<long>> WriteInboxRowsAsync(WorkersCluster cluster, SiloHandle silo, Guid tenantId, int tickets, int perTicket)
    {
        await using var scope = WorkersCluster.Services(silo).CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var now = cluster.Clock.GetUtcNow();
        var rows = new List<InboxEvent>();
        for (var n = 0; n < perTicket; n++)
        {
            for (var ticket = 1; ticket <= tickets; ticket++)
            {
                var updated = now.AddMinutes(n);
                rows.Add(new InboxEvent
                {
                    TenantId = tenantId,
                    TicketId = ticket,
                    TicketUpdatedAt = updated,
                    DedupeKey = $"ticket:{ticket}:{updated.UtcTicks}",
                    Payload = $$"""{"id":{{ticket}},"updated_datetime":"{{updated:O}}"}""",
                    State = InboxEventState.Pending,
                    ReceivedAt = now,
                    NextAttemptAt = now,
                });
            }
        }

        db.InboxEvents.AddRange(rows);
        using (scope.ServiceProvider.GetRequiredService<TenantContext>().Begin(tenantId))
        {
            await db.SaveChangesAsync(Ct);
        }

        return [.. rows.Select(r => r.Id).Order()];
    }

    private static async Task<List<InboxEvent>> InboxRowsAsync(SiloHandle silo, Guid tenantId)
    {
        await using var scope = WorkersCluster.Services(silo).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SaasDbContext>().InboxEvents
            .IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    private static void NoTokenIn(string text, params string[] tokens)
    {
        foreach (var token in tokens)
        {
            text.ShouldNotContain(token);
        }
    }
}
