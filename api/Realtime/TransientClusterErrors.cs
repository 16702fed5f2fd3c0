namespace ChitLaq.Api.Realtime;

/// <summary>
/// While a node drains (rolling restart) or crashes, calls to grains that lived on it fail with
/// <see cref="Orleans.Runtime.OrleansMessageRejectionException"/> (e.g. SiloUnavailableException)
/// until the cluster notices and the grain is activated elsewhere — usually within a second.
/// Such a call did not happen, so it may be retried.
/// </summary>
public static class TransientClusterErrors
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public static bool IsTransient(Exception exception) =>
        exception is Orleans.Runtime.OrleansMessageRejectionException
        || exception.InnerException is Orleans.Runtime.OrleansMessageRejectionException;

    /// <summary>Runs the call, retrying rejected ones with backoff (about 4 s in all); other failures pass through.</summary>
    public static async Task RetryAsync(Func<Task> call, CancellationToken cancellation = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < Backoff.Length)
            {
                await Task.Delay(Backoff[attempt], cancellation);
            }
        }
    }
}
