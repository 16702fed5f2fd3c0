using System.Collections.Concurrent;

namespace ChitLaq.Grains.Background;

/// <summary>
/// One dedicated thread for CPU-heavy background work (search indexing). Such work must not run
/// on the thread pool: on a small node the pool has about as many threads as cores, and a batch
/// that holds one of them for a few hundred milliseconds queues chat acknowledgements and grain
/// calls behind it until the pool notices and adds threads.
/// <para>
/// The thread keeps normal priority on purpose: tried at nice 10, the chat benchmark got far
/// slower (ack p50 555 ms against 209 ms), because a garbage collection has to wait for every
/// managed thread to reach a safe point, and a starved thread holds up the whole process.
/// </para>
/// </summary>
public sealed class DedicatedWorker : IDisposable
{
    private readonly ConcurrentQueue<Action> _queue = new();
    // A kernel-backed event, not BlockingCollection: its SemaphoreSlim spins before it sleeps, and a
    // profile of the chat benchmark showed this thread burning about 3 % of the node's CPU that way
    // on a box whose two cores were already full. Work arrives a few times a second; waking from
    // a plain wait costs microseconds.
    private readonly AutoResetEvent _arrived = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _disposed;

    public DedicatedWorker(string name)
    {
        _thread = new Thread(Run) { Name = name, IsBackground = true };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the worker; the caller resumes on the thread pool, never on the worker.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception ex) { done.SetException(ex); }
        });
        _arrived.Set();
        return done.Task;
    }

    public Task RunAsync(Action work) => RunAsync(() => { work(); return true; });

    private void Run()
    {
        while (true)
        {
            while (_queue.TryDequeue(out var work)) work();
            if (_stopping && _queue.IsEmpty) return;
            _arrived.WaitOne();
        }
    }

    /// <summary>Lets queued work finish, then ends the thread. Safe to call more than once (the host may dispose a service twice).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping = true;
        _arrived.Set();
        if (_thread.Join(TimeSpan.FromSeconds(30))) _arrived.Dispose();
    }
}
