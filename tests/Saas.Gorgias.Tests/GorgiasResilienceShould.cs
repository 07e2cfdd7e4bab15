using System.Net;
using Gorgias.Sandbox.Faults;
using Saas.Gorgias.Api;

namespace Saas.Gorgias.Tests;

/// <summary>Retries, timeouts and the per-tenant circuit breaker against the sandbox's faults.</summary>
public sealed class GorgiasResilienceShould
{
    private static CancellationToken Ct => SandboxKit.Ct;

    [Fact]
    public async Task Retry_server_errors_of_reads_until_they_succeed()
    {
        await using var kit = await SandboxKit.StartAsync(resilience: o => o.MaxRetryAttempts = 8);
        var caller = await kit.CallerAsync();
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { ServerErrorRate = 0.5, ServerErrorStatus = 503 }, Ct);
        await kit.Sandbox.Control.ClearRequestLogAsync("acme", Ct);
        kit.Gate.Clear();

        for (var i = 0; i < 10; i++)
        {
            (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");
        }

        var log = await kit.Sandbox.Control.GetRequestLogAsync("acme", 1000, Ct);
        log.Count(r => r.Status == 503).ShouldBeGreaterThan(0);
        log.Count(r => r.Status == 200).ShouldBe(10);
        kit.Gate.Waits.Count.ShouldBe(log.Count);
        kit.Gate.Observations.Count(o => o.Observation.Status == HttpStatusCode.ServiceUnavailable).ShouldBe(log.Count(r => r.Status == 503));
    }

    [Fact]
    public async Task Not_retry_a_create_that_may_have_taken_effect_but_retry_adding_tags()
    {
        await using var kit = await SandboxKit.StartAsync(resilience: o => o.MaxRetryAttempts = 2);
        var caller = await kit.CallerAsync();
        var ticket = 0L;
        await foreach (var t in kit.Api.ListTicketsAsync(caller, cancellationToken: Ct))
        {
            ticket = t.Id;
        }

        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { ServerErrorRate = 1 }, Ct);
        await kit.Sandbox.Control.ClearRequestLogAsync("acme", Ct);

        var create = await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.CreateTagAsync(caller, new GorgiasTagWrite("x"), Ct));
        var add = await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.AddTicketTagsAsync(caller, ticket, new GorgiasTicketTags(Names: ["x"]), Ct));

        create.Reason.ShouldBe(GorgiasUnavailableReason.ServerError);
        create.Status.ShouldBe(HttpStatusCode.InternalServerError);
        create.IsTransient.ShouldBeTrue();
        add.Message.ShouldStartWith($"Gorgias answered 500 to POST /api/tickets/{ticket}/tags");
        var log = await kit.Sandbox.Control.GetRequestLogAsync("acme", 100, Ct);
        log.Count(r => r.Path.EndsWith("/api/tags", StringComparison.Ordinal)).ShouldBe(1);
        log.Count(r => r.Path.EndsWith("/tags", StringComparison.Ordinal) && r.Path.Contains("/tickets/", StringComparison.Ordinal)).ShouldBe(3, string.Join("\n", log.Select(r => $"{r.Method} {r.Path} {r.Status} {r.Fault}")));
    }

    [Fact]
    public async Task Retry_an_attempt_that_timed_out()
    {
        await using var kit = await SandboxKit.StartAsync(resilience: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        var caller = await kit.CallerAsync();
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { ApiLatencyMs = 1500 }, Ct);
        kit.Gate.OnWait = async (_, attempt) =>
        {
            if (attempt == 2)
            {
                await kit.Sandbox.Control.ClearFaultsAsync("acme", Ct);
            }
        };

        (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");

        // The first attempt timed out (no answer to observe), a later one succeeded.
        kit.Gate.Waits.Count.ShouldBeGreaterThanOrEqualTo(2);
        kit.Gate.Observations.Count.ShouldBeLessThan(kit.Gate.Waits.Count);
        kit.Gate.Observations.Last().Observation.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Give_up_with_a_transient_error_when_the_total_timeout_passes()
    {
        await using var kit = await SandboxKit.StartAsync(resilience: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalTimeout = TimeSpan.FromMilliseconds(700);
            o.MaxRetryAttempts = 10;
        });
        var caller = await kit.CallerAsync();
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { ApiLatencyMs = 1000 }, Ct);

        var refused = await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.GetAccountAsync(caller, Ct));

        refused.Reason.ShouldBe(GorgiasUnavailableReason.NoAnswer);
        refused.Message.ShouldBe("Gorgias did not answer GET /api/account in time.");
        kit.Gate.Waits.Count.ShouldBeGreaterThan(1);
        kit.Gate.Observations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wait_for_Retry_after_on_a_429_and_then_succeed()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { RateLimitStormSeconds = 1, StormRetryAfterSeconds = 1 }, Ct);

        (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");

        // One 429, then the retry after Retry-after (1 s; the kit's back-off alone would have retried after 10-100 ms
        // into the storm again).
        var observations = kit.Gate.Observations.Select(o => o.Observation).ToList();
        observations.Select(o => o.Status).ShouldBe([HttpStatusCode.TooManyRequests, HttpStatusCode.OK]);
        observations[0].RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        observations[0].Used.ShouldBe(observations[0].Limit);
        (await kit.Sandbox.Control.GetRequestLogAsync("acme", 10, Ct)).Select(r => r.Status).ShouldBe([429, 200]);
    }

    [Fact]
    public async Task Hand_a_longer_Retry_after_back_to_the_caller()
    {
        await using var kit = await SandboxKit.StartAsync(resilience: o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));
        var caller = await kit.CallerAsync();
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { RateLimitStormSeconds = 60, StormRetryAfterSeconds = 60 }, Ct);

        var limited = await Should.ThrowAsync<GorgiasRateLimitedException>(kit.Api.GetAccountAsync(caller, Ct));

        limited.RetryAfter.ShouldBe(TimeSpan.FromSeconds(60));
        limited.IsTransient.ShouldBeTrue();
        kit.Gate.Waits.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Open_the_circuit_of_the_failing_tenant_only()
    {
        await using var kit = await SandboxKit.StartAsync(resilience: o =>
        {
            o.MaxRetryAttempts = 0;
            o.BreakerMinimumThroughput = 2;
            o.BreakerFailureRatio = 0.5;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        });
        var tenantA = await kit.CallerAsync("acme", "tenant-a");
        var tenantA2 = await kit.CallerAsync("acme", "tenant-a2");
        var tenantB = await kit.CallerAsync("globex", "tenant-b");
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { ServerErrorRate = 1 }, Ct);
        await kit.Sandbox.Control.ClearRequestLogAsync("acme", Ct);

        (await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.GetAccountAsync(tenantA, Ct))).Reason.ShouldBe(GorgiasUnavailableReason.ServerError);
        (await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.GetAccountAsync(tenantA, Ct))).Reason.ShouldBe(GorgiasUnavailableReason.ServerError);
        var open = await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.GetAccountAsync(tenantA, Ct));

        open.Reason.ShouldBe(GorgiasUnavailableReason.CircuitOpen);
        open.Message.ShouldContain("tenant-a ");
        (await kit.Sandbox.Control.GetRequestLogAsync("acme", 10, Ct)).Count.ShouldBe(2);
        (await kit.Api.GetAccountAsync(tenantB, Ct)).Domain.ShouldBe("globex");

        // The account recovers: another tenant on it works at once, the broken tenant waits for its break to end.
        await kit.Sandbox.Control.ClearFaultsAsync("acme", Ct);
        (await kit.Api.GetAccountAsync(tenantA2, Ct)).Domain.ShouldBe("acme");
        (await Should.ThrowAsync<GorgiasUnavailableException>(kit.Api.GetAccountAsync(tenantA, Ct))).Reason.ShouldBe(GorgiasUnavailableReason.CircuitOpen);
    }
}
