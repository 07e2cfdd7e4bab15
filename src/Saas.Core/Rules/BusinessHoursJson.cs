using System.Globalization;
using System.Text.Json;
using Saas.Rules.Engine;

namespace Saas.Core.Rules;

/// <summary>
/// The stored form of business hours (<see cref="TenantRuleSettings.BusinessHours"/>):
/// <c>{"monday":[["09:00","17:00"]],"tuesday":[…],…}</c>, days absent = closed; with the time zone id beside it.
/// </summary>
public static class BusinessHoursJson
{
    /// <summary>The tenant's hours; null week → <see cref="BusinessHours.Default"/>'s week; unknown zone → <see cref="FormatException"/>.</summary>
    public static BusinessHours Parse(string? timeZone, string? week)
    {
        var zone = string.IsNullOrWhiteSpace(timeZone) ? TimeZoneInfo.Utc : FindZone(timeZone);
        if (string.IsNullOrWhiteSpace(week))
        {
            return BusinessHours.Default with { TimeZone = zone };
        }

        var days = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(week) ?? throw new FormatException("Business hours must be a JSON object.");
        var result = new Dictionary<DayOfWeek, IReadOnlyList<BusinessHoursInterval>>();
        foreach (var (name, intervals) in days)
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day))
            {
                throw new FormatException($"'{name}' is not a day of the week.");
            }

            result[day] = intervals.Select(i => i is [var open, var close]
                    && TimeOnly.TryParseExact(open, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                    && TimeOnly.TryParseExact(close, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) && from < to
                ? new BusinessHoursInterval(from, to)
                : throw new FormatException($"{name}: each interval is [\"HH:mm\", \"HH:mm\"] with the opening first.")).ToList();
        }

        return new BusinessHours(zone, result);
    }

    /// <summary>
    /// Every problem of a time zone and week, keyed by path (<c>time_zone</c>, <c>business_hours.monday[0]</c>), for the
    /// settings API's per-field errors; empty when <see cref="Parse"/> would succeed.
    /// </summary>
    public static IReadOnlyList<RuleValidationError> Validate(string? timeZone, string? week)
    {
        var errors = new List<RuleValidationError>();
        if (!string.IsNullOrWhiteSpace(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add(new("time_zone", $"'{timeZone}' is not a known time zone (use an IANA id such as Europe/Paris)."));
        }

        if (string.IsNullOrWhiteSpace(week))
        {
            return errors;
        }

        Dictionary<string, JsonElement>? days;
        try
        {
            days = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(week);
        }
        catch (JsonException)
        {
            days = null;
        }

        if (days is null)
        {
            errors.Add(new("business_hours", "Business hours are an object of days: {\"monday\":[[\"09:00\",\"17:00\"]], …}."));
            return errors;
        }

        foreach (var (name, intervals) in days)
        {
            var path = $"business_hours.{name}";
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day) || int.TryParse(name, out _))
            {
                errors.Add(new(path, $"'{name}' is not a day of the week (monday … sunday)."));
                continue;
            }

            if (intervals.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new(path, "A day is a list of [\"HH:mm\", \"HH:mm\"] intervals."));
                continue;
            }

            var index = 0;
            foreach (var interval in intervals.EnumerateArray())
            {
                if (!(interval.ValueKind == JsonValueKind.Array && interval.GetArrayLength() == 2
                    && TryTime(interval[0], out var from) && TryTime(interval[1], out var to) && from < to))
                {
                    errors.Add(new($"{path}[{index}]", "An interval is [\"HH:mm\", \"HH:mm\"] with the opening before the closing."));
                }

                index++;
            }
        }

        return errors;
    }

    private static bool TryTime(JsonElement value, out TimeOnly time)
    {
        time = default;
        return value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    public static string Format(BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var days = hours.Week.OrderBy(d => ((int)d.Key + 6) % 7).ToDictionary(
            d => d.Key.ToString().ToLowerInvariant(),
            d => d.Value.Select(i => new[] { i.Open.ToString("HH:mm", CultureInfo.InvariantCulture), i.Close.ToString("HH:mm", CultureInfo.InvariantCulture) }).ToArray());
        return JsonSerializer.Serialize(days);
    }

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : throw new FormatException($"'{id}' is not a known time zone.");
}
