namespace Saas.Rules.Engine;

/// <summary>
/// A tenant's business hours in its own time zone: per day of week, zero or more [open, close) intervals. The default
/// (<see cref="Default"/>) is Monday to Friday 09:00–17:00 in UTC.
/// </summary>
public sealed record BusinessHours(TimeZoneInfo TimeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHoursInterval>> Week)
{
    public static BusinessHours Default { get; } = new(
        TimeZoneInfo.Utc,
        new Dictionary<DayOfWeek, IReadOnlyList<BusinessHoursInterval>>
        {
            [DayOfWeek.Monday] = [new(new TimeOnly(9, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Tuesday] = [new(new TimeOnly(9, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Wednesday] = [new(new TimeOnly(9, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Thursday] = [new(new TimeOnly(9, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Friday] = [new(new TimeOnly(9, 0), new TimeOnly(17, 0))],
        });

    /// <summary>Whether <paramref name="instant"/> falls inside the hours, in <see cref="TimeZone"/>.</summary>
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Week.TryGetValue(local.DayOfWeek, out var intervals) && intervals.Any(i => time >= i.Open && time < i.Close);
    }
}

/// <summary>One opening interval of a day, [<paramref name="Open"/>, <paramref name="Close"/>).</summary>
public sealed record BusinessHoursInterval(TimeOnly Open, TimeOnly Close);
