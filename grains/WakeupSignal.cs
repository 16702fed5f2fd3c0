namespace ChitLaq.Grains;

/// <summary>
/// Wakes a node's background worker when work was queued on this node, so it starts now rather
/// than at its next poll (other nodes find the work by polling). Each worker has its own subclass.
/// </summary>
public abstract class WakeupSignal
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
