using Microsoft.Extensions.Time.Testing;
using Saas.Core.Budget;
using Saas.Gorgias.Calls;

namespace Saas.Core.Tests.Budget;

/// <summary>
/// Drives an <see cref="AccountBudgetScheduler"/> on a fake clock with callers that always want to send (a saturated
/// demand), each sleeping until the time it was told and asking again, the way <see cref="BudgetRateGate"/> does.
/// Every grant is recorded with its time, so tests check rates, shares and pauses without a real clock.
/// </summary>
internal sealed class BudgetSimulation
{
    private readonly List<Caller> _callers = [];

    public BudgetSimulation(BudgetSettings settings, string account = "acme")
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        Scheduler = new AccountBudgetScheduler(account, settings, Clock);
        Start = Clock.GetUtcNow();
    }

    public FakeTimeProvider Clock { get; }

    public AccountBudgetScheduler Scheduler { get; }

    public DateTimeOffset Start { get; }

    public List<(DateTimeOffset At, string Tenant, GorgiasLane Lane)> Grants { get; } = [];

    /// <summary>Adds <paramref name="count"/> callers that keep sending in <paramref name="lane"/> for <paramref name="tenant"/> until <paramref name="until"/>.</summary>
    public void AddCallers(int count, GorgiasLane lane, string tenant = "t1", TimeSpan? until = null)
    {
        for (var i = 0; i < count; i++)
        {
            _callers.Add(new Caller(tenant, lane, until is { } u ? Start + u : DateTimeOffset.MaxValue) { NextAsk = Clock.GetUtcNow() });
        }
    }

    /// <summary>Runs every caller until <paramref name="elapsed"/> after the start; each grant is reported right away with <paramref name="used"/> when given.</summary>
    public void RunUntil(TimeSpan elapsed, Func<DateTimeOffset, int?>? used = null)
    {
        var end = Start + elapsed;
        while (true)
        {
            var due = _callers.Where(c => c.Until > c.NextAsk).MinBy(c => c.NextAsk);
            if (due is null || due.NextAsk > end)
            {
                break;
            }

            if (due.NextAsk > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(due.NextAsk);
            }

            foreach (var gone in _callers.Where(c => c.Ticket is not null && c.Until <= Clock.GetUtcNow()))
            {
                Scheduler.Cancel(gone.Ticket!.Value);
                gone.Ticket = null;
            }

            var reservation = due.Ticket is { } ticket
                ? Scheduler.Claim(ticket, due.Tenant, due.Lane)
                : Scheduler.Reserve(due.Tenant, due.Lane);
            if (reservation.Granted)
            {
                var now = Clock.GetUtcNow();
                Grants.Add((now, due.Tenant, due.Lane));
                due.Ticket = null;
                due.NextAsk = now;
                if (used?.Invoke(now) is { } u)
                {
                    Scheduler.Observe(due.Tenant, due.Lane, new BudgetObservation(200, u, null, null, now));
                }
            }
            else
            {
                reservation.At.ShouldBeGreaterThan(Clock.GetUtcNow(), "a caller told to wait is told a later time");
                due.Ticket = reservation.Ticket;
                due.NextAsk = reservation.At;
            }
        }

        if (end > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(end);
        }
    }

    /// <summary>Grants in [from, to) after the start.</summary>
    public int GrantsBetween(TimeSpan from, TimeSpan to, GorgiasLane? lane = null, string? tenant = null) =>
        Grants.Count(g => g.At >= Start + from && g.At < Start + to && (lane is null || g.Lane == lane) && (tenant is null || g.Tenant == tenant));

    /// <summary>The largest number of grants in any sliding stretch of <paramref name="window"/>, counted from a leaky bucket of the given rate: the highest bucket level reached.</summary>
    public double PeakLevel(double ratePerSecond)
    {
        double level = 0, peak = 0;
        DateTimeOffset? last = null;
        foreach (var grant in Grants.OrderBy(g => g.At))
        {
            if (last is { } l)
            {
                level = Math.Max(0, level - ((grant.At - l).TotalSeconds * ratePerSecond));
            }

            level += 1;
            peak = Math.Max(peak, level);
            last = grant.At;
        }

        return peak;
    }

    private sealed class Caller(string tenant, GorgiasLane lane, DateTimeOffset until)
    {
        public string Tenant { get; } = tenant;
        public GorgiasLane Lane { get; } = lane;
        public DateTimeOffset Until { get; } = until;
        public long? Ticket { get; set; }
        public DateTimeOffset NextAsk { get; set; }
    }
}
