using System.Net;
using System.Text.Json;

namespace Saas.Gorgias.OAuth;

/// <summary>
/// What Gorgias' token endpoint answered. <see cref="ToString"/> hides the tokens, so a record printed by mistake
/// leaks nothing.
/// </summary>
public sealed record GorgiasTokens(string AccessToken, string? RefreshToken, string? IdToken, string? Scope, int? ExpiresIn)
{
    public override string ToString() =>
        $"GorgiasTokens {{ AccessToken = [hidden], RefreshToken = {(RefreshToken is null ? "none" : "[hidden]")}, Scope = {Scope}, ExpiresIn = {ExpiresIn} }}";

    /// <summary>Reads a successful token response; null when it has no access token.</summary>
    internal static GorgiasTokens? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || Text(root, "access_token") is not { Length: > 0 } access)
        {
            return null;
        }

        int? expiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) ? seconds : null;
        return new GorgiasTokens(access, Text(root, "refresh_token"), Text(root, "id_token"), Text(root, "scope"), expiresIn);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Gorgias' OAuth server refused a request (RFC 6749 §5.2 <c>{"error": "invalid_grant"}</c>), or answered with
/// something that is not an OAuth answer (a 5xx). The message names the endpoint, the status and the error code,
/// never a token or secret.
/// </summary>
public sealed class GorgiasOAuthException : Exception
{
    public GorgiasOAuthException()
    {
        Error = "unknown";
    }

    public GorgiasOAuthException(string message)
        : base(message)
    {
        Error = "unknown";
    }

    public GorgiasOAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "unknown";
    }

    public GorgiasOAuthException(string endpoint, HttpStatusCode status, string? error)
        : base($"Gorgias' {endpoint} endpoint answered {(int)status} {error ?? "(no OAuth error code)"}.")
    {
        Status = status;
        Error = error ?? "unknown";
    }

    public HttpStatusCode Status { get; }

    /// <summary>The OAuth error code (<c>invalid_grant</c>, <c>invalid_client</c>, <c>server_error</c>...), or <c>unknown</c>.</summary>
    public string Error { get; }

    /// <summary>The refresh token (or code) is no longer valid: for a refresh token, the app was uninstalled or revoked.</summary>
    public bool IsInvalidGrant => Error == "invalid_grant";

    /// <summary>The app's own credentials were refused (a wrong client id or secret in the configuration).</summary>
    public bool IsInvalidClient => Error == "invalid_client";

    /// <summary>Reads the OAuth error of a failed answer (the body is read for its <c>error</c> code only).</summary>
    internal static async Task<GorgiasOAuthException> FromResponseAsync(string endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("error", out var code)
                && code.ValueKind == JsonValueKind.String)
            {
                error = OAuthErrorCode(code.GetString());
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status says enough.
        }

        return new GorgiasOAuthException(endpoint, response.StatusCode, error);
    }

    /// <summary>Only the RFC's character set (letters, digits, <c>_</c>, <c>-</c>, <c>.</c>), so nothing odd reaches a log line.</summary>
    private static string? OAuthErrorCode(string? text) =>
        text is { Length: > 0 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? text : null;
}
