using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;

namespace Gorgias.Sandbox.Api;

/// <summary>What a JSON <c>null</c> in a field means to a <see cref="BodyReader"/> read.</summary>
internal enum Nulls
{
    /// <summary>As if the field were absent: the read answers false (a required field is missing).</summary>
    AsAbsent,

    /// <summary>A value: the read answers true with a null value (an update clears the field).</summary>
    Allowed,

    /// <summary>Refused with <see cref="BodyReader.NotNull"/>.</summary>
    Refused,
}

/// <summary>
/// Reads the fields of one JSON object of a request body strictly, collecting problems under <c>prefix + field</c>
/// (e.g. <c>messages.0.channel</c>) so nested objects report where the problem is. A read answers true when the
/// field is present and valid (see <see cref="Nulls"/> for a null); the value is null otherwise.
/// </summary>
internal readonly struct BodyReader(JsonObject body, FieldErrors errors, string prefix = "")
{
    public const string Missing = "Missing data for required field.";
    public const string NotNull = "Field may not be null.";
    public const string NotObject = "Not a valid object.";

    /// <summary>How the ticket endpoints word a field that is not an object.</summary>
    public const string NotMapping = "Not a valid mapping type.";

    public JsonObject Body => body;

    public FieldErrors Errors => errors;

    public string Key(string name) => prefix + name;

    public bool Has(string name) => body.ContainsKey(name);

    /// <summary>Whether the field is present with a JSON null.</summary>
    public bool IsNull(string name) => body.TryGetPropertyValue(name, out var node) && node is null;

    public void Error(string name, string message) => errors.Add(prefix + name, message);

    /// <summary>A reader for the nested object <paramref name="obj"/> of field <paramref name="name"/> (problems under <c>name.</c>).</summary>
    public BodyReader Nested(string name, JsonObject obj) => new(obj, errors, prefix + name + ".");

    /// <summary>Adds <see cref="Missing"/> when the field is absent (a null is present); true when present.</summary>
    public bool Require(string name)
    {
        if (body.ContainsKey(name))
        {
            return true;
        }

        Error(name, Missing);
        return false;
    }

    /// <summary>Adds <c>"Unknown field."</c> for every field not in <paramref name="allowed"/> (or the read-only message).</summary>
    public void RejectUnknown(IReadOnlySet<string> allowed, IReadOnlySet<string>? readOnly = null)
    {
        foreach (var (name, _) in body)
        {
            if (readOnly?.Contains(name) == true)
            {
                Error(name, "This field cannot be changed.");
            }
            else if (!allowed.Contains(name))
            {
                Error(name, "Unknown field.");
            }
        }
    }

    /// <summary>A string of at most <paramref name="maxLength"/> characters (not blank unless <paramref name="allowEmpty"/>).</summary>
    public bool String(
        string name,
        out string? value,
        int maxLength = int.MaxValue,
        bool required = false,
        Nulls nulls = Nulls.AsAbsent,
        bool allowEmpty = true)
    {
        value = null;
        if (!TryValue(name, required, nulls, out var node, out var answer))
        {
            return answer;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            Error(name, "Not a valid string.");
            return false;
        }

        var text = node.GetValue<string>();
        if (text.Length > maxLength)
        {
            Error(name, $"Longer than maximum length {maxLength}.");
            return false;
        }

        if (!allowEmpty && text.Trim().Length == 0)
        {
            Error(name, "Shorter than minimum length 1.");
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public bool Enum(string name, IReadOnlySet<string> allowed, out string? value, bool required = false)
    {
        if (!String(name, out value, 64, required) || value is null)
        {
            return false;
        }

        if (!allowed.Contains(value))
        {
            Error(name, $"Must be one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>An email address (trimmed).</summary>
    public bool Email(string name, out string? value, bool required = false, Nulls nulls = Nulls.AsAbsent)
    {
        if (!String(name, out value, Formats.MaxEmailLength, required, nulls))
        {
            return false;
        }

        if (value is not null && !Formats.IsEmail(value.Trim()))
        {
            Error(name, "Not a valid email address.");
            value = null;
            return false;
        }

        value = value?.Trim();
        return true;
    }

    /// <summary>An ISO 639-1 language code.</summary>
    public bool Language(string name, out string? value, Nulls nulls = Nulls.AsAbsent) =>
        Checked(name, out value, 16, nulls, Formats.IsLanguage, "Not a valid ISO 639-1 language code (two lowercase letters, e.g. 'en').");

    /// <summary>An IANA time zone name.</summary>
    public bool Timezone(string name, out string? value, Nulls nulls = Nulls.AsAbsent) =>
        Checked(name, out value, 64, nulls, Formats.IsTimezone, "Not a valid IANA time zone name (e.g. 'UTC', 'Europe/Paris').");

    /// <summary>A boolean (with <see cref="Nulls.Allowed"/>, a null reads as false).</summary>
    public bool Bool(string name, out bool value, bool required = false, Nulls nulls = Nulls.AsAbsent)
    {
        value = false;
        if (!TryValue(name, required, nulls, out var node, out var answer))
        {
            return answer;
        }

        switch (node.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                Error(name, "Not a valid boolean.");
                return false;
        }
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public bool Long(string name, out long? value, long min = long.MinValue, long max = long.MaxValue, bool required = false, Nulls nulls = Nulls.AsAbsent)
    {
        value = null;
        if (!TryValue(name, required, nulls, out var node, out var answer))
        {
            return answer;
        }

        if (!TryInteger(node, out var number))
        {
            Error(name, "Not a valid integer.");
            return false;
        }

        if (number < min || number > max)
        {
            Error(name, $"Must be greater than or equal to {min} and less than or equal to {max}.");
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>A datetime (ISO 8601) or null; true when present.</summary>
    public bool Date(string name, out DateTimeOffset? value)
    {
        value = null;
        if (!TryValue(name, required: false, Nulls.Allowed, out var node, out var answer))
        {
            return answer;
        }

        if (node.GetValueKind() == JsonValueKind.String && GorgiasJson.TryParseDate(node.GetValue<string>(), out var parsed))
        {
            value = parsed;
            return true;
        }

        Error(name, "Not a valid datetime.");
        return false;
    }

    /// <summary>An object, detached from the body; anything else is <paramref name="invalid"/>.</summary>
    public bool Object(string name, out JsonObject? value, bool required = false, Nulls nulls = Nulls.AsAbsent, string invalid = NotObject)
    {
        value = null;
        if (!TryValue(name, required, nulls, out var node, out var answer))
        {
            return answer;
        }

        if (node is not JsonObject obj)
        {
            Error(name, invalid);
            return false;
        }

        value = (JsonObject)obj.DeepClone();
        return true;
    }

    /// <summary>An array (null when absent or JSON null); errors when another kind.</summary>
    public bool Array(string name, out JsonArray? value, bool required = false)
    {
        value = null;
        if (!TryValue(name, required, Nulls.AsAbsent, out var node, out var answer))
        {
            return answer;
        }

        if (node is JsonArray array)
        {
            value = array;
            return true;
        }

        Error(name, "Not a valid list.");
        return false;
    }

    /// <summary>
    /// A reference <c>{"id": n}</c> (a bare number is accepted too); true when present. <paramref name="clear"/> is
    /// true for <c>null</c> and <c>{"id": null}</c> (unassign).
    /// </summary>
    public bool IdRef(string name, out long? id, out bool clear)
    {
        id = null;
        clear = false;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            clear = true;
            return true;
        }

        if (TryInteger(node, out var bare))
        {
            id = bare;
            return true;
        }

        if (node is JsonObject obj)
        {
            foreach (var (key, _) in obj)
            {
                if (key is not ("id" or "name" or "email" or "firstname" or "lastname" or "meta" or "bio" or "decoration" or "uri"))
                {
                    errors.Add($"{prefix}{name}.{key}", "Unknown field.");
                }
            }

            if (!obj.TryGetPropertyValue("id", out var idNode))
            {
                Error(name, "Expected an object with an integer id (assignments take ids), or null.");
                return false;
            }

            if (idNode is null)
            {
                clear = true;
                return true;
            }

            if (TryInteger(idNode, out var value))
            {
                id = value;
                return true;
            }
        }

        Error(name, "Expected an object with an integer id, or null.");
        return false;
    }

    /// <summary>The prefix of an array item's fields: <c>messages.0.</c> (or <c>0.</c> for a top-level array).</summary>
    public static string Index(string name, int index) =>
        (name.Length == 0 ? "" : name + ".") + index.ToString(CultureInfo.InvariantCulture) + ".";

    /// <summary>A JSON integer (no strings, no fractions).</summary>
    public static bool TryInteger(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    /// <summary>
    /// The field's value when there is one to check. Otherwise false, <paramref name="answer"/> being the read's answer
    /// for the absent or null field (its problem added).
    /// </summary>
    private bool TryValue(string name, bool required, Nulls nulls, [NotNullWhen(true)] out JsonNode? node, out bool answer)
    {
        answer = false;
        if (!body.TryGetPropertyValue(name, out node))
        {
            if (required)
            {
                Error(name, Missing);
            }

            return false;
        }

        if (node is not null)
        {
            return true;
        }

        switch (nulls)
        {
            case Nulls.Allowed:
                answer = true;
                break;
            case Nulls.Refused:
                Error(name, NotNull);
                break;
            default:
                if (required)
                {
                    Error(name, Missing);
                }

                break;
        }

        return false;
    }

    /// <summary>A string that <paramref name="valid"/> accepts (else <paramref name="invalid"/>).</summary>
    private bool Checked(string name, out string? value, int maxLength, Nulls nulls, Func<string, bool> valid, string invalid)
    {
        if (!String(name, out value, maxLength, nulls: nulls))
        {
            return false;
        }

        if (value is not null && !valid(value))
        {
            Error(name, invalid);
            value = null;
            return false;
        }

        return true;
    }
}
