namespace ChitLaq.Grains.Push;

/// <summary>Wakes this node's sender when a push was queued here, so it goes out now rather than at the next poll.</summary>
public sealed class PushWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already awake */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => _signal.WaitAsync(timeout, cancellation);
}
