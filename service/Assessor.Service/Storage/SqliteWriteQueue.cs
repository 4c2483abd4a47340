using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Assessor.Service.Storage;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a writer that finds the file locked gets SQLITE_BUSY, and
/// Microsoft.Data.Sqlite (no busy_timeout set) sleeps and retries, again and again: with two clients one create in a
/// hundred waited close to a second (issue 11). This queue makes the writers of one process take turns instead, first come first served,
/// without sleeping: a transaction holds the turn from its begin to its commit or rollback; a write outside a transaction
/// (an INSERT, UPDATE or DELETE on its own) holds it for that one statement. Writers of other processes on the same file
/// still meet SQLite's own lock, and wait in SQLite's busy handler.
/// </summary>
/// <remarks>
/// Whoever holds the turn writes through the queue's one <see cref="SqliteWriter"/> (docs/benchmarks.md, "One writer
/// connection"), never through a connection of its own. Transactions of writers queued one behind another share one
/// commit (group commit, docs/benchmarks.md): each is a savepoint in the writer's open transaction, the batch, which a
/// writer leaving its turn hands to the next one waiting, or else commits. Every writer in a batch is acknowledged only
/// once its commit is on the disk, and other connections see none of it before.
/// </remarks>
/// <param name="batchAge">How long after its begin a batch is still handed on (<see cref="DefaultBatchAge"/>).</param>
public sealed class SqliteWriteQueue(TimeSpan timeout, string connectionString, TimeSpan batchAge) : IDisposable
{
    /// <summary>
    /// For how long after its begin a batch is handed on: with <see cref="BatchLimit"/>, bounds how long the first writer in
    /// it waits for the others.
    /// </summary>
    public static readonly TimeSpan DefaultBatchAge = TimeSpan.FromMilliseconds(10);

    // How many writers one commit may carry.
    private const int BatchLimit = 16;

    private readonly TimeSpan timeout = timeout;
    private readonly TimeSpan batchAge = batchAge;
    private readonly WriterTurn turn = new(timeout);
    private readonly List<TaskCompletionSource> awaitingCommit = [];
    private SqliteTransaction? batch;
    private long batchBegan;
    private int batchMembers;
    private bool disposed;

    /// <summary>The process's writer; only the holder of the turn may use it.</summary>
    internal SqliteWriter Writer { get; } = new(connectionString);

    /// <summary>Waits for the writer's turn; throws <see cref="TimeoutException"/> past the timeout.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => turn.EnterAsync(cancellationToken);

    public void Enter() => turn.Enter();

    /// <summary>The writer's open transaction that earlier writers left their work in, if any (for the holder of the turn).</summary>
    internal SqliteTransaction? OpenBatch => batch;

    /// <summary>The open batch, counting the caller (a light write) as one more writer in it; null when none is open.</summary>
    internal SqliteTransaction? JoinOpenBatch()
    {
        if (batch is not null)
        {
            batchMembers++;
        }

        return batch;
    }

    /// <summary>
    /// Gives the turn to the next writer. When a queue of writers waits (and the batch is neither full nor old), the open
    /// batch is left to the next one, so that its work commits with the work before it; otherwise the batch is committed
    /// first. A single writer waiting is not handed the batch: the first writer's answer would wait for the second's whole
    /// transaction to save one sync, and with two clients that gave fewer creates a second, not more (docs/benchmarks.md).
    /// </summary>
    public void Leave()
    {
        if (batch is not null && batchMembers < BatchLimit && Stopwatch.GetElapsedTime(batchBegan) < batchAge && turn.TryHandOff(atLeastWaiting: 2))
        {
            return;
        }

        try
        {
            if (batch is not null)
            {
                CommitBatch();
            }
        }
        finally
        {
            turn.Leave();
        }
    }

    /// <summary>
    /// The writer's transaction for the holder of the turn: the open batch, or a new one (<c>BEGIN IMMEDIATE</c> with
    /// <c>synchronous=FULL</c>: acknowledged means on the disk).
    /// </summary>
    internal (SqliteTransaction Batch, bool Opened) JoinBatch(IsolationLevel isolationLevel)
    {
        var opened = batch is null;
        if (opened)
        {
            Writer.Synchronous("FULL");
            batch = Writer.Connection.BeginTransaction(isolationLevel, deferred: false);
            batchBegan = Stopwatch.GetTimestamp();
            batchMembers = 0;
        }

        batchMembers++;
        return (batch!, opened);
    }

    /// <summary>Completes once the open batch is committed, or faults if it is lost; asked by its holder before it leaves.</summary>
    internal Task CommitOfBatch()
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        awaitingCommit.Add(committed);
        return committed.Task;
    }

    /// <summary>
    /// <paramref name="committed"/> as it is when its holder committed the batch on leaving (the usual case, awaited without
    /// a thread hop), else bounded by the turn's timeout: a later writer that never ends would hold the batch open. The work
    /// may still commit after such a timeout, as when a connection is lost during a commit.
    /// </summary>
    internal Task Bounded(Task committed) => committed.IsCompleted ? committed : committed.WaitAsync(timeout);

    /// <summary>Commits the open batch now, and tells everyone waiting for it how that went; null when it committed.</summary>
    internal Exception? CommitBatch()
    {
        var committing = batch!;
        batch = null;
        try
        {
            committing.Commit();
        }
        catch (Exception ex)
        {
            Abandon(committing, ex);
            return ex;
        }

        Complete(null);
        return null;
    }

    /// <summary>
    /// After a writer's statement failed: when SQLite has rolled the whole transaction back (an error that aborts it, not a
    /// constraint on one statement), the batch is gone, and so is the work of every writer waiting for its commit.
    /// </summary>
    internal bool BatchLost()
    {
        if (batch is null || SQLitePCL.raw.sqlite3_get_autocommit(Writer.Connection.Handle) == 0)
        {
            return false;
        }

        var lost = batch;
        batch = null;
        Abandon(lost, new InvalidOperationException("SQLite rolled back the writers' transaction after an error; nothing in it was committed."));
        return true;
    }

    /// <summary>Rolls the open batch back (a writer could not undo its own part of it).</summary>
    internal void AbandonBatch(Exception reason)
    {
        if (batch is { } abandoned)
        {
            batch = null;
            Abandon(abandoned, reason);
        }
    }

    private void Abandon(SqliteTransaction abandoned, Exception reason)
    {
        try
        {
            abandoned.Dispose();
        }
        catch (Exception)
        {
            // Rolled back by SQLite already, or the writer connection broke (it is opened again for the next writer); either
            // way nothing of the batch is committed, which is what its writers are told.
        }
        finally
        {
            Complete(reason);
        }
    }

    private void Complete(Exception? failure)
    {
        var waiters = awaitingCommit.ToArray();
        awaitingCommit.Clear();
        foreach (var waiter in waiters)
        {
            if (failure is null)
            {
                waiter.SetResult();
            }
            else
            {
                waiter.SetException(failure);
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        // Waits for a writer still at work (a request draining at shutdown) rather than closing its connection under it.
        try
        {
            turn.Enter();
        }
        catch (TimeoutException)
        {
            return;
        }

        if (batch is not null)
        {
            CommitBatch();
        }

        Writer.Dispose();
    }
}

/// <summary>
/// The one connection a process writes through, with its statements kept prepared. SQLite empties a connection's page cache
/// whenever another connection has written since its last transaction, and Microsoft.Data.Sqlite prepares a command's SQL
/// again for every new command: with each request writing on a pooled connection of its own, every create re-read the
/// pages it touched and compiled its statements again, inside the turn. On one long-lived connection both stay warm.
/// </summary>
internal sealed class SqliteWriter(string connectionString) : PreparedSqliteConnection(connectionString)
{
    // Unknown (null) on a freshly opened handle: pooled handles keep whatever level their last user set.
    private string? synchronous;

    /// <summary>Sets <c>PRAGMA synchronous</c> for the writes that follow, when it is not already so.</summary>
    public void Synchronous(string level)
    {
        if (synchronous != level)
        {
            // Kept prepared like any statement: a create switches twice (its claim, then its transaction).
            Statement($"PRAGMA synchronous={level}").ExecuteNonQuery();
            synchronous = level;
        }
    }

    /// <summary>Runs <paramref name="text"/> (a statement without parameters) in <paramref name="transaction"/>, the writer's.</summary>
    public void Execute(string text, SqliteTransaction transaction)
    {
        var statement = Statement(text);
        statement.Transaction = transaction;
        statement.ExecuteNonQuery();
    }

    protected override void Opened() => synchronous = null;
}

/// <summary>
/// A SQLite connection whose writes take turns through a <see cref="SqliteWriteQueue"/> and run on its
/// <see cref="SqliteWriter"/>: a transaction begun here is a savepoint in the writer's batch, and so are the commands made
/// while it is open. Reads outside a transaction run on one of the <see cref="SqliteReaders"/>, lent to this connection from
/// its first read until it closes, or on this connection's own pooled handle when none is free.
/// </summary>
internal sealed class QueuedSqliteConnection(string connectionString, SqliteWriteQueue queue, SqliteReaders readers) : SqliteConnection(connectionString)
{
    // One writer's part of a batch; writers never nest, so one name serves them all.
    private const string Savepoint = "writer";

    private bool holdsTurn;
    private QueuedSqliteTransaction? transaction;
    private PreparedSqliteConnection? reader;
    private bool noReaderFree;

    /// <summary>Lone writes commit without syncing (see <see cref="SqliteDatabase.OpenForLightWritesAsync"/>).</summary>
    internal bool LightWrites { get; init; }

    internal SqliteWriteQueue Queue => queue;

    /// <summary>The writer, for the holder of the turn only.</summary>
    internal SqliteWriter Writer => holdsTurn
        ? queue.Writer
        : throw new InvalidOperationException("Only the holder of the turn may use the SQLite writer (a command kept past its connection's close is not).");

    internal bool InTransaction => transaction is not null;

    /// <summary>The reader lent to this connection for its reads outside a transaction; null when none was free.</summary>
    internal PreparedSqliteConnection? Reader
    {
        get
        {
            if (reader is null && !noReaderFree)
            {
                reader = readers.Rent();
                noReaderFree = reader is null;
            }

            return reader;
        }
    }

    public override SqliteCommand CreateCommand() => transaction is { } open
        ? new QueuedSqliteCommand(this) { Connection = queue.Writer.Connection, CommandTimeout = DefaultTimeout, Transaction = open.Batch }
        : new QueuedSqliteCommand(this) { Connection = this, CommandTimeout = DefaultTimeout };

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        RefuseParallelTransaction();
        await TakeTurnAsync(cancellationToken);
        return BeginWithTurn(isolationLevel);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        RefuseParallelTransaction();
        TakeTurn();
        return BeginWithTurn(isolationLevel);
    }

    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            try
            {
                // A transaction left open (an exception before its disposal) must not reach the next writer.
                if (transaction is { } open)
                {
                    Rollback(open);
                }
            }
            finally
            {
                GiveBackReader();
            }
        }
    }

    private void GiveBackReader()
    {
        if (reader is { } lent)
        {
            reader = null;
            readers.Return(lent);
        }

        noReaderFree = false;
    }

    /// <summary>
    /// Waits for the turn. A connection takes it only outside a transaction and gives it back before the write or the
    /// transaction that took it returns, so it never holds it here already (that would wait on itself for ever).
    /// </summary>
    internal async Task TakeTurnAsync(CancellationToken cancellationToken)
    {
        RefuseHeldTurn();
        await queue.EnterAsync(cancellationToken);
        holdsTurn = true;
    }

    /// <inheritdoc cref="TakeTurnAsync"/>
    internal void TakeTurn()
    {
        RefuseHeldTurn();
        queue.Enter();
        holdsTurn = true;
    }

    internal void ReleaseTurn()
    {
        holdsTurn = false;
        queue.Leave();
    }

    /// <summary>
    /// Releases the transaction's savepoint (its work is now the batch's) and gives the turn on; completes when the batch
    /// that carries it is committed, by this writer or by a later one.
    /// </summary>
    internal Task Commit(QueuedSqliteTransaction committing)
    {
        RefuseFinished(committing);
        transaction = null;
        try
        {
            if (committing.OpenedBatch)
            {
                if (queue.BatchLost())
                {
                    throw new InvalidOperationException("SQLite rolled this transaction back after an error; nothing in it was committed.");
                }
            }
            else
            {
                queue.Writer.Execute($"RELEASE {Savepoint}", committing.Batch);
            }
        }
        catch (Exception ex)
        {
            // Its work could not be kept apart from the others': none of it may commit.
            if (!queue.BatchLost())
            {
                queue.AbandonBatch(ex);
            }

            ReleaseTurn();
            throw;
        }

        var committed = queue.CommitOfBatch();
        ReleaseTurn();
        return queue.Bounded(committed);
    }

    /// <summary>
    /// Undoes the transaction's own work, then commits the batch of the writers before it rather than handing it on: the
    /// transaction may have read their work, and its caller may act on what it read (answer, or read again elsewhere) as
    /// soon as this returns, so that work must be committed by then.
    /// </summary>
    internal void Rollback(QueuedSqliteTransaction rollingBack)
    {
        if (transaction != rollingBack)
        {
            return;
        }

        transaction = null;
        try
        {
            if (rollingBack.OpenedBatch)
            {
                // Alone in the batch it opened: no one else waits on it.
                queue.AbandonBatch(new InvalidOperationException("Rolled back."));
            }
            else if (!queue.BatchLost())
            {
                queue.Writer.Execute($"ROLLBACK TO {Savepoint}", rollingBack.Batch);
                queue.Writer.Execute($"RELEASE {Savepoint}", rollingBack.Batch);
                if (queue.CommitBatch() is { } failed)
                {
                    throw new InvalidOperationException("The writers' transaction this one read from could not be committed.", failed);
                }
            }
        }
        catch (Exception ex)
        {
            queue.AbandonBatch(ex);
            throw;
        }
        finally
        {
            ReleaseTurn();
        }
    }

    private DbTransaction BeginWithTurn(IsolationLevel isolationLevel)
    {
        try
        {
            // The writer that opens a batch is alone in it while it holds the turn: the batch is its transaction, and a
            // savepoint (two more statements) is needed only by the writers that join after it.
            var (batch, opened) = queue.JoinBatch(isolationLevel);
            if (!opened)
            {
                queue.Writer.Execute($"SAVEPOINT {Savepoint}", batch);
            }

            return transaction = new QueuedSqliteTransaction(this, batch, isolationLevel, opened);
        }
        catch
        {
            ReleaseTurn();
            throw;
        }
    }

    // Checked before the turn is touched: the open transaction is the writer's, and other writers wait on it.
    private void RefuseParallelTransaction()
    {
        if (InTransaction)
        {
            throw new InvalidOperationException("This connection already has a transaction open; SQLite does not nest them.");
        }
    }

    private void RefuseHeldTurn()
    {
        if (holdsTurn)
        {
            throw new InvalidOperationException("This connection already holds the SQLite writer's turn.");
        }
    }

    // Its connection closed, which rolled it back.
    private void RefuseFinished(QueuedSqliteTransaction committing)
    {
        if (transaction != committing)
        {
            throw new InvalidOperationException("This transaction was rolled back when its connection closed.");
        }
    }
}

/// <summary>
/// A transaction of a <see cref="QueuedSqliteConnection"/>: a savepoint in the writer's batch, so that the transactions of
/// writers queued one behind another share one commit and one sync of the WAL (group commit). Committing returns once the
/// batch is on the disk, never before: nothing is acknowledged, or visible to other connections, until it is durable.
/// </summary>
internal sealed class QueuedSqliteTransaction(QueuedSqliteConnection owner, SqliteTransaction batch, IsolationLevel isolationLevel, bool openedBatch)
    : DbTransaction
{
    private bool finished;

    /// <summary>The writer's transaction that the statements run in.</summary>
    internal SqliteTransaction Batch => batch;

    /// <summary>Began the batch, and so is alone in it (no savepoint of its own) until it commits.</summary>
    internal bool OpenedBatch => openedBatch;

    public override IsolationLevel IsolationLevel => isolationLevel;

    protected override DbConnection? DbConnection => finished ? null : owner;

    public override void Commit() => CommitAsync().GetAwaiter().GetResult();

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        // Not cancellable once asked: the batch may commit it whatever this caller does.
        await Finish(() => owner.Commit(this));
    }

    public override void Rollback() => Finish(() =>
    {
        owner.Rollback(this);
        return Task.CompletedTask;
    });

    public override Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        Rollback();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !finished)
        {
            Rollback();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private Task Finish(Func<Task> end)
    {
        if (finished)
        {
            throw new InvalidOperationException("This transaction has already been committed or rolled back.");
        }

        finished = true;
        return end();
    }
}

/// <summary>
/// A command of a <see cref="QueuedSqliteConnection"/>. In a transaction it runs as the writer's prepared statement for
/// its text; a lone INSERT, UPDATE or DELETE outside one takes the writer's turn and runs there too.
/// </summary>
internal sealed class QueuedSqliteCommand(QueuedSqliteConnection owner) : SqliteCommand
{
    // A statement bound to more than this (a stored plan, an evidence file) runs once and is let go, rather than kept
    // prepared with the value still bound to it.
    private const int LargestKeptBinding = 64 * 1024;

    // Dapper names a parameter without its prefix ("id" for @id), and Microsoft.Data.Sqlite then looks it up four times (as
    // given, then with @, $ and :), encoding a new string each time. Named as the service's SQL writes it, one look-up binds it.
    public override SqliteParameter CreateParameter() => new AtNamedParameter();

    // The base class's async methods, ExecuteScalar and ExecuteNonQuery call this. A query on an open connection outside
    // a transaction runs as the lent reader's prepared statement for its text. Anything else runs on this connection's
    // own handle as before: a closed connection refuses it there, and results that must close their connection
    // (CommandBehavior.CloseConnection) are that handle's.
    public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
    {
        if (OnWriter)
        {
            return Statement().ExecuteReader(behavior);
        }

        var onReader = owner.State == ConnectionState.Open && !owner.InTransaction && Transaction is null
            && !behavior.HasFlag(CommandBehavior.CloseConnection) && IsQuery(CommandText) && !BindsLargeValue();
        return onReader && owner.Reader is { } reader ? Bind(reader.Statement(CommandText)).ExecuteReader(behavior) : base.ExecuteReader(behavior);
    }

    public override object? ExecuteScalar() => OnWriter ? RunOnWriter(static statement => statement.ExecuteScalar()) : base.ExecuteScalar();

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        if (OnWriter || !IsLoneWrite || owner.InTransaction)
        {
            return await base.ExecuteNonQueryAsync(cancellationToken);
        }

        await owner.TakeTurnAsync(cancellationToken);
        return RunLoneWrite();
    }

    public override int ExecuteNonQuery()
    {
        if (OnWriter)
        {
            return RunOnWriter(static statement => statement.ExecuteNonQuery());
        }

        if (owner.InTransaction && IsWrite(CommandText))
        {
            throw new InvalidOperationException("A write made before its connection's transaction began cannot run in it; make the command after BeginTransaction.");
        }

        if (!IsLoneWrite)
        {
            return base.ExecuteNonQuery();
        }

        owner.TakeTurn();
        return RunLoneWrite();
    }

    // Dapper and other callers hand over the connection's transaction; its statements run in the writer's batch.
    protected override DbTransaction? DbTransaction
    {
        get => base.DbTransaction;
        set => base.DbTransaction = value is QueuedSqliteTransaction member ? member.Batch : value;
    }

    // Made while the owner's transaction was open, so bound to the writer's connection.
    private bool OnWriter => Connection is not QueuedSqliteConnection;

    // A write outside any transaction.
    private bool IsLoneWrite => Transaction is null && IsWrite(CommandText);

    private int RunLoneWrite()
    {
        try
        {
            // A light write needs no sync of its own: it joins the batch that earlier writers left open, and commits with it.
            // Any other write is acknowledged only on the disk, so the batch is committed before it.
            if (owner.LightWrites && owner.Queue.JoinOpenBatch() is { } batch)
            {
                return RunInBatch(batch);
            }

            if (owner.Queue.OpenBatch is not null)
            {
                owner.Queue.CommitBatch();
            }

            // Lone writes of a light-writes connection go to the WAL without a sync; the next FULL commit syncs them with it.
            owner.Writer.Synchronous(owner.LightWrites ? "NORMAL" : "FULL");
            return RunOnWriter(static statement => statement.ExecuteNonQuery());
        }
        finally
        {
            owner.ReleaseTurn();
        }
    }

    private int RunInBatch(SqliteTransaction batch)
    {
        Transaction = batch;
        try
        {
            return RunOnWriter(static statement => statement.ExecuteNonQuery());
        }
        catch (SqliteException)
        {
            // One statement's failure undoes that statement only, unless SQLite rolled the whole batch back.
            owner.Queue.BatchLost();
            throw;
        }
        finally
        {
            Transaction = null;
        }
    }

    private T RunOnWriter<T>(Func<SqliteCommand, T> execute)
    {
        if (BindsLargeValue())
        {
            using var once = owner.Writer.Connection.CreateCommand();
            once.CommandText = CommandText;
            return execute(Bind(once));
        }

        var statement = Statement();
        try
        {
            return execute(statement);
        }
        finally
        {
            statement.Parameters.Clear();
        }
    }

    private SqliteCommand Statement() => Bind(owner.Writer.Statement(CommandText));

    private SqliteCommand Bind(SqliteCommand statement)
    {
        statement.Transaction = Transaction;
        statement.CommandTimeout = CommandTimeout;
        statement.Parameters.Clear();
        foreach (SqliteParameter parameter in Parameters)
        {
            statement.Parameters.Add(parameter);
        }

        return statement;
    }

    private bool BindsLargeValue()
    {
        foreach (SqliteParameter parameter in Parameters)
        {
            if (parameter.Value is byte[] { Length: > LargestKeptBinding } or string { Length: > LargestKeptBinding / 2 })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQuery(string text) => text.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private static bool IsWrite(string? text)
    {
        var statement = (text ?? "").AsSpan().TrimStart();
        return statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A parameter whose name always carries its prefix: <c>@</c> unless it was given one (the service's SQL uses <c>@name</c>).</summary>
internal sealed class AtNamedParameter : SqliteParameter
{
    private string name = "";

    [AllowNull]
    public override string ParameterName
    {
        get => name;
        set => name = string.IsNullOrEmpty(value) || value[0] is '@' or '$' or ':' ? value ?? "" : "@" + value;
    }
}
