namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Real time plus an offset a test can move forward, to reach token expiry or the end of a
/// lockout without waiting. Timers and timestamps (what the runtime schedules with) are real.
/// </summary>
public sealed class AdjustableTimeProvider : TimeProvider
{
    private TimeSpan _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
