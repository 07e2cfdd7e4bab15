using System.Net;
using System.Text.Json;

namespace Saas.Gorgias.Api;

/// <summary>
/// The Gorgias REST API refused a request: its status and the <c>error.msg</c> of the body
/// (<c>{"error": {"msg": "...", "data": {...}}}</c>) with the field names of <c>error.data</c>. Never a token.
/// Subclasses name what a caller reacts to differently: <see cref="GorgiasNotFoundException"/> (gone),
/// <see cref="GorgiasRateLimitedException"/> (429 after the retries), <see cref="GorgiasUnavailableException"/>
/// (5xx, timeouts, an open circuit: try later) and <see cref="GorgiasCursorExpiredException"/>.
/// </summary>
public class GorgiasApiException : Exception
{
    public GorgiasApiException()
    {
    }

    public GorgiasApiException(string message)
        : base(message)
    {
    }

    public GorgiasApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GorgiasApiException(HttpMethod method, string path, HttpStatusCode status, string? errorMessage, IReadOnlyList<string> fields)
        : base($"Gorgias answered {(int)status} to {method} {path}{(errorMessage is null ? "" : ": " + errorMessage)}{(fields.Count == 0 ? "" : " (" + string.Join(", ", fields) + ")")}")
    {
        Status = status;
        ErrorMessage = errorMessage;
        Fields = fields;
    }

    /// <summary>The HTTP status; 0 when no answer came (timeout, open circuit).</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Gorgias' <c>error.msg</c>, when the body had one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The fields named in <c>error.data</c> (validation errors).</summary>
    public IReadOnlyList<string> Fields { get; } = [];

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    public bool IsUnauthorized => Status == HttpStatusCode.Unauthorized;

    public bool IsConflict => Status == HttpStatusCode.Conflict;

    /// <summary>Worth trying again later: a rate limit, a server error, a timeout or an open circuit.</summary>
    public virtual bool IsTransient => false;

    internal static async Task<GorgiasApiException> FromResponseAsync(HttpMethod method, string path, HttpResponseMessage response, bool sentCursor, CancellationToken cancellationToken)
    {
        string? message = null;
        var fields = new List<string>();
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    if (error.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String)
                    {
                        message = Shorten(msg.GetString());
                    }

                    if (error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                    {
                        fields.AddRange(data.EnumerateObject().Select(p => p.Name).Take(20));
                    }
                }
                else if (error.ValueKind == JsonValueKind.String)
                {
                    message = Shorten(error.GetString());
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status says enough.
        }

        var status = response.StatusCode;
        return status switch
        {
            HttpStatusCode.NotFound => new GorgiasNotFoundException(method, path, message),
            HttpStatusCode.TooManyRequests => new GorgiasRateLimitedException(method, path, message, RetryAfterOf(response)),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => new GorgiasUnavailableException(method, path, status, message),
            HttpStatusCode.BadRequest when sentCursor && IsExpiredCursor(message, fields) => new GorgiasCursorExpiredException(method, path, message),
            _ => new GorgiasApiException(method, path, status, message, fields),
        };
    }

    /// <summary>Gorgias' <c>Retry-after</c> (whole seconds; an HTTP date is accepted too).</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            // The date form is read against the response's own Date (no Date: unknown, the back-off applies).
            { Date: { } date } when response.Headers.Date is { } sent => date > sent ? date - sent : TimeSpan.Zero,
            _ => null,
        };

    // Gorgias documents cursors as short-lived without naming the error; the sandbox answers 400 "Invalid cursor: it
    // has expired. Start again from the first page." Any 400 about the cursor of a request that sent one counts.
    private static bool IsExpiredCursor(string? message, List<string> fields) =>
        (message?.Contains("cursor", StringComparison.OrdinalIgnoreCase) ?? false) || fields.Contains("cursor");

    private static string? Shorten(string? text) => text is null ? null : text.Length <= 300 ? text : text[..300] + "…";
}
