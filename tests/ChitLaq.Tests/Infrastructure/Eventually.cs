namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Waits for something that happens asynchronously (a node joining, a connection recovering).
/// The limit is generous on purpose: it bounds a hung test, it does not measure speed.
/// </summary>
public static class Eventually
{
    public static async Task<T> Satisfies<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (condition(last)) return last;
            }
            catch (Exception ex)
            {
                last = default!;
                lastError = ex;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting until {what}; last value: {last}", lastError);
            await Task.Delay(200);
        }
    }
}
