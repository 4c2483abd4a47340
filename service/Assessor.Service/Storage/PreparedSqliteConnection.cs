using System.Data;
using Microsoft.Data.Sqlite;

namespace Assessor.Service.Storage;

/// <summary>
/// A SQLite connection kept open for as long as the process uses it, with its statements kept prepared. Microsoft.Data.Sqlite
/// prepares a command's SQL again for every new command object and finalises a connection's statements when it goes back to
/// the pool, and for the service's short statements parsing and planning cost several times what running them does
/// (docs/benchmarks.md, "SQLite reads prepare their statements every time"). The writer is one such connection; each of
/// the <see cref="SqliteReaders"/> is another.
/// </summary>
internal class PreparedSqliteConnection(string connectionString) : IDisposable
{
    // Bounds the prepared statements kept (each holds a little native memory); the service runs far fewer texts.
    private const int StatementCapacity = 256;

    private readonly Dictionary<string, PreparedStatement> statements = new(StringComparer.Ordinal);

    // Statements made beside a kept one whose results were still open: let go once their own results are done.
    private readonly List<PreparedStatement> besides = [];

    // The statements whose results are open now (kept ones and those beside), maintained by the statements themselves.
    private readonly HashSet<PreparedStatement> withOpenResults = [];
    private SqliteConnection? connection;

    /// <summary>The open connection (opened again if a failure closed it).</summary>
    public SqliteConnection Connection
    {
        get
        {
            if (connection is not { State: ConnectionState.Open })
            {
                Reset();
                connection = new SqliteConnection(connectionString);
                connection.Open();
                Opened();
            }

            return connection;
        }
    }

    /// <summary>How many statements this connection has made (each is prepared on its first run); a kept statement run again is not counted.</summary>
    public int StatementsMade { get; private set; }

    /// <summary>
    /// The prepared command for <paramref name="text"/>, made on first use; a fresh one while the kept one still has a reader
    /// open (the same query run again inside its own results).
    /// </summary>
    public SqliteCommand Statement(string text)
    {
        var open = Connection;
        if (statements.TryGetValue(text, out var kept))
        {
            if (!kept.Reading)
            {
                return kept;
            }

            besides.RemoveAll(DisposeIfDone);
            StatementsMade++;
            var beside = new PreparedStatement(withOpenResults) { Connection = open, CommandText = text };
            besides.Add(beside);
            return beside;
        }

        if (statements.Count >= StatementCapacity)
        {
            foreach (var (idle, statement) in statements.Where(entry => !entry.Value.Reading).ToList())
            {
                statement.Dispose();
                statements.Remove(idle);
            }
        }

        StatementsMade++;
        kept = new PreparedStatement(withOpenResults) { Connection = open, CommandText = text };
        statements.Add(text, kept);
        return kept;
    }

    /// <summary>
    /// Ends the results still open (their readers were not disposed): an open result holds a read snapshot, which would
    /// keep the WAL from being checkpointed for as long as the statement stays kept. Runs every time a reader is given
    /// back, so it touches only the statements with open results, not every kept one.
    /// </summary>
    public void EndOpenResults()
    {
        if (withOpenResults.Count > 0)
        {
            // Disposing a statement ends its results, which takes it out of the set: go through a copy.
            foreach (var statement in withOpenResults.ToList())
            {
                if (statements.TryGetValue(statement.CommandText, out var kept) && kept == statement)
                {
                    statements.Remove(statement.CommandText);
                }

                statement.Dispose();
            }
        }

        DisposeBesides();
    }

    public void Dispose() => Reset();

    /// <summary>Called after the connection was (re)opened: a fresh handle has none of the settings made on the last one.</summary>
    protected virtual void Opened()
    {
    }

    private static bool DisposeIfDone(PreparedStatement statement)
    {
        if (statement.Reading)
        {
            return false;
        }

        statement.Dispose();
        return true;
    }

    private void DisposeBesides()
    {
        foreach (var statement in besides)
        {
            statement.Dispose();
        }

        besides.Clear();
    }

    private void Reset()
    {
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        statements.Clear();
        DisposeBesides();
        connection?.Dispose();
        connection = null;
    }

    /// <summary>
    /// A kept command that tracks its own results: it is in <paramref name="withOpenResults"/> while they are open, and
    /// lets go of its parameters when they end, so that an idle statement holds none of a request's values (SQLite's own
    /// copy of the bound values stays until the next bind).
    /// </summary>
    private sealed class PreparedStatement(HashSet<PreparedStatement> withOpenResults) : SqliteCommand
    {
        public bool Reading => DataReader is not null;

        protected override SqliteDataReader? DataReader
        {
            get => base.DataReader;
            set
            {
                base.DataReader = value;
                if (value is null)
                {
                    withOpenResults.Remove(this);
                    Parameters.Clear();
                }
                else
                {
                    withOpenResults.Add(this);
                }
            }
        }
    }
}

/// <summary>
/// Reader connections kept open with their statements prepared, each lent to one <see cref="QueuedSqliteConnection"/> at a
/// time, from its first read outside a transaction until it closes. Up to <paramref name="capacity"/> are made; a
/// connection that finds none free reads on its own pooled handle, as every read did before.
/// </summary>
internal sealed class SqliteReaders(string connectionString, int capacity) : IDisposable
{
    private readonly Stack<PreparedSqliteConnection> idle = new();
    private int made;
    private bool disposed;

    /// <summary>How many readers exist, lent or idle.</summary>
    internal int Made
    {
        get
        {
            lock (idle)
            {
                return made;
            }
        }
    }

    /// <summary>How many readers are idle, not lent.</summary>
    internal int Idle
    {
        get
        {
            lock (idle)
            {
                return idle.Count;
            }
        }
    }

    /// <summary>The statements the idle readers have made in all.</summary>
    internal int StatementsMade
    {
        get
        {
            lock (idle)
            {
                return idle.Sum(reader => reader.StatementsMade);
            }
        }
    }

    /// <summary>An idle reader, or a new one while fewer than the capacity exist; null when all are lent.</summary>
    public PreparedSqliteConnection? Rent()
    {
        lock (idle)
        {
            if (idle.TryPop(out var reader))
            {
                return reader;
            }

            if (disposed || made >= capacity)
            {
                return null;
            }

            made++;
        }

        return new PreparedSqliteConnection(connectionString);
    }

    public void Return(PreparedSqliteConnection reader)
    {
        try
        {
            reader.EndOpenResults();
        }
        catch
        {
            // A reader that cannot be cleaned is not lent again.
            lock (idle)
            {
                made--;
            }

            reader.Dispose();
            throw;
        }

        lock (idle)
        {
            if (!disposed)
            {
                idle.Push(reader);
                return;
            }

            made--;
        }

        reader.Dispose();
    }

    /// <summary>Closes the idle readers; one still lent is closed when it comes back.</summary>
    public void Dispose()
    {
        lock (idle)
        {
            disposed = true;
            made -= idle.Count;
            foreach (var reader in idle)
            {
                reader.Dispose();
            }

            idle.Clear();
        }
    }
}
