using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.CustomFields;

/// <summary>Values of custom fields on a customer (or a ticket): <c>[{"id": field_id, "value": ...}]</c>, checked against the field definitions.</summary>
internal static class CustomFieldValues
{
    public const int MaxTextLength = 1024;

    /// <summary>
    /// Reads an array of <c>{id, value}</c> for fields of <paramref name="objectType"/>. A null value means "clear".
    /// Returns null (with errors) when anything is wrong. Call under the account lock.
    /// </summary>
    public static List<TicketCustomFieldValue>? ReadList(AccountState account, JsonNode? node, string objectType, FieldErrors errors, string path)
    {
        if (node is not JsonArray array)
        {
            errors.Add(path, "Not a valid list: expected [{\"id\": <custom field id>, \"value\": ...}].");
            return null;
        }

        if (array.Count > 200)
        {
            errors.Add(path, "At most 200 custom field values.");
            return null;
        }

        var values = new List<TicketCustomFieldValue>(array.Count);
        var seen = new HashSet<long>();
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.{i}";
            if (array[i] is not JsonObject item)
            {
                errors.Add(itemPath, "Not a valid object.");
                continue;
            }

            var before = errors.Data.Count;
            var r = new BodyReader(item, errors, itemPath + ".");
            r.RejectUnknown(AllowedItemKeys);
            if (!r.Long("id", out var id, required: true) || id is not { } fieldId || !r.Require("value"))
            {
                continue;
            }

            if (!seen.Add(fieldId))
            {
                r.Error("id", $"Custom field {fieldId} is given more than once.");
                continue;
            }

            if (TryValue(account, fieldId, item["value"], objectType, errors, r.Key("value"), out var value) && errors.Data.Count == before)
            {
                values.Add(new TicketCustomFieldValue { FieldId = fieldId, Value = value });
            }
        }

        return errors.Any ? null : values;
    }

    private static readonly HashSet<string> AllowedItemKeys = ["id", "value"];

    /// <summary>Checks one value against the field's definition; <paramref name="normalized"/> is a detached copy (null clears).</summary>
    public static bool TryValue(AccountState account, long fieldId, JsonNode? node, string objectType, FieldErrors errors, string path, out JsonNode? normalized)
    {
        normalized = null;
        if (account.CustomFields.Find(fieldId) is not { } field || field.ObjectType != objectType)
        {
            errors.Add(path, $"Custom field {fieldId} does not exist for object type {objectType}.");
            return false;
        }

        if (field.DeactivatedDatetime is not null)
        {
            errors.Add(path, $"Custom field {fieldId} is deactivated.");
            return false;
        }

        if (node is null)
        {
            return true;
        }

        var kind = node.GetValueKind();
        switch (field.DataType)
        {
            case "number":
                if (kind != JsonValueKind.Number || !node.AsValue().TryGetValue<double>(out var number) || !double.IsFinite(number))
                {
                    errors.Add(path, "Not a valid number.");
                    return false;
                }

                if (field.InputSettings?["min"] is JsonValue minNode && minNode.TryGetValue<double>(out var min) && number < min)
                {
                    errors.Add(path, $"Must be greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}.");
                    return false;
                }

                if (field.InputSettings?["max"] is JsonValue maxNode && maxNode.TryGetValue<double>(out var max) && number > max)
                {
                    errors.Add(path, $"Must be less than or equal to {max.ToString(CultureInfo.InvariantCulture)}.");
                    return false;
                }

                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(path, "Not a valid boolean.");
                    return false;
                }

                break;
            default:
                if (kind != JsonValueKind.String)
                {
                    errors.Add(path, "Not a valid string.");
                    return false;
                }

                var text = node.GetValue<string>();
                if (text.Length > MaxTextLength)
                {
                    errors.Add(path, $"Longer than maximum length {MaxTextLength}.");
                    return false;
                }

                if (field.InputType == "dropdown" && field.Choices.Count > 0 && !field.Choices.Contains(text, StringComparer.Ordinal))
                {
                    errors.Add(path, $"Must be one of the field's choices: {string.Join(", ", field.Choices)}.");
                    return false;
                }

                break;
        }

        normalized = node.DeepClone();
        return true;
    }

    /// <summary>Sets each given value on <paramref name="target"/> (a null value removes it).</summary>
    public static void Apply(List<TicketCustomFieldValue> target, IEnumerable<TicketCustomFieldValue> updates)
    {
        foreach (var update in updates)
        {
            target.RemoveAll(v => v.FieldId == update.FieldId);
            if (update.Value is not null)
            {
                target.Add(new TicketCustomFieldValue { FieldId = update.FieldId, Value = update.Value });
            }
        }
    }

    /// <summary>One value with its field: <c>{"field": {...}, "id": field_id, "value": ...}</c>.</summary>
    public static void WriteValue(Utf8JsonWriter w, AccountState account, TicketCustomFieldValue value)
    {
        w.WriteStartObject();
        if (account.CustomFields.Find(value.FieldId) is { } field)
        {
            w.WritePropertyName("field");
            Shapes.WriteCustomField(w, field);
        }
        else
        {
            w.WriteNull("field");
        }

        w.WriteNumber("id", value.FieldId);
        w.WriteNode("value", value.Value);
        w.WriteEndObject();
    }

    /// <summary>The values as a one-page list envelope (no cursors: every value fits in one page).</summary>
    public static IResult RespondList(AccountState account, IEnumerable<TicketCustomFieldValue> values, string uri)
    {
        var ordered = values
            .Where(v => account.CustomFields.Contains(v.FieldId))
            .OrderBy(v => account.CustomFields.Find(v.FieldId)!.Priority)
            .ThenBy(v => v.FieldId)
            .ToList();
        return Respond.List(uri, ordered, (w, value) => WriteValue(w, account, value));
    }
}
