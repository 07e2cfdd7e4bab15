using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Api.Customers;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.CustomFields;

/// <summary>
/// <c>/api/custom-fields</c>: list (<c>object_type</c> required), create, get, update (label, object_type and
/// definition required, object_type unchangeable), bulk update (<c>[{id, priority, ...}]</c>, for ordering);
/// deactivation through <c>deactivated_datetime</c>. Scope <c>custom_fields</c>.
/// </summary>
internal static class CustomFieldEndpoints
{
    public const int MaxLabelLength = 255;
    public const int MaxDescriptionLength = 1024;
    public const int MaxPriority = 5000;
    public const int MaxChoices = 1000;
    public const int MaxChoiceLength = 255;
    public const int MaxBulk = 100;

    public static readonly string[] ObjectTypes = ["Ticket", "Customer"];
    public static readonly string[] DataTypes = ["text", "number", "boolean"];

    private static readonly HashSet<string> WriteFields = ["label", "object_type", "definition", "required", "priority", "description", "deactivated_datetime"];
    private static readonly HashSet<string> BulkFields = ["id", "label", "object_type", "definition", "required", "priority", "description", "deactivated_datetime"];
    private static readonly HashSet<string> DefinitionFields = ["data_type", "input_settings"];

    public static RouteGroupBuilder MapCustomFields(this RouteGroupBuilder api)
    {
        var fields = api.MapGroup("/custom-fields").RequireScope("custom_fields");
        fields.MapGet("/", List);
        fields.MapPost("/", (Delegate)Create);
        fields.MapPut("/", (Delegate)BulkUpdate);
        fields.MapGet("/{id:long}", Get);
        fields.MapPut("/{id:long}", Update);
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ["object_type"], OrderField.Created, OrderField.Updated);
        string? objectType = null;
        if (!http.Request.Query.TryGetValue("object_type", out var typeText))
        {
            errors.Add("object_type", Fields.Missing);
        }
        else if (!ObjectTypes.Contains(typeText.ToString(), StringComparer.Ordinal))
        {
            errors.Add("object_type", $"Must be one of: {string.Join(", ", ObjectTypes)}.");
        }
        else
        {
            objectType = typeText.ToString();
        }

        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        lock (account.Sync)
        {
            return cursors.WritePage(account, account.CustomFields, "custom-fields", request, http.Request, f => f.ObjectType == objectType, Shapes.WriteCustomField);
        }
    }

    private static IResult Get(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.CustomFields.Find(id) is { } field
                ? Respond.Ok(w => Shapes.WriteCustomField(w, field))
                : ApiErrors.NotFound();
        }
    }

    private sealed record Definition(string DataType, string InputType, List<string> Choices, JsonObject InputSettings);

    private sealed class FieldInput
    {
        public string? Label { get; set; }
        public string? ObjectType { get; set; }
        public Definition? Definition { get; set; }
        public bool? Required { get; set; }
        public int? Priority { get; set; }
        public bool HasDescription { get; set; }
        public string? Description { get; set; }
        public bool HasDeactivated { get; set; }
        public DateTimeOffset? Deactivated { get; set; }
    }

    /// <summary>Parses one field body; <paramref name="prefix"/> names its place in a bulk list (<c>"0."</c>).</summary>
    private static FieldInput ParseField(JsonObject body, FieldErrors errors, IReadOnlySet<string> allowed, bool requireCore, string prefix = "")
    {
        RequestBody.RejectUnknown(body, allowed, errors, prefix);
        if (requireCore)
        {
            Fields.Require(body, "label", errors, prefix + "label");
            Fields.Require(body, "object_type", errors, prefix + "object_type");
            Fields.Require(body, "definition", errors, prefix + "definition");
        }

        var input = new FieldInput();
        if (Fields.TryString(body, "label", errors, out var label, MaxLabelLength, nullable: false, allowEmpty: false, path: prefix + "label"))
        {
            input.Label = label;
        }

        if (Fields.TryString(body, "object_type", errors, out var objectType, 32, nullable: false, path: prefix + "object_type"))
        {
            if (ObjectTypes.Contains(objectType, StringComparer.Ordinal))
            {
                input.ObjectType = objectType;
            }
            else
            {
                errors.Add(prefix + "object_type", $"Must be one of: {string.Join(", ", ObjectTypes)}.");
            }
        }

        if (body.TryGetPropertyValue("definition", out var definition))
        {
            input.Definition = ParseDefinition(definition, errors, prefix + "definition");
        }

        if (Fields.TryBool(body, "required", errors, out var required, prefix + "required"))
        {
            input.Required = required;
        }

        if (Fields.TryLong(body, "priority", errors, out var priority, 0, MaxPriority, nullable: false, path: prefix + "priority"))
        {
            input.Priority = (int?)priority;
        }

        input.HasDescription = Fields.TryString(body, "description", errors, out var description, MaxDescriptionLength, path: prefix + "description");
        input.Description = description;
        if (body.TryGetPropertyValue("deactivated_datetime", out var deactivated))
        {
            if (deactivated is null)
            {
                input.HasDeactivated = true;
            }
            else if (deactivated.GetValueKind() == JsonValueKind.String && GorgiasJson.TryParseDate(deactivated.GetValue<string>(), out var at))
            {
                input.HasDeactivated = true;
                input.Deactivated = at;
            }
            else
            {
                errors.Add(prefix + "deactivated_datetime", "Not a valid datetime.");
            }
        }

        return input;
    }

    private static Definition? ParseDefinition(JsonNode? node, FieldErrors errors, string path)
    {
        if (node is not JsonObject definition)
        {
            errors.Add(path, node is null ? Fields.NotNull : "Not a valid object: expected {\"data_type\", \"input_settings\"}.");
            return null;
        }

        var count = errors.Data.Count;
        RequestBody.RejectUnknown(definition, DefinitionFields, errors, path + ".");
        Fields.Require(definition, "data_type", errors, path + ".data_type");
        Fields.Require(definition, "input_settings", errors, path + ".input_settings");
        Fields.TryString(definition, "data_type", errors, out var dataType, 32, nullable: false, path: path + ".data_type");
        if (dataType is not null && !DataTypes.Contains(dataType, StringComparer.Ordinal))
        {
            errors.Add(path + ".data_type", $"Must be one of: {string.Join(", ", DataTypes)}.");
            dataType = null;
        }

        Fields.TryObject(definition, "input_settings", errors, out var settings, nullable: false, path: path + ".input_settings");
        if (dataType is null || settings is null || errors.Data.Count != count)
        {
            return null;
        }

        var settingsPath = path + ".input_settings";
        Fields.Require(settings, "input_type", errors, settingsPath + ".input_type");
        Fields.TryString(settings, "input_type", errors, out var inputType, 32, nullable: false, path: settingsPath + ".input_type");
        if (inputType is null)
        {
            return null;
        }

        var choices = new List<string>();
        switch (dataType, inputType)
        {
            case ("text", "input"):
                RequestBody.RejectUnknown(settings, new HashSet<string> { "input_type", "placeholder" }, errors, settingsPath + ".");
                Fields.TryString(settings, "placeholder", errors, out _, MaxChoiceLength, path: settingsPath + ".placeholder");
                break;
            case ("text", "dropdown"):
                RequestBody.RejectUnknown(settings, new HashSet<string> { "input_type", "choices", "default", "placeholder" }, errors, settingsPath + ".");
                Fields.TryString(settings, "placeholder", errors, out _, MaxChoiceLength, path: settingsPath + ".placeholder");
                Fields.Require(settings, "choices", errors, settingsPath + ".choices");
                if (settings.TryGetPropertyValue("choices", out var choicesNode))
                {
                    if (choicesNode is not JsonArray array || array.Count == 0 || array.Count > MaxChoices)
                    {
                        errors.Add(settingsPath + ".choices", $"Not a valid list: expected 1 to {MaxChoices} distinct non-empty strings.");
                    }
                    else
                    {
                        for (var i = 0; i < array.Count; i++)
                        {
                            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 and <= MaxChoiceLength } choice
                                && !choices.Contains(choice, StringComparer.Ordinal))
                            {
                                choices.Add(choice);
                            }
                            else
                            {
                                errors.Add($"{settingsPath}.choices.{i}", $"Not a valid choice: a distinct non-empty string of at most {MaxChoiceLength} characters.");
                            }
                        }
                    }
                }

                if (Fields.TryString(settings, "default", errors, out var textDefault, MaxChoiceLength, path: settingsPath + ".default")
                    && textDefault is not null && choices.Count > 0 && !choices.Contains(textDefault, StringComparer.Ordinal))
                {
                    errors.Add(settingsPath + ".default", "Must be one of the choices.");
                }

                break;
            case ("number", "input_number"):
                RequestBody.RejectUnknown(settings, new HashSet<string> { "input_type", "min", "max", "placeholder" }, errors, settingsPath + ".");
                Fields.TryString(settings, "placeholder", errors, out _, MaxChoiceLength, path: settingsPath + ".placeholder");
                var min = Number(settings, "min", errors, settingsPath);
                var max = Number(settings, "max", errors, settingsPath);
                if (min is { } lo && max is { } hi && lo > hi)
                {
                    errors.Add(settingsPath + ".min", "Must be less than or equal to max.");
                }

                break;
            case ("boolean", "dropdown"):
                RequestBody.RejectUnknown(settings, new HashSet<string> { "input_type", "choices", "default" }, errors, settingsPath + ".");
                if (settings.TryGetPropertyValue("choices", out var boolChoices)
                    && (boolChoices is not JsonArray boolArray || boolArray.Any(c => c?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))))
                {
                    errors.Add(settingsPath + ".choices", "Not a valid list of booleans.");
                }

                if (settings.TryGetPropertyValue("default", out var boolDefault) && boolDefault is not null
                    && boolDefault.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(settingsPath + ".default", "Not a valid boolean.");
                }

                break;
            default:
                errors.Add(settingsPath + ".input_type", dataType switch
                {
                    "text" => "Must be one of: input, dropdown.",
                    "number" => "Must be: input_number.",
                    _ => "Must be: dropdown.",
                });
                break;
        }

        return errors.Data.Count != count ? null : new Definition(dataType, inputType, choices, settings);
    }

    private static double? Number(JsonObject settings, string name, FieldErrors errors, string path)
    {
        if (!settings.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add($"{path}.{name}", "Not a valid number.");
        return null;
    }

    private static void Apply(CustomField field, FieldInput input)
    {
        if (input.Label is not null)
        {
            field.Label = input.Label;
        }

        if (input.Definition is { } definition)
        {
            field.DataType = definition.DataType;
            field.InputType = definition.InputType;
            field.Choices = definition.Choices;
            field.InputSettings = definition.InputSettings;
        }

        if (input.Required is { } required)
        {
            field.Required = required;
        }

        if (input.Priority is { } priority)
        {
            field.Priority = priority;
        }

        if (input.HasDescription)
        {
            field.Description = input.Description;
        }

        if (input.HasDeactivated)
        {
            field.DeactivatedDatetime = input.Deactivated;
        }
    }

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, _) = http.Api();
        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors);
        var input = ParseField(body!, errors, WriteFields, requireCore: true);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Failed to create custom field.", errors);
        }

        lock (account.Sync)
        {
            var now = account.Now();
            var field = new CustomField
            {
                Id = account.Store.Ids.Next(IdKind.CustomField),
                ObjectType = input.ObjectType!,
                Label = input.Label!,
                CreatedDatetime = now,
                UpdatedDatetime = now,
            };
            Apply(field, input);
            account.CustomFields.Add(field);
            return Respond.Created(w => Shapes.WriteCustomField(w, field));
        }
    }

    private static async Task<IResult> Update(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors);
        var input = ParseField(body!, errors, WriteFields, requireCore: true);
        lock (account.Sync)
        {
            if (account.CustomFields.Find(id) is not { } field)
            {
                return ApiErrors.NotFound();
            }

            if (input.ObjectType is not null && input.ObjectType != field.ObjectType)
            {
                errors.Add("object_type", $"The object type of a custom field cannot change (this one is {field.ObjectType}).");
            }

            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update custom field.", errors);
            }

            Apply(field, input);
            account.CustomFields.Touch(field, account.Now());
            return Respond.Ok(w => Shapes.WriteCustomField(w, field));
        }
    }

    private static async Task<IResult> BulkUpdate(HttpContext http)
    {
        var (account, _) = http.Api();
        var (body, error) = await RequestBody.ReadNodeAsync(http);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors);
        if (body is not JsonArray array || array.Count == 0 || array.Count > MaxBulk)
        {
            errors.Add("body", $"Expected a list of 1 to {MaxBulk} custom fields: [{{\"id\": ..., \"priority\": ...}}].");
            return ApiErrors.BadRequest("Failed to update custom fields.", errors);
        }

        var updates = new List<(long Id, FieldInput Input, int Index)>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var prefix = $"{i}.";
            if (array[i] is not JsonObject item)
            {
                errors.Add($"{i}", "Not a valid object.");
                continue;
            }

            long fieldId = 0;
            var input = ParseField(item, errors, BulkFields, requireCore: false, prefix);
            if (!item.TryGetPropertyValue("id", out var idNode))
            {
                errors.Add(prefix + "id", Fields.Missing);
            }
            else if (!Fields.TryId(idNode, out fieldId))
            {
                errors.Add(prefix + "id", "Not a valid integer.");
            }
            else if (updates.Any(u => u.Id == fieldId))
            {
                errors.Add(prefix + "id", $"Custom field {fieldId} is listed twice.");
            }
            else
            {
                updates.Add((fieldId, input, i));
            }
        }

        lock (account.Sync)
        {
            var fields = new List<CustomField>(updates.Count);
            foreach (var (fieldId, input, index) in updates)
            {
                if (account.CustomFields.Find(fieldId) is not { } field)
                {
                    errors.Add($"{index}.id", $"Custom field {fieldId} does not exist.");
                    continue;
                }

                if (input.ObjectType is not null && input.ObjectType != field.ObjectType)
                {
                    errors.Add($"{index}.object_type", $"The object type of a custom field cannot change (this one is {field.ObjectType}).");
                }

                fields.Add(field);
            }

            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update custom fields.", errors);
            }

            var now = account.Now();
            for (var i = 0; i < fields.Count; i++)
            {
                Apply(fields[i], updates[i].Input);
                account.CustomFields.Touch(fields[i], now);
            }

            return Respond.Ok(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("data");
                foreach (var field in fields)
                {
                    Shapes.WriteCustomField(w, field);
                }

                w.WriteEndArray();
                w.WriteStartObject("meta");
                w.WriteNull("next_cursor");
                w.WriteNull("prev_cursor");
                w.WriteEndObject();
                w.WriteString("object", "list");
                w.WriteString("uri", "/api/custom-fields");
                w.WriteEndObject();
            });
        }
    }
}
