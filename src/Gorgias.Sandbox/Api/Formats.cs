using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Gorgias.Sandbox.Api;

/// <summary>What the API accepts as an email address, a language code and a time zone name.</summary>
internal static partial class Formats
{
    public const int MaxEmailLength = 320;

    /// <summary>ISO 639-1 two-letter language codes.</summary>
    private static readonly FrozenSet<string> Languages = FrozenSet.ToFrozenSet(
        """
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo
        es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg
        ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn
        no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
        te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>Zones accepted even when the machine has no tz database (the sandbox must not depend on tzdata).</summary>
    private static readonly FrozenSet<string> BuiltInZones = FrozenSet.ToFrozenSet(
        [
            "UTC", "Etc/UTC", "GMT", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
            "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels", "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm",
            "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Warsaw", "Europe/Prague", "Europe/Lisbon",
            "Europe/Athens", "Europe/Istanbul", "Europe/Moscow", "America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Toronto", "America/Vancouver",
            "America/Mexico_City", "America/Sao_Paulo", "America/Buenos_Aires", "America/Bogota", "America/Lima",
            "Pacific/Honolulu", "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore",
            "Asia/Kolkata", "Asia/Dubai", "Asia/Jerusalem", "Asia/Bangkok", "Asia/Jakarta", "Asia/Manila",
            "Australia/Sydney", "Australia/Melbourne", "Australia/Perth", "Pacific/Auckland", "Africa/Johannesburg",
            "Africa/Cairo", "Africa/Lagos", "US/Pacific", "US/Eastern", "US/Central", "US/Mountain",
        ],
        StringComparer.Ordinal);

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+\z")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}\z")]
    private static partial Regex ZonePattern();

    public static bool IsEmail(string text) => text.Length <= MaxEmailLength && EmailPattern().IsMatch(text);

    public static bool IsLanguage(string text) => Languages.Contains(text);

    /// <summary>An IANA time zone name, checked against the machine's tz database (plus a built-in list).</summary>
    public static bool IsTimezone(string text)
    {
        if (text.Length is 0 or > 64 || !ZonePattern().IsMatch(text))
        {
            return false;
        }

        return BuiltInZones.Contains(text) || TimeZoneInfo.TryFindSystemTimeZoneById(text, out _);
    }
}
