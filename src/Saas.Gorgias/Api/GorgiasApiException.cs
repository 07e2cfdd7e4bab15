using System.Net;
using System.Text.Json;

namespace Saas.Gorgias.Api;

/// <summary>
/// The Gorgias REST API refused a request: its status and the <c>error.msg</c> of the body
/// (<c>{"error": {"msg": "...", "data": {...}}}</c>) with the field names of <c>error.data</c>. Never a token.
/// </summary>
public sealed class GorgiasApiException : Exception
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

    public HttpStatusCode Status { get; }

    /// <summary>Gorgias' <c>error.msg</c>, when the body had one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The fields named in <c>error.data</c> (validation errors).</summary>
    public IReadOnlyList<string> Fields { get; } = [];

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    public bool IsUnauthorized => Status == HttpStatusCode.Unauthorized;

    internal static async Task<GorgiasApiException> FromResponseAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
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

        return new GorgiasApiException(method, path, response.StatusCode, message, fields);
    }

    private static string? Shorten(string? text) => text is null ? null : text.Length <= 300 ? text : text[..300] + "…";
}
