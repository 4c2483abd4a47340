namespace Assessor.Service.Storage;

/// <summary>
/// A first-come-first-served lock for SQLite's one writer whose release hands the turn straight to the next waiter and,
/// up to a small depth, runs that waiter on the releasing thread. With <see cref="SemaphoreSlim"/> the next writer was
/// queued on the thread pool behind the requests being parsed, and under load the turn stood idle between writers for
/// about a tenth of the time (docs/benchmarks.md, "Handing the writer's turn on").
/// </summary>
public sealed class WriterTurn(TimeSpan timeout)
{
    private readonly TimeSpan timeout = timeout;

    /// <summary>
    /// How many writers may run one inside another's release on one thread before the next one goes to the thread pool:
    /// bounds the stack, and how long a released writer waits before it answers its own request.
    /// </summary>
    public const int InlineHandOffLimit = 4;

    [ThreadStatic]
    private static int inlineHandOffs;

    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> waiting = new();
    private bool held;

    /// <summary>Completes when the caller holds the turn; faults with <see cref="TimeoutException"/> past the timeout.</summary>
    public Task EnterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (gate)
        {
            if (!held)
            {
                held = true;
                return Task.CompletedTask;
            }

            waiter = new Waiter(this);
            waiter.Node = waiting.AddLast(waiter);
        }

        waiter.Arm(timeout, cancellationToken);
        return waiter.Task;
    }

    /// <summary>Blocks until the caller holds the turn (for the few synchronous callers).</summary>
    public void Enter() => EnterAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Passes the turn to the longest waiter, or frees it.</summary>
    public void Leave() => Pass(free: true, atLeastWaiting: 1);

    /// <summary>
    /// Passes the turn to the longest waiter when at least <paramref name="atLeastWaiting"/> writers wait; otherwise the
    /// caller keeps it (false).
    /// </summary>
    public bool TryHandOff(int atLeastWaiting) => Pass(free: false, atLeastWaiting);

    private bool Pass(bool free, int atLeastWaiting)
    {
        Waiter next;
        lock (gate)
        {
            if (waiting.Count < atLeastWaiting || waiting.First is not { } first)
            {
                held = !free;
                return false;
            }

            next = first.Value;
            waiting.RemoveFirst();
            next.Node = null;
        }

        // The turn stays held: it is the waiter's now.
        next.Disarm();
        if (inlineHandOffs < InlineHandOffLimit)
        {
            inlineHandOffs++;
            try
            {
                next.SetResult();
            }
            finally
            {
                inlineHandOffs--;
            }
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static waiter => waiter.SetResult(), next, preferLocal: false);
        }

        // Armed after the disarm above (it raced the hand-off): let it go now rather than at its timeout.
        next.Disarm();
        return true;
    }

    // A waiter that timed out or was cancelled leaves the queue; one already handed the turn keeps it. Its continuation runs
    // on the thread pool, not inside the timer's or the canceller's call.
    private void Withdraw(Waiter waiter, Action<Waiter> fail)
    {
        lock (gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            waiting.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Disarm();
        ThreadPool.UnsafeQueueUserWorkItem(fail, waiter, preferLocal: false);
    }

    // No TaskCreationOptions.RunContinuationsAsynchronously: completing it runs the waiter's continuation right here.
    private sealed class Waiter(WriterTurn turn) : TaskCompletionSource
    {
        private CancellationTokenRegistration cancellation;
        private ITimer? timer;

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Arm(TimeSpan timeout, CancellationToken cancellationToken)
        {
            timer = TimeProvider.System.CreateTimer(static state => ((Waiter)state!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
            {
                cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), this);
            }

            // Handed the turn before it was armed: nothing left to time out.
            if (Task.IsCompleted)
            {
                Disarm();
            }
        }

        public void Disarm()
        {
            timer?.Dispose();
            cancellation.Dispose();
        }

        private void Expire()
        {
            var seconds = turn.timeout.TotalSeconds;
            turn.Withdraw(this, waiter => waiter.SetException(new TimeoutException($"No SQLite write turn within {seconds:0} s.")));
        }

        private void Cancel(CancellationToken token) => turn.Withdraw(this, waiter => waiter.SetCanceled(token));
    }
}
