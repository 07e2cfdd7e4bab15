using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Data;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>What became of one write: a new row, or the existing row with the same dedupe key.</summary>
internal readonly record struct InboxWriteResult(long Id, bool Inserted);

/// <summary>The inbox could not be written (database unavailable, locked, ...): the request answers 503.</summary>
public sealed class InboxUnavailableException : Exception
{
    public InboxUnavailableException()
    {
    }

    public InboxUnavailableException(string message) : base(message)
    {
    }

    public InboxUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// Group commit for the inbox: requests queue their row and await it; one writer loop takes whatever is queued
/// (up to <see cref="IntakeOptions.MaxWriteBatch"/>), skips keys already stored, inserts the rest in one
/// transaction and completes each request with its row's outcome only after the commit. On SQLite, where every
/// commit is a sync of the WAL and writers are serialised anyway, this turns hundreds of commits per second into a
/// few. A constraint violation in a batch (a key inserted elsewhere meanwhile, a tenant purged) falls back to one
/// row per transaction so only the offending request fails; any other failure fails the whole batch (→ 503, nothing
/// stored). Its insert contexts are in a system scope (a batch holds several tenants' rows), begun once.
/// <para>
/// On SQLite the processor's state changes (claims, done, retries, releases) and the retention delete ride in the
/// same loop through <see cref="ExecuteAsync"/>: each is a piece of work run on a tenant-bound context that shares
/// the batch's connection and transaction, and its result is handed back after the commit. SQLite has one writer
/// and a commit costs the same for one statement as for fifty, so one commit for everything queued (instead of one
/// per claim and per mark-done, each waiting its turn and each a thread hand-off on a busy machine) is what keeps the
/// intake's latency flat while the inbox is being processed. On SQL Server the work runs at once on its own context.
/// </para>
/// </summary>
internal sealed partial class InboxWriter : IAsyncDisposable, IIntakePressure
{
    private static readonly TimeSpan BusyFor = TimeSpan.FromMilliseconds(250);

    private const string WorkSavepoint = "inbox_work";

    private readonly Channel<PendingOp> _queue = Channel.CreateUnbounded<PendingOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DbContextOptions<SaasDbContext> _options;
    private readonly TenantContext _system;
    private readonly IOptions<IntakeOptions> _intake;
    private readonly ILogger<InboxWriter> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _loop;
    private readonly string? _sqliteConnectionString;
    private readonly ILogger<TenantContext> _tenantLogger;

    /// <summary>Backs <see cref="BusyAt"/>.</summary>
    private long _busyAt;

    /// <summary>Queued and not yet taken (the channel's single-reader mode does not count).</summary>
    private int _queued;

    /// <summary>SQLite: the writer's own connection (not pooled), opened once and reopened after a failure.</summary>
    private SqliteConnection? _connection;

    /// <summary>SQLite: when the WAL was last checkpointed (<see cref="System.Diagnostics.Stopwatch"/> ticks), and whether one runs.</summary>
    private long _lastCheckpoint = System.Diagnostics.Stopwatch.GetTimestamp();
    private Task _checkpoint = Task.CompletedTask;

    public InboxWriter(IOptions<DatabaseOptions> database, IOptions<IntakeOptions> intake, ILogger<TenantContext> tenantLogger, ILogger<InboxWriter> logger)
    {
        var settings = database.Value;
        _options = new DbContextOptionsBuilder<SaasDbContext>()
            .UseSaasProvider(settings.ProviderKind, settings.ConnectionString!, intake.Value.SqliteBusyTimeoutMilliseconds)
            .Options;
        if (settings.ProviderKind == DatabaseProvider.Sqlite)
        {
            _sqliteConnectionString = new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString();
        }

        _system = new TenantContext(tenantLogger);
        _system.BeginSystemScope("webhook intake: group commit of several tenants' inbox rows");
        _intake = intake;
        _tenantLogger = tenantLogger;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>When a group commit last carried <see cref="IntakeOptions.BusyBatchRows"/> deliveries or more (<see cref="System.Diagnostics.Stopwatch"/> ticks; 0: never).</summary>
    internal long BusyAt => Interlocked.Read(ref _busyAt);

    /// <summary>Deliveries and pieces of work queued and not yet taken into a commit.</summary>
    internal int Queued => Volatile.Read(ref _queued);

    public bool IsBusy => BusyAt is var at && at != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(at) < BusyFor;

    /// <summary>Stores <paramref name="row"/> durably (or finds its duplicate); throws <see cref="InboxUnavailableException"/> when it cannot.</summary>
    public Task<InboxWriteResult> WriteAsync(InboxEvent row)
    {
        _ = _loop.Value;
        var pending = new PendingWrite(row);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InboxUnavailableException("The inbox writer is stopping.");
        }

        Interlocked.Increment(ref _queued);

        return pending.Completion.Task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> (inbox state changes and the records that go with them; atomic: a savepoint on
    /// SQLite, a transaction elsewhere) on a context bound to <paramref name="tenantId"/>: on SQLite inside the writer's next
    /// group commit, its result returned once that commit is durable; elsewhere at once. Work not yet started when
    /// <paramref name="cancellationToken"/> fires is skipped (cancelled); started work always finishes.
    /// </summary>
    public Task<int> ExecuteAsync(Guid tenantId, Func<SaasDbContext, Task<int>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return EnqueueAsync(new PendingWork(tenantId, null, work, cancellationToken));
    }

    /// <summary>
    /// As <see cref="ExecuteAsync"/>, for system work across tenants (the retention delete) on a context in a system
    /// scope begun with <paramref name="reason"/>: queries must lift the tenant filter explicitly.
    /// </summary>
    public Task<int> ExecuteForSystemAsync(string reason, Func<SaasDbContext, Task<int>> work, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(work);
        return EnqueueAsync(new PendingWork(null, reason, work, cancellationToken));
    }

    private Task<int> EnqueueAsync(PendingWork pending)
    {
        if (_sqliteConnectionString is null)
        {
            return RunAloneAsync(pending);
        }

        _ = _loop.Value;
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InboxUnavailableException("The inbox writer is stopping.");
        }

        Interlocked.Increment(ref _queued);
        return pending.Completion.Task;
    }

    private async Task<int> RunAloneAsync(PendingWork pending)
    {
        pending.CancellationToken.ThrowIfCancellationRequested();
        var scope = new TenantContext(_tenantLogger);
        await using var db = new SaasDbContext(_options, scope);
        using (pending.BeginOn(scope))
        {
            // Atomic as on SQLite: a piece of several statements commits whole or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            var result = await pending.Work(db).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            return result;
        }
    }

    private async Task RunAsync()
    {
        var inserts = new List<PendingWrite>();
        var works = new List<PendingWork>();

        // Work beyond a commit's share (MaxWorkPerBatch), first in line for the next commit.
        var waiting = new Queue<PendingWork>();
        var reader = _queue.Reader;
        try
        {
            while (waiting.Count > 0 || await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                var max = _intake.Value.MaxWriteBatch;
                var maxWork = _intake.Value.MaxWorkPerBatch;
                while (works.Count < maxWork && waiting.TryDequeue(out var earlier))
                {
                    works.Add(earlier);
                }

                while (inserts.Count + works.Count < max && reader.TryRead(out var next))
                {
                    Interlocked.Decrement(ref _queued);
                    if (next is PendingWrite write)
                    {
                        inserts.Add(write);
                    }
                    else if (works.Count < maxWork)
                    {
                        works.Add((PendingWork)next);
                    }
                    else
                    {
                        waiting.Enqueue((PendingWork)next);
                    }
                }

                if (inserts.Count >= _intake.Value.BusyBatchRows)
                {
                    Interlocked.Exchange(ref _busyAt, System.Diagnostics.Stopwatch.GetTimestamp());
                }

                await WriteBatchAsync(inserts, works).ConfigureAwait(false);
                inserts.Clear();
                works.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        foreach (var left in waiting)
        {
            left.Abandon(new InboxUnavailableException("The inbox writer stopped."));
        }

        while (reader.TryRead(out var left))
        {
            left.Abandon(new InboxUnavailableException("The inbox writer stopped."));
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> inserts, List<PendingWork> works)
    {
        try
        {
            await WriteAsync(inserts, works).ConfigureAwait(false);
        }
        catch (Exception e) when (inserts.Count + works.Count > 1 && inserts.Count > 0 && IsConstraintViolation(e))
        {
            LogBatchFallback(_logger, inserts.Count);
            foreach (var one in inserts)
            {
                try
                {
                    await WriteAsync([one], []).ConfigureAwait(false);
                }
                catch (Exception single)
                {
                    Fail([one], single);
                }
            }

            if (works.Count > 0)
            {
                try
                {
                    await WriteAsync([], works).ConfigureAwait(false);
                }
                catch (Exception failed)
                {
                    FailWorks(works, failed);
                }
            }
        }
        catch (Exception e)
        {
            Fail(inserts, e);
            FailWorks(works, e);
        }
    }

    private async Task WriteAsync(IReadOnlyList<PendingWrite> inserts, IReadOnlyList<PendingWork> works)
    {
        await (_sqliteConnectionString is null ? InsertWithEfAsync(inserts) : WriteSqliteAsync(inserts, works, _sqliteConnectionString)).ConfigureAwait(false);
    }

    /// <summary>
    /// SQLite: one <c>BEGIN IMMEDIATE</c> transaction of prepared <c>INSERT ... ON CONFLICT DO NOTHING RETURNING</c>
    /// statements (a duplicate inserts nothing and finds the existing row), in the column formats EF Core uses on
    /// SQLite (GUIDs as upper-case text, enums as text, dates as UTC ticks, see docs/data.md). The only raw SQL of the
    /// feature: the EF path costs an extra query and change tracking per batch, half the writer's time.
    /// </summary>
    private async Task WriteSqliteAsync(IReadOnlyList<PendingWrite> batch, IReadOnlyList<PendingWork> works, string connectionString)
    {
        var connection = await ConnectionAsync(connectionString).ConfigureAwait(false);
        try
        {
            await WriteSqliteAsync(batch, works, connection).ConfigureAwait(false);
        }
        catch
        {
            // Whatever state the failure left the connection in, the next batch starts on a fresh one.
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        CheckpointWhenDue(connectionString);
    }

    /// <summary>
    /// The writer's connection: its own (no pool, so its settings never reach other code's connections), opened once
    /// rather than per batch, with the busy timeout and without automatic checkpoints: in WAL mode the commit that
    /// crosses 1,000 pages would otherwise copy them into the database file and sync it, in the writer's turn, which
    /// held every request of the next batch (see <see cref="CheckpointWhenDue"/>).
    /// </summary>
    private async Task<SqliteConnection> ConnectionAsync(string connectionString)
    {
        if (_connection is { } open)
        {
            return open;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_intake.Value.SqliteBusyTimeoutMilliseconds}; PRAGMA wal_autocheckpoint = 0;");
            await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _connection = connection;
        return connection;
    }

    /// <summary>
    /// At most every 250 ms after a commit, a <c>PASSIVE</c> checkpoint of the WAL on a separate connection in the
    /// background: it copies committed pages into the database file and syncs it without taking the write lock, so
    /// the writer goes on committing meanwhile (the WAL then starts over at a later commit). One at a time; a failed
    /// checkpoint is only logged (the next one retries, and the WAL stays correct, only longer).
    /// </summary>
    private void CheckpointWhenDue(string connectionString)
    {
        if (!_checkpoint.IsCompleted || System.Diagnostics.Stopwatch.GetElapsedTime(_lastCheckpoint) < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        _lastCheckpoint = System.Diagnostics.Stopwatch.GetTimestamp();
        _checkpoint = Task.Run(async () =>
        {
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await checkpoint.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogCheckpointFailed(_logger, Describe(e));
            }
        });
    }

    private async Task WriteSqliteAsync(IReadOnlyList<PendingWrite> batch, IReadOnlyList<PendingWork> works, SqliteConnection connection)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "InboxEvents" ("TenantId", "DedupeKey", "TicketId", "TicketUpdatedAt", "Payload", "State", "ReceivedAt", "NextAttemptAt", "Attempts")
            VALUES ($tenant, $key, $ticket, $updated, $payload, $state, $received, $next, 0)
            ON CONFLICT ("TenantId", "DedupeKey") DO NOTHING
            RETURNING "Id";
            """;
        var tenant = insert.Parameters.Add("$tenant", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var ticket = insert.Parameters.Add("$ticket", SqliteType.Integer);
        var updated = insert.Parameters.Add("$updated", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var received = insert.Parameters.Add("$received", SqliteType.Integer);
        var next = insert.Parameters.Add("$next", SqliteType.Integer);
        await using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = """SELECT "Id" FROM "InboxEvents" WHERE "TenantId" = $tenant AND "DedupeKey" = $key;""";
        var findTenant = find.Parameters.Add("$tenant", SqliteType.Text);
        var findKey = find.Parameters.Add("$key", SqliteType.Text);

        var results = new InboxWriteResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i].Row;
            var tenantText = row.TenantId.ToString().ToUpperInvariant();
            tenant.Value = tenantText;
            key.Value = row.DedupeKey;
            ticket.Value = row.TicketId;
            updated.Value = row.TicketUpdatedAt is { } at ? at.UtcTicks : DBNull.Value;
            payload.Value = row.Payload;
            state.Value = row.State.ToString();
            received.Value = row.ReceivedAt.UtcTicks;
            next.Value = row.NextAttemptAt.UtcTicks;
            if (await insert.ExecuteScalarAsync().ConfigureAwait(false) is long id)
            {
                row.Id = id;
                results[i] = new InboxWriteResult(id, true);
            }
            else
            {
                findTenant.Value = tenantText;
                findKey.Value = row.DedupeKey;
                results[i] = new InboxWriteResult((long)(await find.ExecuteScalarAsync().ConfigureAwait(false))!, false);
            }
        }

        // The processor's state changes, each on a context for its tenant sharing this connection and transaction. A
        // failing piece of work fails alone (rolled back to its savepoint); a failure that ends the transaction fails
        // the commit below, and with it the whole batch.
        var outcomes = new (int Result, Exception? Error)[works.Count];
        if (works.Count > 0)
        {
            // One context for the batch's work, its tenant switched per piece (the tenant filter reads it per query).
            var scope = new TenantContext(_tenantLogger);
            await using var db = new SaasDbContext(_options, scope);
            db.Database.SetDbConnection(connection);
            await db.Database.UseTransactionAsync(transaction).ConfigureAwait(false);
            for (var i = 0; i < works.Count; i++)
            {
                var work = works[i];
                if (work.CancellationToken.IsCancellationRequested)
                {
                    outcomes[i] = (0, new OperationCanceledException(work.CancellationToken));
                    continue;
                }

                // Each piece is atomic: a savepoint around it, rolled back when it throws, so a piece of several
                // statements (a round's outcome with its handlers' records) never commits half-done.
                await transaction.SaveAsync(WorkSavepoint).ConfigureAwait(false);
                try
                {
                    using (work.BeginOn(scope))
                    {
                        outcomes[i] = (await work.Work(db).ConfigureAwait(false), null);
                    }
                }
                catch (Exception e)
                {
                    outcomes[i] = (0, e);
                    await transaction.RollbackAsync(WorkSavepoint).ConfigureAwait(false);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }

                await transaction.ReleaseAsync(WorkSavepoint).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);

        // Committed: now every request may answer.
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }

        for (var i = 0; i < works.Count; i++)
        {
            works[i].Complete(outcomes[i].Result, outcomes[i].Error);
        }
    }

    /// <summary>Any provider (SQL Server): the keys already stored are looked up, the rest inserted by one <c>SaveChanges</c>.</summary>
    private async Task InsertWithEfAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var db = new SaasDbContext(_options, _system);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // Within the batch: the first of each (tenant, key) is written, the others get its outcome.
        var firsts = new Dictionary<(Guid, string), PendingWrite>();
        var followers = new List<(PendingWrite Follower, PendingWrite First)>();
        foreach (var write in batch)
        {
            if (firsts.TryGetValue((write.Row.TenantId, write.Row.DedupeKey), out var first))
            {
                followers.Add((write, first));
            }
            else
            {
                firsts.Add((write.Row.TenantId, write.Row.DedupeKey), write);
            }
        }

        // Both columns, so the lookup runs on the unique (TenantId, DedupeKey) index.
        var tenantIds = firsts.Keys.Select(k => k.Item1).Distinct().ToList();
        var keys = firsts.Keys.Select(k => k.Item2).Distinct().ToList();
        var existing = (await db.InboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking()
                .Where(e => tenantIds.Contains(e.TenantId) && keys.Contains(e.DedupeKey))
                .Select(e => new { e.TenantId, e.DedupeKey, e.Id })
                .ToListAsync().ConfigureAwait(false))
            .ToDictionary(e => (e.TenantId, e.DedupeKey), e => e.Id);

        var inserted = new List<PendingWrite>();
        foreach (var (key, write) in firsts)
        {
            if (!existing.ContainsKey(key))
            {
                var row = write.Row;
                row.Id = 0;
                db.InboxEvents.Add(row);
                inserted.Add(write);
            }
        }

        if (inserted.Count > 0)
        {
            await db.SaveChangesAsync().ConfigureAwait(false);
        }

        // Committed: now every request may answer.
        var outcomes = new Dictionary<PendingWrite, InboxWriteResult>();
        foreach (var (key, write) in firsts)
        {
            outcomes[write] = existing.TryGetValue(key, out var id) ? new InboxWriteResult(id, false) : new InboxWriteResult(write.Row.Id, true);
        }

        foreach (var (write, result) in outcomes)
        {
            write.Completion.TrySetResult(result);
        }

        foreach (var (follower, first) in followers)
        {
            follower.Completion.TrySetResult(outcomes[first] with { Inserted = false });
        }
    }

    private void Fail(IEnumerable<PendingWrite> writes, Exception e)
    {
        var count = 0;
        foreach (var write in writes)
        {
            write.Completion.TrySetException(new InboxUnavailableException("The inbox could not be written; nothing was stored.", e));
            count++;
        }

        if (count > 0)
        {
            LogWriteFailed(_logger, count, Describe(e));
        }
    }

    private static void FailWorks(IEnumerable<PendingWork> works, Exception e)
    {
        foreach (var work in works)
        {
            work.Complete(0, new InboxUnavailableException("The inbox state change could not be written.", e));
        }
    }

    /// <summary>The failure without message text that could carry data: exception types and database error codes.</summary>
    internal static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            parts.Add(current switch
            {
                SqliteException sqlite => $"SqliteException {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
                SqlException sql => $"SqlException {sql.Number}",
                _ => current.GetType().Name,
            });
        }

        return string.Join(" ← ", parts);
    }

    private static bool IsConstraintViolation(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: 19 } || current is SqlException { Number: 2601 or 2627 or 547 })
            {
                return true;
            }

            if (current is DbException)
            {
                return false;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            try
            {
                await _loop.Value.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await _stopping.CancelAsync().ConfigureAwait(false);
            }
        }

        await _checkpoint.ConfigureAwait(false);
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    [LoggerMessage(3, LogLevel.Warning, "Inbox WAL checkpoint failed ({Error}); the next one retries")]
    private static partial void LogCheckpointFailed(ILogger logger, string error);

    [LoggerMessage(1, LogLevel.Error, "Inbox write of {Count} row(s) failed ({Error}); answered 503, nothing stored")]
    private static partial void LogWriteFailed(ILogger logger, int count, string error);

    [LoggerMessage(2, LogLevel.Warning, "Inbox batch of {Count} rows hit a constraint; writing them one by one")]
    private static partial void LogBatchFallback(ILogger logger, int count);

    /// <summary>Something queued for the writer loop.</summary>
    private abstract class PendingOp
    {
        public abstract void Abandon(Exception e);
    }

    /// <summary>An intake row to insert.</summary>
    private sealed class PendingWrite(InboxEvent row) : PendingOp
    {
        public InboxEvent Row { get; } = row;

        public TaskCompletionSource<InboxWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Abandon(Exception e) => Completion.TrySetException(e);
    }

    /// <summary>A state change to run in the batch's transaction.</summary>
    private sealed class PendingWork(Guid? tenantId, string? systemReason, Func<SaasDbContext, Task<int>> work, CancellationToken cancellationToken) : PendingOp
    {
        /// <summary>Makes the work's tenant (or its system scope) current on <paramref name="scope"/> while it runs.</summary>
        public IDisposable BeginOn(TenantContext scope) => tenantId is { } tenant ? scope.Begin(tenant) : scope.BeginSystemScope(systemReason!);

        public Func<SaasDbContext, Task<int>> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(int result, Exception? error)
        {
            if (error is null)
            {
                Completion.TrySetResult(result);
            }
            else if (error is OperationCanceledException cancelled)
            {
                Completion.TrySetCanceled(cancelled.CancellationToken);
            }
            else
            {
                Completion.TrySetException(error);
            }
        }

        public override void Abandon(Exception e) => Completion.TrySetException(e);
    }
}
