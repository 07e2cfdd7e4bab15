using Microsoft.Extensions.Time.Testing;
using Saas.Core.Budget;
using Saas.Gorgias.Calls;

namespace Saas.Core.Tests.Budget;

public sealed class AccountBudgetSchedulerShould
{
    // 80 per 20 s: 4 per second, one slot every 250 ms; 78 fit before the headroom of 2.
    private static readonly BudgetSettings Whole = new() { Limit = 80, Window = TimeSpan.FromSeconds(20), DefaultCeiling = 1, Headroom = 2 };

    private static BudgetObservation Ok(DateTimeOffset at, int used, int? limit = 80) => new(200, used, limit, null, at);

    [Fact]
    public void Grant_the_bucket_capacity_at_once_then_one_slot_per_drain_interval()
    {
        var sim = new BudgetSimulation(Whole);
        sim.AddCallers(100, GorgiasLane.Sync);

        sim.RunUntil(TimeSpan.Zero);
        sim.Grants.Count.ShouldBe(78);

        sim.RunUntil(TimeSpan.FromSeconds(10));
        sim.GrantsBetween(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10)).ShouldBeInRange(38, 40);

        // Sustained: exactly the drain rate, and the bucket never holds more than limit - headroom.
        sim.RunUntil(TimeSpan.FromSeconds(110));
        sim.GrantsBetween(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(110)).ShouldBeInRange(399, 401);
        sim.PeakLevel(4).ShouldBeLessThanOrEqualTo(78 + 1e-6);
    }

    [Fact]
    public void Tell_a_waiting_caller_when_its_slot_comes()
    {
        var sim = new BudgetSimulation(Whole);
        for (var i = 0; i < 78; i++)
        {
            sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
        }

        var waiting = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        waiting.Granted.ShouldBeFalse();
        waiting.At.ShouldBe(sim.Start + TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1));

        sim.Clock.Advance(TimeSpan.FromMilliseconds(200));
        sim.Scheduler.Claim(waiting.Ticket, "t1", GorgiasLane.Sync).Granted.ShouldBeFalse();
        sim.Clock.Advance(TimeSpan.FromMilliseconds(50));
        sim.Scheduler.Claim(waiting.Ticket, "t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
        sim.Scheduler.Snapshot(null).Lane(GorgiasLane.Sync).Granted.ShouldBe(79);
    }

    [Fact]
    public void Count_the_merchants_other_apps_from_the_header()
    {
        var sim = new BudgetSimulation(Whole);
        sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted.ShouldBeTrue();

        // The response says 60 are used: 59 were spent by other apps.
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, Ok(sim.Clock.GetUtcNow(), 60));
        sim.Scheduler.Snapshot(null).Level.ShouldBe(60, 0.001);

        var granted = 0;
        while (sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted)
        {
            granted++;
        }

        granted.ShouldBe(18);
    }

    [Fact]
    public void Keep_pace_with_steady_background_load_seen_through_the_header()
    {
        // Other apps spend 1 request per second; the header reports the real bucket on every response.
        var sim = new BudgetSimulation(Whole);
        var truth = new LeakyBucket(80, 4);
        sim.AddCallers(10, GorgiasLane.Sync);
        var overflow = 0;
        sim.RunUntil(TimeSpan.FromSeconds(60), now =>
        {
            truth.Advance(now, backgroundPerSecond: 1);
            if (!truth.TryAdd())
            {
                overflow++;
            }

            return (int)Math.Ceiling(truth.Level - 1e-9);
        });

        overflow.ShouldBe(0);
        sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60)).ShouldBeInRange(114, 126); // the 3/s left over
    }

    [Fact]
    public void Lower_the_level_when_the_header_says_the_bucket_is_emptier()
    {
        var sim = new BudgetSimulation(Whole);
        var at = sim.Clock.GetUtcNow();
        for (var i = 0; i < 10; i++)
        {
            sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
        }

        // All ten answered, the account says only 1 is used (the bucket was emptied behind our back).
        for (var i = 0; i < 10; i++)
        {
            sim.Scheduler.Observe("t1", GorgiasLane.Sync, Ok(at, 1));
        }

        sim.Scheduler.Snapshot(null).Level.ShouldBeInRange(1, 2); // within the header's rounding
    }

    [Fact]
    public void Not_lower_the_level_below_what_is_still_in_flight()
    {
        var sim = new BudgetSimulation(Whole);
        var at = sim.Clock.GetUtcNow();
        for (var i = 0; i < 10; i++)
        {
            sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
        }

        // The first answer counts only itself: the nine others have not reached Gorgias yet.
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, Ok(at, 1));
        sim.Scheduler.Snapshot(null).Level.ShouldBe(10, 0.001);
    }

    [Fact]
    public void Take_the_limit_from_the_header()
    {
        var sim = new BudgetSimulation(Whole);
        sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, Ok(sim.Clock.GetUtcNow(), 1, limit: 40));

        var granted = 1;
        while (sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted)
        {
            granted++;
        }

        sim.Scheduler.Limit.ShouldBe(40);
        granted.ShouldBe(38);
    }

    [Fact]
    public void Give_the_next_slot_to_the_live_lane_over_waiting_backfill()
    {
        var sim = new BudgetSimulation(Whole);
        sim.AddCallers(20, GorgiasLane.Backfill);
        sim.RunUntil(TimeSpan.FromSeconds(5));

        var live = sim.Scheduler.Reserve("t1", GorgiasLane.Live);
        live.Granted.ShouldBeFalse();
        live.At.ShouldBeLessThanOrEqualTo(sim.Clock.GetUtcNow() + TimeSpan.FromMilliseconds(250));
        sim.Clock.SetUtcNow(live.At);
        sim.Scheduler.Claim(live.Ticket, "t1", GorgiasLane.Live).Granted.ShouldBeTrue();
    }

    [Fact]
    public void Give_each_saturated_lane_its_guaranteed_share()
    {
        var sim = new BudgetSimulation(Whole);
        sim.AddCallers(10, GorgiasLane.Live);
        sim.AddCallers(10, GorgiasLane.Sync);
        sim.AddCallers(10, GorgiasLane.Backfill);
        sim.RunUntil(TimeSpan.FromSeconds(220));

        var total = sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(220));
        total.ShouldBeInRange(798, 802);
        ((double)sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(220), GorgiasLane.Live) / total).ShouldBe(0.5, 0.03);
        ((double)sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(220), GorgiasLane.Sync) / total).ShouldBe(0.3, 0.03);
        ((double)sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(220), GorgiasLane.Backfill) / total).ShouldBe(0.2, 0.03);
    }

    [Fact]
    public void Pass_an_idle_lanes_share_to_the_others()
    {
        var sim = new BudgetSimulation(Whole);
        sim.AddCallers(10, GorgiasLane.Sync);
        sim.AddCallers(10, GorgiasLane.Backfill);
        sim.RunUntil(TimeSpan.FromSeconds(220));

        var total = sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(220));
        total.ShouldBeInRange(798, 802); // nothing lost to the idle live lane
        ((double)sim.GrantsBetween(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(220), GorgiasLane.Backfill) / total).ShouldBe(0.2, 0.03);
    }

    [Fact]
    public void Not_starve_backfill_under_a_flood_of_live_requests()
    {
        var sim = new BudgetSimulation(Whole);
        sim.AddCallers(30, GorgiasLane.Live);
        sim.AddCallers(1, GorgiasLane.Backfill);
        sim.RunUntil(TimeSpan.FromSeconds(120));

        // Over every 20 s stretch the backfill gets its 20%.
        for (var from = 20; from < 120; from += 20)
        {
            sim.GrantsBetween(TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(from + 20), GorgiasLane.Backfill).ShouldBeGreaterThanOrEqualTo(14);
        }
    }

    [Fact]
    public void Keep_a_tenant_under_its_ceiling()
    {
        var sim = new BudgetSimulation(Whole with { DefaultCeiling = 0.8 });
        sim.AddCallers(10, GorgiasLane.Sync);
        sim.RunUntil(TimeSpan.Zero);
        sim.Grants.Count.ShouldBe(62); // 0.8 x 80 - 2

        sim.RunUntil(TimeSpan.FromSeconds(100));
        sim.GrantsBetween(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100)).ShouldBeInRange(315, 319); // 3.2 per second
        sim.Scheduler.Snapshot("t1").Ceiling.ShouldBe(0.8);
    }

    [Fact]
    public void Apply_a_ceiling_set_for_one_tenant_only_to_that_tenant()
    {
        var sim = new BudgetSimulation(Whole);
        sim.Scheduler.SetCeiling("small", 0.25);
        sim.AddCallers(5, GorgiasLane.Sync, "small");
        sim.RunUntil(TimeSpan.FromSeconds(100));
        sim.GrantsBetween(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100), tenant: "small").ShouldBeInRange(97, 101); // 1 per second

        sim.Scheduler.Snapshot("small").Ceiling.ShouldBe(0.25);
        sim.Scheduler.Snapshot("other").Ceiling.ShouldBe(1);
        Should.Throw<ArgumentOutOfRangeException>(() => sim.Scheduler.SetCeiling("small", 1.5));
        Should.Throw<ArgumentOutOfRangeException>(() => sim.Scheduler.SetCeiling("small", 0));
    }

    [Fact]
    public void Pause_the_whole_account_for_retry_after_on_a_429()
    {
        var sim = new BudgetSimulation(Whole);
        sim.AddCallers(5, GorgiasLane.Live);
        sim.AddCallers(5, GorgiasLane.Backfill);
        sim.RunUntil(TimeSpan.FromSeconds(30));

        var at = sim.Clock.GetUtcNow();
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, new BudgetObservation(429, 80, 80, TimeSpan.FromSeconds(7), at));
        var snapshot = sim.Scheduler.Snapshot(null);
        snapshot.PausedUntil.ShouldBe(at + TimeSpan.FromSeconds(7));
        snapshot.Lane(GorgiasLane.Sync).TooManyRequests.ShouldBe(1);
        sim.Scheduler.Snapshot("t1").Lane(GorgiasLane.Sync).TooManyRequests.ShouldBe(1);

        var fresh = sim.Scheduler.Reserve("t2", GorgiasLane.Live);
        fresh.Granted.ShouldBeFalse();
        fresh.At.ShouldBeGreaterThanOrEqualTo(at + TimeSpan.FromSeconds(7));

        sim.RunUntil(TimeSpan.FromSeconds(45));
        sim.Grants.Where(g => g.At > at && g.At < at + TimeSpan.FromSeconds(7)).ShouldBeEmpty();
        sim.GrantsBetween(TimeSpan.FromSeconds(37), TimeSpan.FromSeconds(45)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Take_back_a_slot_assigned_before_a_429_but_not_yet_collected()
    {
        var sim = new BudgetSimulation(Whole);
        for (var i = 0; i < 78; i++)
        {
            sim.Scheduler.Reserve("t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
        }

        var first = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        var second = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        sim.Clock.Advance(TimeSpan.FromMilliseconds(250));

        // The second caller asks first: the free slot is assigned to the first caller, who is still asleep.
        sim.Scheduler.Claim(second.Ticket, "t1", GorgiasLane.Sync).Granted.ShouldBeFalse();

        var at = sim.Clock.GetUtcNow();
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, new BudgetObservation(429, 80, 80, TimeSpan.FromSeconds(7), at));

        var late = sim.Scheduler.Claim(first.Ticket, "t1", GorgiasLane.Sync);
        late.Granted.ShouldBeFalse();
        late.At.ShouldBeGreaterThanOrEqualTo(at + TimeSpan.FromSeconds(7));

        // After the pause the first caller is still first in line.
        sim.Clock.SetUtcNow(at + TimeSpan.FromSeconds(7));
        sim.Scheduler.Claim(first.Ticket, "t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
    }

    [Fact]
    public void Scale_retry_after_for_a_time_scaled_account()
    {
        var sim = new BudgetSimulation(Whole with { RetryAfterScale = 0.1 });
        var at = sim.Clock.GetUtcNow();
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, new BudgetObservation(429, null, null, TimeSpan.FromSeconds(7), at));
        sim.Scheduler.Snapshot(null).PausedUntil.ShouldBe(at + TimeSpan.FromSeconds(0.7));
    }

    [Fact]
    public void Pause_for_the_default_when_a_429_has_no_retry_after()
    {
        var sim = new BudgetSimulation(Whole with { DefaultRetryAfter = TimeSpan.FromSeconds(2) });
        var at = sim.Clock.GetUtcNow();
        sim.Scheduler.Observe("t1", GorgiasLane.Sync, new BudgetObservation(429, null, null, null, at));
        sim.Scheduler.Snapshot(null).PausedUntil.ShouldBe(at + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Release_the_place_of_a_cancelled_caller()
    {
        var sim = new BudgetSimulation(Whole);
        for (var i = 0; i < 78; i++)
        {
            sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        }

        var gone = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        var next = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        sim.Scheduler.Snapshot(null).Lane(GorgiasLane.Sync).Waiting.ShouldBe(2);
        sim.Scheduler.Cancel(gone.Ticket);
        sim.Scheduler.Snapshot(null).Lane(GorgiasLane.Sync).Waiting.ShouldBe(1);

        sim.Clock.Advance(TimeSpan.FromMilliseconds(250));
        sim.Scheduler.Claim(next.Ticket, "t1", GorgiasLane.Sync).Granted.ShouldBeTrue();
    }

    [Fact]
    public void Drop_a_waiting_caller_that_never_came_back_and_requeue_it_if_it_does()
    {
        var sim = new BudgetSimulation(Whole with { TicketTimeout = TimeSpan.FromSeconds(5) });
        for (var i = 0; i < 78; i++)
        {
            sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        }

        var stale = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        sim.Clock.Advance(TimeSpan.FromSeconds(6));
        sim.Scheduler.Snapshot(null).Lane(GorgiasLane.Sync).Waiting.ShouldBe(1);
        var fresh = sim.Scheduler.Reserve("t1", GorgiasLane.Sync);
        fresh.Granted.ShouldBeTrue();
        sim.Scheduler.Snapshot(null).Lane(GorgiasLane.Sync).Waiting.ShouldBe(0);

        sim.Scheduler.Claim(stale.Ticket, "t1", GorgiasLane.Sync).Granted.ShouldBeTrue(); // queued afresh, room by now
    }

    [Fact]
    public void Report_figures_per_tenant()
    {
        var sim = new BudgetSimulation(Whole);
        sim.Scheduler.Reserve("a", GorgiasLane.Live);
        sim.Scheduler.Reserve("a", GorgiasLane.Sync);
        sim.Scheduler.Reserve("b", GorgiasLane.Backfill);

        var a = sim.Scheduler.Snapshot("a");
        a.Tenant.ShouldBe("a");
        a.Account.ShouldBe("acme");
        a.Lane(GorgiasLane.Live).Granted.ShouldBe(1);
        a.Lane(GorgiasLane.Backfill).Granted.ShouldBe(0);
        sim.Scheduler.Snapshot(null).Level.ShouldBe(3, 0.001);
        sim.Scheduler.Snapshot(null).Limit.ShouldBe(80);
        sim.Scheduler.Snapshot("nobody").Lane(GorgiasLane.Live).Granted.ShouldBe(0);
    }

    [Fact]
    public void Refuse_impossible_settings()
    {
        var clock = new FakeTimeProvider();
        Should.Throw<ArgumentException>(() => new AccountBudgetScheduler("acme", Whole with { Limit = 0 }, clock));
        Should.Throw<ArgumentException>(() => new AccountBudgetScheduler("acme", Whole with { Window = TimeSpan.Zero }, clock));
        Should.Throw<ArgumentException>(() => new AccountBudgetScheduler("acme", Whole with { Headroom = 80 }, clock));
    }

    /// <summary>The account's real bucket as Gorgias (and the sandbox) keeps it.</summary>
    private sealed class LeakyBucket(int limit, double drainPerSecond)
    {
        private DateTimeOffset? _last;

        public double Level { get; private set; }

        public void Advance(DateTimeOffset now, double backgroundPerSecond)
        {
            if (_last is { } last)
            {
                Level = Math.Clamp(Level + ((backgroundPerSecond - drainPerSecond) * (now - last).TotalSeconds), 0, limit);
            }

            _last = now;
        }

        public bool TryAdd()
        {
            if (Level + 1 > limit + 1e-9)
            {
                return false;
            }

            Level += 1;
            return true;
        }
    }
}
