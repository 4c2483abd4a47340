using Assessor.Service.Storage;

namespace Assessor.Api.Tests;

/// <summary>The SQLite writer's turn: first come first served, handed on at release, with timeouts and cancellation.</summary>
public sealed class WriterTurnTests
{
    // How long a waiter waits for the turn, and a test for its waiters, where no timeout is meant to strike: hand-offs and
    // continuations go through the thread pool, which test classes running in parallel can keep busy for seconds.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Waiters_get_the_turn_in_the_order_they_asked_for_it()
    {
        var turn = new WriterTurn(Patience);
        await turn.EnterAsync(CancellationToken.None);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 5).Select(async n =>
        {
            await turn.EnterAsync(CancellationToken.None);
            order.Add(n);
            await Task.Yield();
            turn.Leave();
        }).ToArray();

        Assert.Empty(order);
        turn.Leave();
        await Task.WhenAll(waiters).WaitAsync(Patience);
        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task Release_runs_the_next_writer_before_it_returns()
    {
        var turn = new WriterTurn(Patience);
        await turn.EnterAsync(CancellationToken.None);
        var ranOn = -1;
        var next = NextWriterAsync();

        turn.Leave();
        // Not queued on the thread pool: the next writer has already run, on this thread.
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);

        async Task NextWriterAsync()
        {
            await turn.EnterAsync(CancellationToken.None);
            ranOn = Environment.CurrentManagedThreadId;
            turn.Leave();
        }
    }

    [Fact]
    public Task Four_writers_at_most_run_inside_one_release_and_the_next_goes_to_the_thread_pool() => Task.Run(async () =>
    {
        var turn = new WriterTurn(Patience);
        await turn.EnterAsync(CancellationToken.None);
        var releasing = Environment.CurrentManagedThreadId;
        var insideRelease = false;
        var ranInside = new bool[6];
        var writers = Enumerable.Range(0, 6).Select(async n =>
        {
            await turn.EnterAsync(CancellationToken.None);
            ranInside[n] = insideRelease && Environment.CurrentManagedThreadId == releasing;
            turn.Leave();
        }).ToArray();

        insideRelease = true;
        turn.Leave();
        insideRelease = false;
        await Task.WhenAll(writers).WaitAsync(Patience);
        Assert.Equal([true, true, true, true, false, false], ranInside);
    });

    [Fact]
    public async Task A_conditional_hand_off_goes_on_only_when_enough_writers_wait()
    {
        var turn = new WriterTurn(Patience);
        await turn.EnterAsync(CancellationToken.None);
        Assert.False(turn.TryHandOff(atLeastWaiting: 1));

        var second = turn.EnterAsync(CancellationToken.None);
        Assert.False(turn.TryHandOff(atLeastWaiting: 2));
        Assert.False(second.IsCompleted);

        var third = turn.EnterAsync(CancellationToken.None);
        Assert.True(turn.TryHandOff(atLeastWaiting: 2));
        await second.WaitAsync(Patience);
        Assert.False(third.IsCompleted);
        turn.Leave();
        await third.WaitAsync(Patience);
        turn.Leave();
    }

    [Fact]
    public async Task A_release_runs_only_a_few_waiters_on_its_own_thread_and_hands_a_long_queue_on()
    {
        // No waiter times out: the hand-offs past the limit go through the thread pool, which test classes running in
        // parallel can keep busy for seconds.
        var turn = new WriterTurn(Timeout.InfiniteTimeSpan);
        await turn.EnterAsync(CancellationToken.None);
        var releasingThread = -1;
        var ranDuringRelease = 0;
        var done = 0;
        var waiters = Enumerable.Range(0, 20_000).Select(async _ =>
        {
            await turn.EnterAsync(CancellationToken.None);
            if (Environment.CurrentManagedThreadId == releasingThread)
            {
                ranDuringRelease++;
            }

            done++;
            turn.Leave();
        }).ToArray();

        releasingThread = Environment.CurrentManagedThreadId;
        turn.Leave();
        releasingThread = -1;

        // Without the limit the whole queue would run inside this one Leave (as deep as the stack allows), and the
        // request that released the turn would answer only after all of them.
        Assert.Equal(WriterTurn.InlineHandOffLimit, ranDuringRelease);
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(20_000, done);
    }

    [Fact]
    public async Task A_waiter_past_the_timeout_fails_and_the_turn_goes_to_the_next()
    {
        var turn = new WriterTurn(TimeSpan.FromMilliseconds(200));
        await turn.EnterAsync(CancellationToken.None);
        var late = turn.EnterAsync(CancellationToken.None);

        var timedOut = await Assert.ThrowsAsync<TimeoutException>(() => late);
        Assert.Contains("No SQLite write turn", timedOut.Message);

        var next = turn.EnterAsync(CancellationToken.None);
        turn.Leave();
        await next.WaitAsync(Patience);
        turn.Leave();
        // Free again: taken at once.
        Assert.True(turn.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_without_the_turn()
    {
        var turn = new WriterTurn(Patience);
        await turn.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = turn.EnterAsync(cancel.Token);
        var next = turn.EnterAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);

        turn.Leave();
        await next.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_synchronous_writer_waits_for_the_turn_too()
    {
        var turn = new WriterTurn(Patience);
        await turn.EnterAsync(CancellationToken.None);
        var entered = Task.Run(() => turn.Enter());
        await Task.Delay(100);
        Assert.False(entered.IsCompleted);

        turn.Leave();
        await entered.WaitAsync(Patience);
    }
}
