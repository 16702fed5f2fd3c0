using ChitLaq.Grains.Background;

namespace ChitLaq.Tests.Search;

/// <summary>
/// Index writes run on one dedicated thread, never on the thread pool that requests are served
/// from (a batch holding one of a small node's few pool threads delays chat acknowledgements).
/// </summary>
public sealed class IndexingOffThePoolTests
{
    [Fact]
    public async Task WorkRunsOnOneDedicatedThreadOutsideTheThreadPool()
    {
        using var worker = new DedicatedWorker("test-worker");
        var first = await worker.RunAsync(() => (Thread.CurrentThread.ManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
        var second = await worker.RunAsync(() => Thread.CurrentThread.ManagedThreadId);

        Assert.False(first.IsThreadPoolThread);
        Assert.Equal("test-worker", first.Name);
        Assert.Equal(first.ManagedThreadId, second);
    }

    [Fact]
    public async Task TheCallerResumesOffTheWorkerThread()
    {
        using var worker = new DedicatedWorker("test-worker");
        var workerThread = await worker.RunAsync(() => Thread.CurrentThread.ManagedThreadId);
        Assert.NotEqual(workerThread, Thread.CurrentThread.ManagedThreadId);
    }

    [Fact]
    public async Task AFailureReachesTheCallerAndTheWorkerKeepsGoing()
    {
        using var worker = new DedicatedWorker("test-worker");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.RunAsync(() => throw new InvalidOperationException("bad batch")));
        Assert.Equal("bad batch", failure.Message);
        Assert.Equal(42, await worker.RunAsync(() => 42));
    }

    [Fact]
    public async Task DisposingLetsQueuedWorkFinishAndRefusesNewWork()
    {
        var worker = new DedicatedWorker("test-worker");
        var gate = new ManualResetEventSlim();
        var slow = worker.RunAsync(() => { gate.Wait(TimeSpan.FromSeconds(10)); return 1; });
        var queued = worker.RunAsync(() => 2);
        gate.Set();
        worker.Dispose();

        Assert.Equal(1, await slow);
        Assert.Equal(2, await queued);
        Assert.Throws<ObjectDisposedException>(() => { _ = worker.RunAsync(() => 3); }); // refused at once, not through the task
        worker.Dispose(); // a second dispose is harmless
    }

    [Fact]
    public async Task AnIdleWorkerWakesForWorkThatComesLater()
    {
        using var worker = new DedicatedWorker("test-worker");
        Assert.Equal(1, await worker.RunAsync(() => 1));
        await Task.Delay(200); // the thread is asleep now
        var later = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => worker.RunAsync(() => i)));
        Assert.Equal(Enumerable.Range(0, 100), later);
    }
}
