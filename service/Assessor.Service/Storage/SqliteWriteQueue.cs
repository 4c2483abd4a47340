using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

/// <summary>
/// A SQLite connection whose writes take turns through a <see cref="SqliteWriteQueue"/> and commit with
/// <c>synchronous=NORMAL</c>; a connection that changed a row waits, when it closes and after giving up its turn, until
/// <see cref="SqliteDurability"/> has synced the WAL past its commit (group commit, issue 11).
/// </summary>
internal sealed class QueuedSqliteConnection(string connectionString, SqliteWriteQueue queue, SqliteDurability durability)
    : SqliteConnection(connectionString)
{
    private bool holdsTurn;
    private SqliteTransaction? transaction;
    private int changesAtOpen;

    /// <summary>Lone writes are acknowledged without waiting for the disk (see <see cref="SqliteDatabase.OpenForLightWritesAsync"/>).</summary>
    internal bool LightWrites { get; init; }

    internal bool HoldsTurn => holdsTurn;

    // As the base class does: a command made while a transaction is open runs in it (a finished transaction has no connection).
    public override SqliteCommand CreateCommand() =>
        new QueuedSqliteCommand { Connection = this, CommandTimeout = DefaultTimeout, Transaction = transaction?.Connection is null ? null : transaction };

    public override void Open()
    {
        base.Open();
        // Counts every row this handle has changed, whichever statement did it: how close knows the connection wrote.
        changesAtOpen = raw.sqlite3_total_changes(Handle);
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        await TakeTurnAsync(cancellationToken);
        return BeginWithTurn(isolationLevel);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (!holdsTurn)
        {
            TakeStatementTurn();
        }

        return BeginWithTurn(isolationLevel);
    }

    public override void Close()
    {
        if (CloseAndLeaveTurn() is { } ticket)
        {
            durability.Wait(ticket);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        var ticket = CloseAndLeaveTurn();
        await base.DisposeAsync();
        if (ticket is not null)
        {
            await durability.WaitAsync(ticket.Value);
        }
    }

    internal async Task TakeStatementTurnAsync(CancellationToken cancellationToken)
    {
        await queue.EnterAsync(cancellationToken);
        WithTurn();
    }

    internal void TakeStatementTurn()
    {
        queue.Enter();
        WithTurn();
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
            await TakeStatementTurnAsync(cancellationToken);
        }
    }

    // The commit goes to the WAL without an fsync while others wait for the turn; the durability barrier syncs it after.
    private void WithTurn()
    {
        holdsTurn = true;
        try
        {
            using var pragma = new SqliteCommand("PRAGMA synchronous=NORMAL", this);
            pragma.ExecuteNonQuery();
        }
        catch
        {
            EndStatementTurn();
            throw;
        }
    }

    /// <summary>Closes (rolling back what was not committed) and gives up the turn; the ticket to wait for if rows changed.</summary>
    private long? CloseAndLeaveTurn()
    {
        var wrote = State == ConnectionState.Open && !LightWrites && raw.sqlite3_total_changes(Handle) != changesAtOpen;
        try
        {
            base.Close();
            return wrote ? durability.NoteCommit() : null;
        }
        finally
        {
            if (holdsTurn)
            {
                EndStatementTurn();
            }
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
            EndStatementTurn();
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
            return await base.ExecuteNonQueryAsync(cancellationToken);
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
            return base.ExecuteNonQuery();
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

    private static bool IsWrite(string? text)
    {
        var statement = (text ?? "").AsSpan().TrimStart();
        return statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}
