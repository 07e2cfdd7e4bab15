using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

/// <summary>
/// The Gorgias client's <see cref="IGorgiasRateGate"/> backed by the account budget grains: before each attempt it
/// asks the account's grain for a slot and, while told to wait, sleeps on the <see cref="TimeProvider"/> outside the
/// grain and asks again (so a 429 seen meanwhile keeps it waiting); after each response it reports the header.
/// </summary>
public sealed class BudgetRateGate(IGrainFactory grains, TimeProvider time) : IGorgiasRateGate
{
    public async ValueTask WaitAsync(GorgiasCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        cancellationToken.ThrowIfCancellationRequested();
        var grain = grains.GetGrain<IAccountBudgetGrain>(caller.Account.Subdomain);
        var reservation = await grain.ReserveAsync(caller.Tenant, caller.Lane);
        try
        {
            while (!reservation.Granted)
            {
                var wait = reservation.At - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
                reservation = await grain.ClaimAsync(reservation.Ticket, caller.Tenant, caller.Lane);
            }
        }
        catch (OperationCanceledException)
        {
            // Free the place in the queue; the caller's cancellation must not stop this.
            await grain.CancelAsync(reservation.Ticket);
            throw;
        }
    }

    public async ValueTask ObserveAsync(GorgiasCaller caller, GorgiasRateObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await grains.GetGrain<IAccountBudgetGrain>(caller.Account.Subdomain)
            .ObserveAsync(caller.Tenant, caller.Lane, BudgetObservation.From(observation))
            .WaitAsync(cancellationToken);
    }
}
