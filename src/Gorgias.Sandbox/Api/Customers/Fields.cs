using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gorgias.Sandbox.Api.Customers;

/// <summary>
/// Strict readers for request fields shared by the customer, user, team, survey and custom-field endpoints. Each
/// reader adds a per-field message to <see cref="FieldErrors"/> and returns false when the field is absent or invalid.
/// </summary>
internal static partial class Fields
{
    public const string Missing = "Missing data for required field.";
    public const string NotNull = "Field may not be null.";
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

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")]
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

    /// <summary>Adds <see cref="Missing"/> when <paramref name="name"/> is absent; returns whether it is present.</summary>
    public static bool Require(JsonObject body, string name, FieldErrors errors, string? path = null)
    {
        if (body.ContainsKey(name))
        {
            return true;
        }

        errors.Add(path ?? name, Missing);
        return false;
    }

    /// <summary>Reads a string field. True when present and valid (the value is null only if <paramref name="nullable"/>).</summary>
    public static bool TryString(
        JsonObject body,
        string name,
        FieldErrors errors,
        out string? value,
        int maxLength = 1024,
        bool nullable = true,
        bool allowEmpty = true,
        string? path = null)
    {
        value = null;
        path ??= name;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            if (nullable)
            {
                return true;
            }

            errors.Add(path, NotNull);
            return false;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(path, "Not a valid string.");
            return false;
        }

        var text = node.GetValue<string>();
        if (text.Length > maxLength)
        {
            errors.Add(path, $"Longer than maximum length {maxLength}.");
            return false;
        }

        if (!allowEmpty && text.Trim().Length == 0)
        {
            errors.Add(path, "Shorter than minimum length 1.");
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>Reads an integer field within bounds. True when present and valid.</summary>
    public static bool TryLong(
        JsonObject body,
        string name,
        FieldErrors errors,
        out long? value,
        long min = long.MinValue,
        long max = long.MaxValue,
        bool nullable = true,
        string? path = null)
    {
        value = null;
        path ??= name;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            if (nullable)
            {
                return true;
            }

            errors.Add(path, NotNull);
            return false;
        }

        if (!RequestBody.TryGetLong(node, out var number))
        {
            errors.Add(path, "Not a valid integer.");
            return false;
        }

        if (number < min || number > max)
        {
            errors.Add(path, $"Must be greater than or equal to {min} and less than or equal to {max}.");
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>Reads a boolean field (not nullable). True when present and valid.</summary>
    public static bool TryBool(JsonObject body, string name, FieldErrors errors, out bool value, string? path = null)
    {
        value = false;
        path ??= name;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        switch (node?.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            case null:
                errors.Add(path, NotNull);
                return false;
            default:
                errors.Add(path, "Not a valid boolean.");
                return false;
        }
    }

    /// <summary>Reads an object field (or null when <paramref name="nullable"/>), detached from the body. True when present and valid.</summary>
    public static bool TryObject(JsonObject body, string name, FieldErrors errors, out JsonObject? value, bool nullable = true, string? path = null)
    {
        value = null;
        path ??= name;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            if (nullable)
            {
                return true;
            }

            errors.Add(path, NotNull);
            return false;
        }

        if (node is not JsonObject obj)
        {
            errors.Add(path, "Not a valid object.");
            return false;
        }

        value = (JsonObject)obj.DeepClone();
        return true;
    }

    /// <summary>Reads a datetime field (ISO 8601, or null). True when present and valid.</summary>
    public static bool TryDate(JsonObject body, string name, FieldErrors errors, out DateTimeOffset? value) =>
        RequestBody.TryGetDate(body, name, errors, out value);

    /// <summary>Reads an email field; optionally nullable. True when present and valid.</summary>
    public static bool TryEmail(JsonObject body, string name, FieldErrors errors, out string? value, bool nullable = true)
    {
        if (!TryString(body, name, errors, out value, MaxEmailLength, nullable))
        {
            return false;
        }

        if (value is not null && !IsEmail(value.Trim()))
        {
            errors.Add(name, "Not a valid email address.");
            value = null;
            return false;
        }

        value = value?.Trim();
        return true;
    }

    public static bool TryLanguage(JsonObject body, string name, FieldErrors errors, out string? value, bool nullable = true)
    {
        if (!TryString(body, name, errors, out value, 16, nullable))
        {
            return false;
        }

        if (value is not null && !IsLanguage(value))
        {
            errors.Add(name, "Not a valid ISO 639-1 language code (two lowercase letters, e.g. 'en').");
            value = null;
            return false;
        }

        return true;
    }

    public static bool TryTimezone(JsonObject body, string name, FieldErrors errors, out string? value, bool nullable = false)
    {
        if (!TryString(body, name, errors, out value, 64, nullable))
        {
            return false;
        }

        if (value is not null && !IsTimezone(value))
        {
            errors.Add(name, "Not a valid IANA time zone name (e.g. 'UTC', 'Europe/Paris').");
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>Reads a bare integer path/query-like id from a JSON node (no strings, no fractions).</summary>
    public static bool TryId(JsonNode? node, out long id) => RequestBody.TryGetLong(node, out id);
}
