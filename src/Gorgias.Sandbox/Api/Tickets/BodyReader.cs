using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;

namespace Gorgias.Sandbox.Api.Tickets;

/// <summary>
/// Reads the fields of one JSON object of a request body, collecting problems under <c>prefix + field</c>
/// (e.g. <c>messages.0.channel</c>) so nested objects report where the problem is.
/// </summary>
internal readonly struct BodyReader(JsonObject body, FieldErrors errors, string prefix = "")
{
    public const string Missing = "Missing data for required field.";

    public JsonObject Body => body;

    public FieldErrors Errors => errors;

    public string Key(string name) => prefix + name;

    public bool Has(string name) => body.ContainsKey(name);

    public void Error(string name, string message) => errors.Add(prefix + name, message);

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

    /// <summary>A string (null when absent or JSON null); errors when another kind or too long.</summary>
    public bool String(string name, out string? value, int maxLength = int.MaxValue, bool required = false)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error(name, Missing);
            }

            return false;
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

    public bool Bool(string name, out bool value, bool required = false)
    {
        value = false;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error(name, Missing);
            }

            return false;
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

    public bool Long(string name, out long? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return false;
        }

        if (RequestBody.TryGetLong(node, out var parsed))
        {
            value = parsed;
            return true;
        }

        Error(name, "Not a valid integer.");
        return false;
    }

    /// <summary>A datetime; true when present (null included).</summary>
    public bool Date(string name, out DateTimeOffset? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            return true;
        }

        if (node.GetValueKind() == JsonValueKind.String && GorgiasJson.TryParseDate(node.GetValue<string>(), out var parsed))
        {
            value = parsed;
            return true;
        }

        Error(name, "Not a valid datetime.");
        return false;
    }

    /// <summary>An object or null (for <c>meta</c>, <c>headers</c>); true when present.</summary>
    public bool ObjectOrNull(string name, out JsonObject? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            return true;
        }

        if (node is JsonObject obj)
        {
            value = (JsonObject)obj.DeepClone();
            return true;
        }

        Error(name, "Not a valid mapping type.");
        return false;
    }

    /// <summary>An array (null when absent or JSON null); errors when another kind.</summary>
    public bool Array(string name, out JsonArray? value, bool required = false)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error(name, Missing);
            }

            return false;
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

        if (RequestBody.TryGetLong(node, out var bare))
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

            if (RequestBody.TryGetLong(idNode, out var value))
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
}
