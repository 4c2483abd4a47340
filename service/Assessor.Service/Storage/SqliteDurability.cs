using System.Runtime.InteropServices;
using Assessor.Service.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Assessor.Service.Storage;

/// <summary>
/// Group commit for SQLite (issue 11). Writers commit with <c>synchronous=NORMAL</c> inside their turn (the commit is in
/// the WAL file, not yet on the disk), give up the turn, and only then wait here before their write is acknowledged. One
/// fsync of the WAL covers every commit that had finished when it started; a commit that lands while an fsync runs waits
/// for the next one. So the disk's latency is paid once per group of writers instead of once per writer inside the turn.
/// A failed fsync is final (the page cache may have dropped the pages it could not write, and a later fsync would report
/// success without them): that wait and every later one throw <see cref="DurabilityException"/> until the service restarts.
/// </summary>
public sealed class SqliteDurability(string walPath, WalSync sync)
{
    private readonly Lock gate = new();
    private long committed;
    private long synced;
    private bool flushing;
    private TaskCompletionSource flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? failure;

    /// <summary>How many commits the fsyncs have covered so far (for tests and diagnostics).</summary>
    public long Synced => Volatile.Read(ref synced);

    /// <summary>Notes a commit that has finished writing the WAL; returns the ticket to wait for.</summary>
    public long NoteCommit() => Interlocked.Increment(ref committed);

    /// <summary>Returns once an fsync that started after commit <paramref name="ticket"/> was noted has completed.</summary>
    public async Task WaitAsync(long ticket)
    {
        while (true)
        {
            Task? running = null;
            lock (gate)
            {
                if (failure is not null)
                {
                    throw new DurabilityException(failure);
                }

                if (synced >= ticket)
                {
                    return;
                }

                if (flushing)
                {
                    running = flushed.Task;
                }
                else
                {
                    flushing = true;
                }
            }

            if (running is null)
            {
                // No fsync is running: this writer runs it, on its own thread, for everyone committed so far (the leader).
                Flush();
            }
            else
            {
                // One is running and may have started before this commit: wait for it, then look again.
                await running;
            }
        }
    }

    /// <summary>The blocking form, for a connection closed by the synchronous <c>Dispose</c>.</summary>
    public void Wait(long ticket) => WaitAsync(ticket).GetAwaiter().GetResult();

    // Every commit numbered up to target finished its writes before this fsync starts, so the fsync covers them all.
    private void Flush()
    {
        var target = Volatile.Read(ref committed);
        Exception? error = null;
        try
        {
            sync.Sync(walPath);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        TaskCompletionSource done;
        lock (gate)
        {
            if (error is null)
            {
                synced = Math.Max(synced, target);
            }
            else
            {
                failure ??= error;
            }

            flushing = false;
            (done, flushed) = (flushed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        // Those that waited look again: covered ones return, a commit that landed during this fsync leads the next one.
        done.SetResult();
    }
}

/// <summary>A write could not be made durable: the request fails instead of being acknowledged.</summary>
public sealed class DurabilityException(Exception inner)
    : IOException("The database's write-ahead log could not be synced to the disk; restart the service.", inner);

/// <summary>Answers a <see cref="DurabilityException"/> with a 503 problem (<c>storage-unavailable</c>) and logs it as an error.</summary>
public sealed class DurabilityExceptionHandler(ILogger<DurabilityExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DurabilityException)
        {
            return false;
        }

        logger.LogError(exception, "A write was not acknowledged: the disk did not take it");
        await Problems.Create(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "The write could not be made durable",
            "The database could not sync this write to the disk, so it is not acknowledged; the service needs an operator.").ExecuteAsync(httpContext);
        return true;
    }
}

/// <summary>
/// The fsync itself. It opens the current <c>-wal</c> file each time (a checkpoint may have reset it, and the last
/// connection to close deletes it; a kept descriptor could belong to an old, deleted file) and syncs its folder too, so
/// that a WAL file created anew is found after a power loss (SQLite does that itself only on its own first sync of a new
/// WAL, which under NORMAL comes at the first checkpoint). A WAL file that is gone was checkpointed into the database, and
/// a checkpoint under NORMAL syncs the database. The WAL file holds no SQLite lock (those are on <c>-shm</c>), so opening
/// and closing it here cannot drop one of SQLite's POSIX locks, which closing any descriptor of a locked file would.
/// Overridable so that tests can count the syncs and make one fail.
/// </summary>
public class WalSync
{
    private const int ReadOnly = 0;
    private const int NoSuchFile = 2; // ENOENT

    public virtual void Sync(string walPath)
    {
        if (SyncPath(walPath))
        {
            SyncPath(Path.GetDirectoryName(walPath)!);
        }
    }

    // Through libc: .NET cannot open a folder as a file. False when the path does not exist.
    private static bool SyncPath(string path)
    {
        var descriptor = Libc.Open(path, ReadOnly);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NoSuchFile ? false : throw new IOException($"Cannot open {path} to sync it (errno {error}).");
        }

        try
        {
            return Libc.FSync(descriptor) == 0 ? true : throw new IOException($"fsync of {path} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Libc.Close(descriptor);
        }
    }
}

internal static class Libc
{
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int FSync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int descriptor);
}
