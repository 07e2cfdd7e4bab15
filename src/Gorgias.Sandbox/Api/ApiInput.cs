using System.Text.Json.Nodes;

namespace Gorgias.Sandbox.Api;

/// <summary>The start of a write endpoint: check the query string, then read the JSON object body.</summary>
internal static class ApiInput
{
    /// <summary>
    /// An unknown query parameter is a 400 of its own (<c>"Invalid query parameters."</c>, the body unread); then the
    /// body as in <see cref="RequestBody.ReadObjectAsync"/>.
    /// </summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadAsync(HttpContext http, bool allowEmpty = false, params string[] allowedQuery) =>
        QueryKeys.RejectUnknown(http.Request, allowedQuery) is { } queryError
            ? (null, queryError)
            : await RequestBody.ReadObjectAsync(http, allowEmpty);

    /// <summary>
    /// Unknown query parameters join <paramref name="errors"/>, answered with the body's field problems; a body that
    /// cannot be read (413, 415, not a JSON object) is answered at once.
    /// </summary>
    public static Task<(JsonObject? Body, IResult? Error)> ReadAsync(HttpContext http, FieldErrors errors, bool allowEmpty = false, params string[] allowedQuery)
    {
        QueryKeys.Check(http.Request, errors, allowedQuery);
        return RequestBody.ReadObjectAsync(http, allowEmpty);
    }
}
