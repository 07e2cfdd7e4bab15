using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gorgias.Sandbox.Api;

/// <summary>Reads and checks request bodies so malformed input always gets a clear 400 (or 413), never a 500.</summary>
internal static class RequestBody
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>Reads the body as a JSON object, or returns the error result to answer with.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpContext context, bool allowEmpty = false)
    {
        var (node, error, empty) = await ReadCoreAsync(context, allowEmpty);
        if (error is not null)
        {
            return (null, error);
        }

        return node switch
        {
            null when empty => (new JsonObject(), null),
            JsonObject obj => (obj, null),
            _ => (null, ApiErrors.BadRequest("The request body must be a JSON object.")),
        };
    }

    /// <summary>Reads the body as any JSON value (null when empty and <paramref name="allowEmpty"/>).</summary>
    public static async Task<(JsonNode? Body, IResult? Error)> ReadNodeAsync(HttpContext context, bool allowEmpty = false)
    {
        var (node, error, _) = await ReadCoreAsync(context, allowEmpty);
        return (node, error);
    }

    /// <summary>Reads the body; <c>Empty</c> tells an empty body (allowed) from a literal <c>null</c>.</summary>
    private static async Task<(JsonNode? Body, IResult? Error, bool Empty)> ReadCoreAsync(HttpContext context, bool allowEmpty)
    {
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.SandboxOptions>>()
            .Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return (null, ApiErrors.Error(413, "Payload too large."), false);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, ApiErrors.Error(413, "Payload too large."), false);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return allowEmpty
                ? (null, null, true)
                : (null, ApiErrors.BadRequest("A JSON request body is required."), false);
        }

        var contentType = context.Request.ContentType;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiErrors.Error(415, "The request body must be application/json."), false);
        }

        try
        {
            return (JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), NodeOptions, DocumentOptions), null, false);
        }
        catch (JsonException e)
        {
            return (null, ApiErrors.BadRequest($"The request body is not valid JSON: {e.Message}"), false);
        }
    }

    /// <summary>Adds "Unknown field." for every property not in <paramref name="allowed"/>.</summary>
    public static void RejectUnknown(JsonObject body, IReadOnlySet<string> allowed, FieldErrors errors, string prefix = "")
    {
        foreach (var (name, _) in body)
        {
            if (!allowed.Contains(name))
            {
                errors.Add(prefix + name, "Unknown field.");
            }
        }
    }

    public static bool TryGetString(JsonObject body, string name, FieldErrors errors, out string? value, int maxLength = int.MaxValue)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return false;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(name, "Not a valid string.");
            return false;
        }

        value = node.GetValue<string>();
        if (value.Length > maxLength)
        {
            errors.Add(name, $"Longer than maximum length {maxLength}.");
            value = null;
            return false;
        }

        return true;
    }

    public static bool TryGetBool(JsonObject body, string name, FieldErrors errors, out bool value)
    {
        value = false;
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
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
                errors.Add(name, "Not a valid boolean.");
                return false;
        }
    }

    public static bool TryGetLong(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    /// <summary>Reads <c>{"id": 123}</c> (or a bare number) as an id reference; <c>{"id": null}</c> or null clears.</summary>
    public static bool TryGetIdRef(JsonObject body, string name, FieldErrors errors, out long? id)
    {
        id = null;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            return true;
        }

        if (TryGetLong(node, out var bare))
        {
            id = bare;
            return true;
        }

        if (node is JsonObject obj && obj.TryGetPropertyValue("id", out var idNode))
        {
            if (idNode is null)
            {
                return true;
            }

            if (TryGetLong(idNode, out var value))
            {
                id = value;
                return true;
            }
        }

        errors.Add(name, "Expected an object with an integer id, or null.");
        return false;
    }

    public static bool TryGetDate(JsonObject body, string name, FieldErrors errors, out DateTimeOffset? value)
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

        if (node.GetValueKind() == JsonValueKind.String && Json.GorgiasJson.TryParseDate(node.GetValue<string>(), out var parsed))
        {
            value = parsed;
            return true;
        }

        errors.Add(name, "Not a valid datetime.");
        return false;
    }
}
