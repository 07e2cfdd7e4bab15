namespace Saas.Core.Intake;

/// <summary>
/// Whether this replica's webhook intake is busy right now: a group commit within the last 250 ms carried at least
/// <see cref="IntakeOptions.BusyBatchRows"/> deliveries. Background work (the tenants' inbox passes) defers while it is,
/// for a bounded time: during a storm of webhooks the CPU answers Gorgias first, and the inbox absorbs the rows.
/// </summary>
public interface IIntakePressure
{
    bool IsBusy { get; }
}
