using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Assessor.Service.Storage;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a writer that finds the file locked gets SQLITE_BUSY, and
/// Microsoft.Data.Sqlite (no busy_timeout set) sleeps and retries, again and again: with two clients one create in a
/// hundred waited close to a second (issue 11). This queue makes the writers of one process take turns instead, first come first served,
/// without sleeping: a transaction waits for its turn before <c>BEGIN IMMEDIATE</c> and keeps it until its connection
/// closes; a write outside a transaction (an INSERT, UPDATE or DELETE on its own) holds it for that one statement. Writers
/// of other processes on the same file still meet SQLite's own lock, and wait in SQLite's busy handler.
/// </summary>
/// <remarks>
/// Whoever holds the turn writes through the queue's one <see cref="SqliteWriter"/> (docs/benchmarks.md, "One writer
/// connection"), never through a connection of its own.
/// </remarks>
public sealed class SqliteWriteQueue(TimeSpan timeout, string connectionString) : IDisposable
{
    private readonly WriterTurn turn = new(timeout);

    /// <summary>The process's writer; only the holder of the turn may use it.</summary>
    internal SqliteWriter Writer { get; } = new(connectionString);

    /// <summary>Waits for the writer's turn; throws <see cref="TimeoutException"/> past the timeout.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => turn.EnterAsync(cancellationToken);

    public void Enter() => turn.Enter();

    public void Leave() => turn.Leave();

    private bool disposed;

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

        Writer.Dispose();
    }
}

/// <summary>
/// The one connection a process writes through, with its statements kept prepared. SQLite empties a connection's page cache
/// whenever another connection has written since its last transaction, and Microsoft.Data.Sqlite prepares a command's SQL
/// again for every new command: with each request writing on a pooled connection of its own, every create re-read the
/// pages it touched and compiled its statements again, inside the turn. On one long-lived connection both stay warm.
/// </summary>
internal sealed class SqliteWriter(string connectionString) : IDisposable
{
    // Bounds the prepared statements kept (each holds a little native memory); the service writes with far fewer texts.
    private const int StatementCapacity = 256;

    private readonly Dictionary<string, PreparedStatement> statements = new(StringComparer.Ordinal);
    private SqliteConnection? connection;

    // Unknown (null) on a freshly opened handle: pooled handles keep whatever level their last user set.
    private string? synchronous;

    /// <summary>The open writer connection (opened again if it was closed by a failure).</summary>
    public SqliteConnection Connection
    {
        get
        {
            if (connection is not { State: ConnectionState.Open })
            {
                Reset();
                connection = new SqliteConnection(connectionString);
                connection.Open();
                synchronous = null;
            }

            return connection;
        }
    }

    /// <summary>
    /// The prepared command for <paramref name="text"/> on the writer connection, made on first use; a fresh one while the
    /// kept one still has a reader open (the same query run again inside its own results).
    /// </summary>
    public SqliteCommand Statement(string text)
    {
        var open = Connection;
        if (statements.TryGetValue(text, out var kept))
        {
            return kept.Reading ? new PreparedStatement { Connection = open, CommandText = text } : kept;
        }

        if (statements.Count >= StatementCapacity)
        {
            foreach (var (idle, statement) in statements.Where(entry => !entry.Value.Reading).ToList())
            {
                statement.Dispose();
                statements.Remove(idle);
            }
        }

        kept = new PreparedStatement { Connection = open, CommandText = text };
        statements.Add(text, kept);
        return kept;
    }

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

    public void Dispose() => Reset();

    private void Reset()
    {
        DisposeStatements();
        connection?.Dispose();
        connection = null;
    }

    private sealed class PreparedStatement : SqliteCommand
    {
        public bool Reading => DataReader is not null;
    }

    private void DisposeStatements()
    {
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        statements.Clear();
    }
}

/// <summary>
/// A SQLite connection whose writes take turns through a <see cref="SqliteWriteQueue"/> and run on its
/// <see cref="SqliteWriter"/>: a transaction begun here is the writer's, and so are the commands made while it is open.
/// Reads outside a transaction use this connection's own pooled handle.
/// </summary>
internal sealed class QueuedSqliteConnection(string connectionString, SqliteWriteQueue queue) : SqliteConnection(connectionString)
{
    private bool holdsTurn;
    private SqliteTransaction? transaction;

    /// <summary>Lone writes commit without syncing (see <see cref="SqliteDatabase.OpenForLightWritesAsync"/>).</summary>
    internal bool LightWrites { get; init; }

    internal bool HoldsTurn => holdsTurn;

    /// <summary>The writer, for the holder of the turn only.</summary>
    internal SqliteWriter Writer => holdsTurn
        ? queue.Writer
        : throw new InvalidOperationException("Only the holder of the turn may use the SQLite writer (a command kept past its connection's close is not).");

    // A finished transaction has no connection.
    internal bool InTransaction => transaction?.Connection is not null;

    public override SqliteCommand CreateCommand() => InTransaction
        ? new QueuedSqliteCommand(this) { Connection = queue.Writer.Connection, CommandTimeout = DefaultTimeout, Transaction = transaction }
        : new QueuedSqliteCommand(this) { Connection = this, CommandTimeout = DefaultTimeout };

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        RefuseParallelTransaction();
        return BeginWithTurn(isolationLevel, releaseOnFailure: await TakeTurnAsync(cancellationToken));
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        RefuseParallelTransaction();
        return BeginWithTurn(isolationLevel, releaseOnFailure: TakeTurn());
    }

    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            if (holdsTurn)
            {
                try
                {
                    // A transaction left open (an exception before its disposal) must not reach the next writer.
                    if (InTransaction)
                    {
                        transaction!.Dispose();
                    }
                }
                finally
                {
                    transaction = null;
                    ReleaseTurn();
                }
            }
        }
    }

    /// <summary>Waits for the turn unless this connection holds it already; true when this call took it.</summary>
    internal async Task<bool> TakeTurnAsync(CancellationToken cancellationToken)
    {
        if (holdsTurn)
        {
            return false;
        }

        await queue.EnterAsync(cancellationToken);
        return holdsTurn = true;
    }

    /// <inheritdoc cref="TakeTurnAsync"/>
    internal bool TakeTurn()
    {
        if (holdsTurn)
        {
            return false;
        }

        queue.Enter();
        return holdsTurn = true;
    }

    internal void ReleaseTurn()
    {
        holdsTurn = false;
        queue.Leave();
    }

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default, deferred: false): the write lock is taken at the start, so a
    // transaction never finds, halfway through, that it cannot upgrade from reading to writing. Every transaction commits with
    // synchronous=FULL: acknowledged means on the disk.
    private SqliteTransaction BeginWithTurn(IsolationLevel isolationLevel, bool releaseOnFailure)
    {
        try
        {
            queue.Writer.Synchronous("FULL");
            return transaction = queue.Writer.Connection.BeginTransaction(isolationLevel, deferred: false);
        }
        catch when (releaseOnFailure)
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

    // The base class's async methods call these.
    public override SqliteDataReader ExecuteReader(CommandBehavior behavior) =>
        OnWriter ? Statement().ExecuteReader(behavior) : base.ExecuteReader(behavior);

    public override object? ExecuteScalar() => OnWriter ? RunOnWriter(static statement => statement.ExecuteScalar()) : base.ExecuteScalar();

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        if (OnWriter || !IsLoneWrite || owner.InTransaction)
        {
            return await base.ExecuteNonQueryAsync(cancellationToken);
        }

        return RunLoneWrite(releaseTurn: await owner.TakeTurnAsync(cancellationToken));
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

        return RunLoneWrite(releaseTurn: owner.TakeTurn());
    }

    // Made while the owner's transaction was open, so bound to the writer's connection.
    private bool OnWriter => Connection is not QueuedSqliteConnection;

    // A write outside any transaction. The turn may be held already: after a transaction, until the connection closes.
    private bool IsLoneWrite => Transaction is null && IsWrite(CommandText);

    private int RunLoneWrite(bool releaseTurn)
    {
        try
        {
            // Lone writes of a light-writes connection go to the WAL without a sync; the next FULL commit syncs them with it.
            owner.Writer.Synchronous(owner.LightWrites ? "NORMAL" : "FULL");
            return RunOnWriter(static statement => statement.ExecuteNonQuery());
        }
        finally
        {
            if (releaseTurn)
            {
                owner.ReleaseTurn();
            }
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

    private static bool IsWrite(string? text)
    {
        var statement = (text ?? "").AsSpan().TrimStart();
        return statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}
