using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Webhooks;

/// <summary>An HTTP integration's request templates, copied when the trigger fires.</summary>
internal sealed record IntegrationSnapshot(
    long Id,
    string Url,
    string Method,
    string RequestContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonNode? Form)
{
    /// <summary>Copies the integration's templates; callers hold the account lock.</summary>
    public static IntegrationSnapshot Of(HttpIntegration integration) =>
        new(
            integration.Id,
            integration.Url,
            integration.Method,
            integration.RequestContentType,
            [.. integration.Headers],
            integration.Form?.DeepClone());
}

/// <summary>A rendered webhook request, sent as is on every attempt.</summary>
internal sealed record WebhookRequest(
    string Method,
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType);

/// <summary>
/// Renders an integration's templates against a trigger's context: the URL (values percent-encoded), the header
/// values (as text, line breaks removed) and the body from the form: a form object becomes a JSON object (JSON content
/// type) or <c>key=value&amp;...</c> (form-urlencoded); a form string is the whole body (values JSON-escaped for the
/// JSON content type, raw otherwise). GET and HEAD send no body: a form object goes to the query string.
/// </summary>
internal static class WebhookRequestBuilder
{
    public const string Json = "application/json";
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";

    public static WebhookRequest Build(IntegrationSnapshot integration, TemplateContext context)
    {
        var url = TemplateRenderer.RenderUrl(integration.Url, context);
        var headers = integration.Headers
            .Select(h => new KeyValuePair<string, string>(h.Key, OneLine(TemplateRenderer.RenderText(h.Value, context))))
            .ToList();
        var method = integration.Method.ToUpperInvariant();
        var json = string.Equals(integration.RequestContentType, Json, StringComparison.OrdinalIgnoreCase);
        if (method is "GET" or "HEAD")
        {
            if (integration.Form is JsonObject query && query.Count > 0)
            {
                var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
                url += separator + EncodeForm(query, context);
            }

            return new WebhookRequest(method, url, headers, null, null);
        }

        byte[]? body = integration.Form switch
        {
            null => null,
            JsonObject form when json => Encoding.UTF8.GetBytes(TemplateRenderer.ToJson(TemplateRenderer.RenderJsonValue(form, context))),
            JsonObject form => Encoding.UTF8.GetBytes(EncodeForm(form, context)),
            JsonValue text when text.GetValueKind() == JsonValueKind.String => Encoding.UTF8.GetBytes(json
                ? TemplateRenderer.RenderJsonText(text.GetValue<string>(), context)
                : TemplateRenderer.RenderText(text.GetValue<string>(), context)),
            var other => Encoding.UTF8.GetBytes(TemplateRenderer.ToJson(other)),
        };
        return new WebhookRequest(method, url, headers, body, body is null ? null : integration.RequestContentType);
    }

    /// <summary><c>key=value&amp;...</c>: each value rendered as text (objects and arrays as JSON), both sides form-encoded.</summary>
    private static string EncodeForm(JsonObject form, TemplateContext context)
    {
        var pairs = new List<string>(form.Count);
        foreach (var (name, value) in form)
        {
            var text = value switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => TemplateRenderer.RenderText(v.GetValue<string>(), context),
                var other => TemplateRenderer.ToJson(TemplateRenderer.RenderJsonValue(other, context)),
            };
            pairs.Add(WebUtility.UrlEncode(name) + "=" + WebUtility.UrlEncode(text));
        }

        return string.Join('&', pairs);
    }

    private static string OneLine(string value) =>
        value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
