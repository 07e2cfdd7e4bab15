using System.Text.Json;
using System.Text.Json.Nodes;
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
            errors.Add("object_type", BodyReader.Missing);
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
        var r = new BodyReader(body, errors, prefix);
        r.RejectUnknown(allowed);
        var input = new FieldInput();
        if (r.String("label", out var label, MaxLabelLength, requireCore, Nulls.Refused, allowEmpty: false))
        {
            input.Label = label;
        }

        if (r.String("object_type", out var objectType, 32, requireCore, Nulls.Refused))
        {
            if (ObjectTypes.Contains(objectType, StringComparer.Ordinal))
            {
                input.ObjectType = objectType;
            }
            else
            {
                r.Error("object_type", $"Must be one of: {string.Join(", ", ObjectTypes)}.");
            }
        }

        if (body.TryGetPropertyValue("definition", out var definition))
        {
            input.Definition = ParseDefinition(definition, errors, r.Key("definition"));
        }
        else if (requireCore)
        {
            r.Error("definition", BodyReader.Missing);
        }

        if (r.Bool("required", out var required, nulls: Nulls.Refused))
        {
            input.Required = required;
        }

        if (r.Long("priority", out var priority, 0, MaxPriority, nulls: Nulls.Refused))
        {
            input.Priority = (int?)priority;
        }

        input.HasDescription = r.String("description", out var description, MaxDescriptionLength, nulls: Nulls.Allowed);
        input.Description = description;
        input.HasDeactivated = r.Date("deactivated_datetime", out var deactivated);
        input.Deactivated = deactivated;
        return input;
    }

    private static Definition? ParseDefinition(JsonNode? node, FieldErrors errors, string path)
    {
        if (node is not JsonObject definition)
        {
            errors.Add(path, node is null ? BodyReader.NotNull : "Not a valid object: expected {\"data_type\", \"input_settings\"}.");
            return null;
        }

        var count = errors.Data.Count;
        var r = new BodyReader(definition, errors, path + ".");
        r.RejectUnknown(DefinitionFields);
        r.String("data_type", out var dataType, 32, required: true, Nulls.Refused);
        if (dataType is not null && !DataTypes.Contains(dataType, StringComparer.Ordinal))
        {
            r.Error("data_type", $"Must be one of: {string.Join(", ", DataTypes)}.");
            dataType = null;
        }

        r.Object("input_settings", out var settings, required: true, Nulls.Refused);
        if (dataType is null || settings is null || errors.Data.Count != count)
        {
            return null;
        }

        var s = r.Nested("input_settings", settings);
        s.String("input_type", out var inputType, 32, required: true, Nulls.Refused);
        if (inputType is null)
        {
            return null;
        }

        var choices = new List<string>();
        switch (dataType, inputType)
        {
            case ("text", "input"):
                s.RejectUnknown(new HashSet<string> { "input_type", "placeholder" });
                s.String("placeholder", out _, MaxChoiceLength, nulls: Nulls.Allowed);
                break;
            case ("text", "dropdown"):
                s.RejectUnknown(new HashSet<string> { "input_type", "choices", "default", "placeholder" });
                s.String("placeholder", out _, MaxChoiceLength, nulls: Nulls.Allowed);
                if (s.Require("choices"))
                {
                    if (settings["choices"] is not JsonArray array || array.Count == 0 || array.Count > MaxChoices)
                    {
                        s.Error("choices", $"Not a valid list: expected 1 to {MaxChoices} distinct non-empty strings.");
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
                                s.Error($"choices.{i}", $"Not a valid choice: a distinct non-empty string of at most {MaxChoiceLength} characters.");
                            }
                        }
                    }
                }

                if (s.String("default", out var textDefault, MaxChoiceLength, nulls: Nulls.Allowed)
                    && textDefault is not null && choices.Count > 0 && !choices.Contains(textDefault, StringComparer.Ordinal))
                {
                    s.Error("default", "Must be one of the choices.");
                }

                break;
            case ("number", "input_number"):
                s.RejectUnknown(new HashSet<string> { "input_type", "min", "max", "placeholder" });
                s.String("placeholder", out _, MaxChoiceLength, nulls: Nulls.Allowed);
                var min = Number(s, "min");
                var max = Number(s, "max");
                if (min is { } lo && max is { } hi && lo > hi)
                {
                    s.Error("min", "Must be less than or equal to max.");
                }

                break;
            case ("boolean", "dropdown"):
                s.RejectUnknown(new HashSet<string> { "input_type", "choices", "default" });
                if (settings.TryGetPropertyValue("choices", out var boolChoices)
                    && (boolChoices is not JsonArray boolArray || boolArray.Any(c => c?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))))
                {
                    s.Error("choices", "Not a valid list of booleans.");
                }

                if (settings.TryGetPropertyValue("default", out var boolDefault) && boolDefault is not null
                    && boolDefault.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    s.Error("default", "Not a valid boolean.");
                }

                break;
            default:
                s.Error("input_type", dataType switch
                {
                    "text" => "Must be one of: input, dropdown.",
                    "number" => "Must be: input_number.",
                    _ => "Must be: dropdown.",
                });
                break;
        }

        return errors.Data.Count != count ? null : new Definition(dataType, inputType, choices, settings);
    }

    private static double? Number(BodyReader settings, string name)
    {
        if (!settings.Body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var value) && double.IsFinite(value))
        {
            return value;
        }

        settings.Error(name, "Not a valid number.");
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
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

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
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

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
        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors);
        var (body, error) = await RequestBody.ReadNodeAsync(http);
        if (error is not null)
        {
            return error;
        }

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
                errors.Add(prefix + "id", BodyReader.Missing);
            }
            else if (!BodyReader.TryInteger(idNode, out fieldId))
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

            return Respond.List("/api/custom-fields", fields, Shapes.WriteCustomField);
        }
    }
}
