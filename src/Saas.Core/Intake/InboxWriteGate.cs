using Microsoft.Extensions.Options;
using Saas.Core.Data;

namespace Saas.Core.Intake;

/// <summary>
/// SQLite has one writer per database, and a connection that finds the write lock taken sleeps in SQLite's busy
/// handler (1, 2, 5 ... 100 ms steps), which is where intake's tail latency came from while the processor wrote.
/// The inbox's writers in this process (the intake writer, the processor's claim and state updates) therefore take
/// turns through this gate, in order, without sleeping. On SQL Server (row locks) it lets everyone through.
/// </summary>
internal sealed class InboxWriteGate(IOptions<DatabaseOptions> database) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly bool _serialise = database.Value.ProviderKind == DatabaseProvider.Sqlite;

    /// <summary>Waits for this writer's turn; dispose the result to end it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken, string label = "?")
    {
        if (!_serialise)
        {
            return default;
        }

        var t0 = InboxTimings.Start();
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        InboxTimings.Stop("wait:" + label, t0);
        return new Turn(_turn, label, InboxTimings.Start());
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>A writer's turn.</summary>
    internal readonly struct Turn(SemaphoreSlim? turn, string label, long t0) : IDisposable
    {
        public void Dispose() { if (turn is not null) { InboxTimings.Stop("hold:" + label, t0); turn.Release(); } }
    }
}
