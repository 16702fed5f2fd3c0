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
}
