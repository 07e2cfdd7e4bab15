using Microsoft.Extensions.Options;
using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

/// <summary>
/// One activation per Gorgias account in the cluster, wrapping an <see cref="AccountBudgetScheduler"/>. Every call
/// is a few microseconds of arithmetic and never waits, so a caller never holds a turn while it waits for its slot.
/// State is in memory only: after a deactivation (idle) or a silo loss the budget starts from the plan again and the
/// first response headers correct it.
/// </summary>
internal sealed class AccountBudgetGrain : Grain, IAccountBudgetGrain
{
    private readonly AccountBudgetScheduler _scheduler;
    private readonly BudgetMetrics _metrics;
    private readonly string _account;

    public AccountBudgetGrain(IOptions<BudgetOptions> options, TimeProvider time, BudgetMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _account = this.GetPrimaryKeyString();
        _scheduler = new AccountBudgetScheduler(_account, options.Value.SettingsFor(_account), time);
        _metrics = metrics;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var scheduler = _scheduler;
        _metrics.Track(_account, () => scheduler.Snapshot(null).Level);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _metrics.Untrack(_account);
        return Task.CompletedTask;
    }

    public Task<BudgetReservation> ReserveAsync(string tenant, GorgiasLane lane)
    {
        var reservation = _scheduler.Reserve(tenant, lane);
        Count(reservation, lane, first: true);
        return Task.FromResult(reservation);
    }

    public Task<BudgetReservation> ClaimAsync(long ticket, string tenant, GorgiasLane lane)
    {
        var reservation = _scheduler.Claim(ticket, tenant, lane);
        Count(reservation, lane, first: false);
        return Task.FromResult(reservation);
    }

    public Task CancelAsync(long ticket)
    {
        _scheduler.Cancel(ticket);
        return Task.CompletedTask;
    }

    public Task ObserveAsync(string tenant, GorgiasLane lane, BudgetObservation observation)
    {
        _scheduler.Observe(tenant, lane, observation);
        if (observation.Status == 429)
        {
            _metrics.TooManyRequests(lane);
        }

        return Task.CompletedTask;
    }

    public Task SetCeilingAsync(string tenant, double ceiling)
    {
        _scheduler.SetCeiling(tenant, ceiling);
        return Task.CompletedTask;
    }

    public Task<AccountBudgetSnapshot> GetSnapshotAsync(string? tenant) => Task.FromResult(_scheduler.Snapshot(tenant));

    private void Count(BudgetReservation reservation, GorgiasLane lane, bool first)
    {
        if (reservation.Granted)
        {
            _metrics.Granted(lane);
        }
        else if (first)
        {
            _metrics.Waited(lane);
        }
    }
}
