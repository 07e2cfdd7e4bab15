using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saas.Core.Data;

/// <summary>
/// SQLite's per-connection settings, the only raw SQL in the app: <c>PRAGMA busy_timeout</c> on every opened
/// connection (wait for another writer's lock rather than fail), and <c>PRAGMA journal_mode=WAL</c> on the first one
/// (WAL is a property of the database file, so once is enough; readers then never block the writer). Foreign keys are
/// on through the connection string and EF Core.
/// </summary>
internal sealed class SqliteConnectionSetup(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    /// <summary>Set once the database is in WAL mode (a race only runs the idempotent pragma twice).</summary>
    private int _walSet;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var setWal = Volatile.Read(ref _walSet) == 0;
        using var command = connection.CreateCommand();
        command.CommandText = CommandText(setWal);
        command.ExecuteNonQuery();
        if (setWal)
        {
            Volatile.Write(ref _walSet, 1);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var setWal = Volatile.Read(ref _walSet) == 0;
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = CommandText(setWal);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (setWal)
        {
            Volatile.Write(ref _walSet, 1);
        }
    }

    private string CommandText(bool setWal)
    {
        var busy = FormattableString.Invariant($"PRAGMA busy_timeout = {busyTimeoutMilliseconds};");
        return setWal ? busy + " PRAGMA journal_mode = WAL;" : busy;
    }
}
