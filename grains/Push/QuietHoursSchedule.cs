using ChitLaq.Grains.Abstractions.Push;

namespace ChitLaq.Grains.Push;

/// <summary>When a push may go out: at once, or at the end of the student's quiet hours in their time zone.</summary>
public static class QuietHoursSchedule
{
    public static bool IsKnownTimeZone(string timeZone) => TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _);

    public static DateTimeOffset NextAllowed(DateTimeOffset now, QuietHours? quiet)
    {
        if (quiet is null || quiet.Start == quiet.End || !TimeZoneInfo.TryFindSystemTimeZoneById(quiet.TimeZone, out var zone)) return now;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var spansMidnight = quiet.Start > quiet.End;
        var inside = spansMidnight ? time >= quiet.Start || time < quiet.End : time >= quiet.Start && time < quiet.End;
        if (!inside) return now;
        // The end is today, or tomorrow when the window started before midnight.
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (spansMidnight && time >= quiet.Start) endDate = endDate.AddDays(1);
        var endLocal = endDate.ToDateTime(quiet.End);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
