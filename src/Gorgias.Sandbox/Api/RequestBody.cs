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
}
