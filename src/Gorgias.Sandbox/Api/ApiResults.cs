using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;

namespace Gorgias.Sandbox.Api;

/// <summary>A JSON body already written to bytes (under the account lock), sent after the lock is released.</summary>
internal sealed class JsonBytesResult(ReadOnlyMemory<byte> body, int status, string? location = null) : IResult
{
    public int Status => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

/// <summary>A JSON body in a pooled buffer (written under the account lock), sent after the lock and then returned to the pool.</summary>
internal sealed class PooledJsonResult(PooledBufferWriter body, int status, string? location = null) : IResult
{
    public int Status => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (body)
        {
            await new JsonBytesResult(body.WrittenMemory, status, location).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>An empty answer with a status (tag writes answer 201/202/204 without a body).</summary>
internal sealed class EmptyResult(int status) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Gorgias error bodies: <c>{"error":{"msg":"...","data":{"field":["..."]}}}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Error(int status, string msg, IReadOnlyDictionary<string, List<string>>? data = null) =>
        new JsonBytesResult(
            GorgiasJson.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("msg", msg);
                if (data is { Count: > 0 })
                {
                    w.WriteStartObject("data");
                    foreach (var (field, messages) in data)
                    {
                        w.WriteStartArray(field);
                        foreach (var message in messages)
                        {
                            w.WriteStringValue(message);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }),
            status);

    public static IResult NotFound() => Error(404, "Resource not found.");

    public static IResult BadRequest(string msg, FieldErrors? errors = null) => Error(400, msg, errors?.Data);

    public static IResult BadRequest(string msg, string field, string message) =>
        Error(400, msg, new Dictionary<string, List<string>> { [field] = [message] });

    public static IResult Conflict(string msg, FieldErrors? errors = null) => Error(409, msg, errors?.Data);

    public static IResult Conflict(string msg, string field, string message) =>
        Error(409, msg, new Dictionary<string, List<string>> { [field] = [message] });

    public static IResult Unauthorized(string msg = "Authentication required.") => Error(401, msg);

    public static IResult Forbidden(string msg) => Error(403, msg);
}

/// <summary>Per-field validation messages, collected and answered together.</summary>
internal sealed class FieldErrors
{
    public Dictionary<string, List<string>> Data { get; } = new(StringComparer.Ordinal);

    public bool Any => Data.Count > 0;

    public void Add(string field, string message)
    {
        if (!Data.TryGetValue(field, out var list))
        {
            Data[field] = list = [];
        }

        list.Add(message);
    }
}

/// <summary>Writers for the usual answers: one object, or a page of a list.</summary>
internal static class Respond
{
    public static IResult Object(int status, Action<Utf8JsonWriter> write, string? location = null) =>
        new PooledJsonResult(GorgiasJson.BuildPooled(write), status, location);

    public static IResult Ok(Action<Utf8JsonWriter> write) => Object(200, write);

    public static IResult Created(Action<Utf8JsonWriter> write) => Object(201, write);

    public static IResult Node(int status, JsonNode node) =>
        new JsonBytesResult(GorgiasJson.Build(w => node.WriteTo(w)), status);

    public static IResult Empty(int status) => new EmptyResult(status);

    /// <summary>A list envelope: <c>{"data": [...], "meta": {"next_cursor", "prev_cursor"}, "object": "list", "uri"}</c>.</summary>
    public static IResult List<T>(string uri, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem, string? nextCursor = null, string? prevCursor = null) =>
        Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var item in items)
            {
                writeItem(w, item);
            }

            w.WriteEndArray();
            w.WriteStartObject("meta");
            w.WriteStringOrNull("next_cursor", nextCursor);
            w.WriteStringOrNull("prev_cursor", prevCursor);
            w.WriteEndObject();
            w.WriteString("object", "list");
            w.WriteString("uri", uri);
            w.WriteEndObject();
        });
}
