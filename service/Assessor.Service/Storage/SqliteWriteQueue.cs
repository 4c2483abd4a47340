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
public sealed class SqliteWriteQueue(TimeSpan timeout)
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Waits for the writer's turn; throws <see cref="TimeoutException"/> past the timeout.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await turn.WaitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"No SQLite write turn within {timeout.TotalSeconds:0} s.");
        }
    }

    public void Enter()
    {
        if (!turn.Wait(timeout))
        {
            throw new TimeoutException($"No SQLite write turn within {timeout.TotalSeconds:0} s.");
        }
    }

    public void Leave() => turn.Release();
}

/// <summary>A SQLite connection whose writes take turns through a <see cref="SqliteWriteQueue"/>.</summary>
internal sealed class QueuedSqliteConnection(string connectionString, SqliteWriteQueue queue) : SqliteConnection(connectionString)
{
    private bool holdsTurn;
    private SqliteTransaction? transaction;

    internal SqliteWriteQueue Queue => queue;

    /// <summary>Lone writes commit without syncing (see <see cref="SqliteDatabase.OpenForLightWritesAsync"/>).</summary>
    internal bool LightWrites { get; init; }

    internal bool HoldsTurn => holdsTurn;

    // As the base class does: a command made while a transaction is open runs in it (a finished transaction has no connection).
    public override SqliteCommand CreateCommand() =>
        new QueuedSqliteCommand { Connection = this, CommandTimeout = DefaultTimeout, Transaction = transaction?.Connection is null ? null : transaction };

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        await TakeTurnAsync(cancellationToken);
        return BeginWithTurn(isolationLevel);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (!holdsTurn)
        {
            queue.Enter();
            holdsTurn = true;
        }

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
            if (holdsTurn)
            {
                holdsTurn = false;
                queue.Leave();
            }
        }
    }

    internal Task TakeStatementTurnAsync(CancellationToken cancellationToken) => TakeTurnAsync(cancellationToken);

    internal void TakeStatementTurn()
    {
        queue.Enter();
        holdsTurn = true;
    }

    internal void EndStatementTurn()
    {
        holdsTurn = false;
        queue.Leave();
    }

    private async Task TakeTurnAsync(CancellationToken cancellationToken)
    {
        if (!holdsTurn)
        {
            await queue.EnterAsync(cancellationToken);
            holdsTurn = true;
        }
    }

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default, deferred: false): the write lock is taken at the start, so a
    // transaction never finds, halfway through, that it cannot upgrade from reading to writing.
    private DbTransaction BeginWithTurn(IsolationLevel isolationLevel)
    {
        try
        {
            return transaction = BeginTransaction(isolationLevel, deferred: false);
        }
        catch
        {
            holdsTurn = false;
            queue.Leave();
            throw;
        }
    }
}

/// <summary>A command that takes the writer's turn for a lone INSERT, UPDATE or DELETE outside a transaction.</summary>
internal sealed class QueuedSqliteCommand : SqliteCommand
{
    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        if (!NeedsTurn(out var connection))
        {
            return await base.ExecuteNonQueryAsync(cancellationToken);
        }

        await connection.TakeStatementTurnAsync(cancellationToken);
        try
        {
            if (!connection.LightWrites)
            {
                return await base.ExecuteNonQueryAsync(cancellationToken);
            }

            Synchronous(connection, "NORMAL");
            try
            {
                return await base.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                // Pooled connections are shared: every other use keeps full durability.
                Synchronous(connection, "FULL");
            }
        }
        finally
        {
            connection.EndStatementTurn();
        }
    }

    public override int ExecuteNonQuery()
    {
        if (!NeedsTurn(out var connection))
        {
            return base.ExecuteNonQuery();
        }

        connection.TakeStatementTurn();
        try
        {
            if (!connection.LightWrites)
            {
                return base.ExecuteNonQuery();
            }

            Synchronous(connection, "NORMAL");
            try
            {
                return base.ExecuteNonQuery();
            }
            finally
            {
                Synchronous(connection, "FULL");
            }
        }
        finally
        {
            connection.EndStatementTurn();
        }
    }

    // The base class's async methods call the sync ones: a turn already held by the connection is not taken twice.
    private bool NeedsTurn(out QueuedSqliteConnection connection)
    {
        connection = (Connection as QueuedSqliteConnection)!;
        return connection is { HoldsTurn: false } && Transaction is null && IsWrite(CommandText);
    }

    private static void Synchronous(SqliteConnection connection, string level)
    {
        using var pragma = new SqliteCommand($"PRAGMA synchronous={level}", connection);
        pragma.ExecuteNonQuery();
    }

    private static bool IsWrite(string? text)
    {
        var statement = (text ?? "").AsSpan().TrimStart();
        return statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}
