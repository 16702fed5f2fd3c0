namespace ChitLaq.Grains.Feeds;

/// <summary>
/// A score that halves every half-life: kept as (value at time t), so adding an event and
/// reading the current value are O(1), with no timers and no rescans.
/// </summary>
public struct DecayingScore
{
    private double _value;
    private DateTimeOffset _at;

    public readonly double ValueAt(DateTimeOffset now, TimeSpan halfLife) =>
        _value == 0 ? 0 : _value * Math.Pow(0.5, Math.Max(0, (now - _at).TotalSeconds) / halfLife.TotalSeconds);

    public void Add(double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        // An event from the past counts with the weight it has decayed to by now.
        var now = at > _at ? at : _at;
        var decayedWeight = weight * Math.Pow(0.5, Math.Max(0, (now - at).TotalSeconds) / halfLife.TotalSeconds);
        _value = ValueAt(now, halfLife) + decayedWeight;
        _at = now;
    }
}
