using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.Webhooks;

namespace Gorgias.Sandbox.Api.Integrations;

/// <summary>
/// <c>/api/integrations</c>: HTTP integrations (Gorgias' webhooks). List (filter <c>type</c>), create (only
/// <c>type: "http"</c>), get, partial update (<c>deactivated_datetime: null</c> re-enables), delete. Templates in
/// the URL, headers and form are checked when saved (see <see cref="TemplateRenderer"/>).
/// </summary>
internal static class IntegrationEndpoints
{
    /// <summary>The HTTP integration triggers (hyphenated, as the current reference spells them).</summary>
    public static readonly string[] Triggers =
    [
        "ticket-created", "ticket-updated", "ticket-message-created", "ticket-self-unsnoozed", "ticket-message-failed",
        "ticket-assignment-updated", "ticket-status-updated", "ticket-handed-over",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    private static readonly string[] RequestContentTypes = [WebhookRequestBuilder.Json, WebhookRequestBuilder.FormUrlEncoded];

    /// <summary>Native integration types: they exist in Gorgias but are connected through the helpdesk, not this API.</summary>
    private static readonly HashSet<string> NativeTypes = new(StringComparer.Ordinal)
    {
        "aircall", "alloy", "app", "bigcommerce", "email", "facebook", "gmail", "gorgias_chat", "klaviyo", "magento2",
        "outlook", "phone", "recharge", "shopify", "smile", "sms", "smooch", "smooch_inside", "twitter", "whatsapp",
        "yotpo", "zapier", "instagram", "voice",
    };

    private static readonly HashSet<string> TopFields = new(StringComparer.Ordinal)
    {
        "name", "description", "type", "http", "deactivated_datetime",
    };

    private static readonly HashSet<string> HttpFields = new(StringComparer.Ordinal)
    {
        "url", "method", "request_content_type", "response_content_type", "headers", "form", "triggers", "hmac_secret",
    };

    /// <summary>Headers the HTTP client manages itself.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "transfer-encoding", "connection", "expect", "upgrade", "te", "trailer", "keep-alive",
    };

    private const string OnlyHttp = "Only http integrations can be created through the API.";

    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder api)
    {
        var integrations = api.MapGroup("/integrations").RequireScope("integrations");
        integrations.MapGet("/", List);
        integrations.MapPost("/", (Delegate)Create);
        integrations.MapGet("/{id:long}", Get);
        integrations.MapPut("/{id:long}", Update);
        integrations.MapDelete("/{id:long}", Delete);
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ["type"], OrderField.Created, OrderField.Updated);
        var type = http.Request.Query.TryGetValue("type", out var typeText) ? typeText.ToString() : null;
        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        Func<HttpIntegration, bool>? filter = type is null ? null : i => i.Type == type;
        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Integrations, "integrations", request, http.Request, filter, Shapes.WriteIntegration);
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
            return account.Integrations.Find(id) is { } integration
                ? Respond.Ok(w => Shapes.WriteIntegration(w, integration))
                : ApiErrors.NotFound();
        }
    }

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        var input = Read(body!, create: true, errors);
        if (errors.Any)
        {
            return Invalid(errors);
        }

        lock (account.Sync)
        {
            var now = account.Now();
            var integration = new HttpIntegration
            {
                Id = account.Store.Ids.Next(IdKind.Integration),
                Name = input.Name!,
                Url = input.Url!,
                CreatedDatetime = now,
                UpdatedDatetime = now,
                CreatedByClientId = caller.ClientId,
            };
            Apply(integration, input);
            account.Integrations.Add(integration);
            account.RecordEvent("integration-created", "Integration", integration.Id, caller.User.Id);
            return Respond.Created(w => Shapes.WriteIntegration(w, integration));
        }
    }

    private static async Task<IResult> Update(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        var input = Read(body!, create: false, errors);
        lock (account.Sync)
        {
            if (account.Integrations.Find(id) is not { } integration)
            {
                return ApiErrors.NotFound();
            }

            if (errors.Any)
            {
                return Invalid(errors);
            }

            Apply(integration, input);
            account.Integrations.Touch(integration, account.Now());
            account.RecordEvent("integration-updated", "Integration", integration.Id, caller.User.Id);
            return Respond.Ok(w => Shapes.WriteIntegration(w, integration));
        }
    }

    private static IResult Delete(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (!account.Integrations.Remove(id))
            {
                return ApiErrors.NotFound();
            }

            account.RecordEvent("integration-deleted", "Integration", id, caller.User.Id);
            return Respond.Empty(204);
        }
    }

    private static IResult Invalid(FieldErrors errors) =>
        ApiErrors.BadRequest(
            errors.Data.TryGetValue("type", out var typeErrors) && typeErrors.Contains(OnlyHttp) ? OnlyHttp : "Invalid integration.",
            errors);

    /// <summary>What a create or update body asked for; unset members are left alone.</summary>
    private sealed class Input
    {
        public string? Name;
        public bool DescriptionSet;
        public string? Description;
        public string? Url;
        public string? Method;
        public string? RequestContentType;
        public string? ResponseContentType;
        public Dictionary<string, string>? Headers;
        public bool FormSet;
        public JsonNode? Form;
        public Dictionary<string, bool>? Triggers;
        public bool DeactivatedSet;
        public DateTimeOffset? Deactivated;
    }

    private static void Apply(HttpIntegration integration, Input input)
    {
        integration.Name = input.Name ?? integration.Name;
        if (input.DescriptionSet)
        {
            integration.Description = input.Description;
        }

        integration.Url = input.Url ?? integration.Url;
        integration.Method = input.Method ?? integration.Method;
        integration.RequestContentType = input.RequestContentType ?? integration.RequestContentType;
        integration.ResponseContentType = input.ResponseContentType ?? integration.ResponseContentType;
        if (input.Headers is not null)
        {
            integration.Headers = new Dictionary<string, string>(input.Headers, StringComparer.OrdinalIgnoreCase);
        }

        if (input.FormSet)
        {
            integration.Form = input.Form;
        }

        if (input.Triggers is not null)
        {
            integration.Triggers = input.Triggers;
        }

        if (input.DeactivatedSet)
        {
            integration.DeactivatedDatetime = input.Deactivated;
            if (input.Deactivated is null)
            {
                integration.ConsecutiveFailures = 0;
            }
        }
    }

    private static Input Read(JsonObject body, bool create, FieldErrors errors)
    {
        var input = new Input();
        var r = new BodyReader(body, errors);
        r.RejectUnknown(TopFields);
        if (r.String("name", out var name, required: create, nulls: Nulls.Refused))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                r.Error("name", "Must not be empty.");
            }

            input.Name = name;
        }

        input.DescriptionSet = r.String("description", out input.Description, nulls: Nulls.Allowed);
        if (r.String("type", out var type, required: create, nulls: Nulls.Refused) && type != "http")
        {
            r.Error("type", NativeTypes.Contains(type!) || create
                ? OnlyHttp
                : "The type of an integration cannot be changed.");
        }

        input.DeactivatedSet = r.Date("deactivated_datetime", out input.Deactivated);
        if (r.Object("http", out var httpBody, required: create, Nulls.Refused, invalid: "Must be an object.") && httpBody is not null)
        {
            ReadHttp(r.Nested("http", httpBody), create, input);
        }

        return input;
    }

    private static void ReadHttp(BodyReader http, bool create, Input input)
    {
        http.RejectUnknown(HttpFields);
        if (http.String("url", out var url, required: create, nulls: Nulls.Refused))
        {
            if (CheckUrl(url!) is { } urlError)
            {
                http.Error("url", urlError);
            }

            input.Url = url;
        }

        if (http.String("method", out var method, nulls: Nulls.Refused))
        {
            var upper = method!.ToUpperInvariant();
            if (Methods.Contains(upper))
            {
                input.Method = upper;
            }
            else
            {
                http.Error("method", $"Must be one of: {string.Join(", ", Methods)}.");
            }
        }

        if (http.String("request_content_type", out var requestType, nulls: Nulls.Refused))
        {
            var normalised = requestType!.Trim().ToLowerInvariant();
            if (RequestContentTypes.Contains(normalised))
            {
                input.RequestContentType = normalised;
            }
            else
            {
                http.Error("request_content_type", $"Must be one of: {string.Join(", ", RequestContentTypes)}.");
            }
        }

        if (http.String("response_content_type", out var responseType, nulls: Nulls.Refused))
        {
            if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(responseType, out _))
            {
                http.Error("response_content_type", "Not a valid media type.");
            }
            else
            {
                input.ResponseContentType = responseType!.Trim();
            }
        }

        var body = http.Body;
        var errors = http.Errors;
        if (body.TryGetPropertyValue("headers", out var headersNode))
        {
            input.Headers = ReadHeaders(headersNode, errors);
        }

        if (body.TryGetPropertyValue("form", out var form))
        {
            input.FormSet = true;
            input.Form = form?.DeepClone();
            switch (form)
            {
                case null:
                    break;
                case JsonObject formObject:
                    CheckFormTemplates(formObject, "http.form", errors);
                    break;
                case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                    if (TemplateRenderer.Validate(text.GetValue<string>()) is { } formError)
                    {
                        http.Error("form", formError);
                    }

                    break;
                default:
                    http.Error("form", "Must be an object of field → template, a template string, or null.");
                    break;
            }
        }

        if (body.TryGetPropertyValue("triggers", out var triggersNode))
        {
            input.Triggers = ReadTriggers(triggersNode, errors);
        }

        http.String("hmac_secret", out _);
    }

    private static string? CheckUrl(string url)
    {
        if (TemplateRenderer.Validate(url) is { } templateError)
        {
            return templateError;
        }

        if (url.Length > 2048)
        {
            return "Longer than maximum length 2048.";
        }

        var probe = TemplateRenderer.Probe(url, "x");
        return Uri.TryCreate(probe, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? null
            : "Not a valid URL: an absolute http or https URL is required.";
    }

    private static Dictionary<string, string>? ReadHeaders(JsonNode? node, FieldErrors errors)
    {
        if (node is null)
        {
            return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        if (node is not JsonObject headers)
        {
            errors.Add("http.headers", "Must be an object of header name → value.");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            var field = "http.headers." + name;
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                errors.Add(field, "Not a valid header name.");
                continue;
            }

            if (ReservedHeaders.Contains(name))
            {
                errors.Add(field, "This header is set by the HTTP client and cannot be configured.");
                continue;
            }

            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(field, "Not a valid string.");
                continue;
            }

            var text = value.GetValue<string>();
            if (TemplateRenderer.Validate(text) is { } templateError)
            {
                errors.Add(field, templateError);
            }

            if (!result.TryAdd(name, text))
            {
                errors.Add(field, "Duplicate header (names are case-insensitive).");
            }
        }

        return result;
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static void CheckFormTemplates(JsonNode? node, string field, FieldErrors errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    CheckFormTemplates(value, field + "." + name, errors);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckFormTemplates(array[i], $"{field}[{i}]", errors);
                }

                break;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                if (TemplateRenderer.Validate(text.GetValue<string>()) is { } error)
                {
                    errors.Add(field, error);
                }

                break;
        }
    }

    /// <summary>Reads <c>{trigger: bool}</c>; legacy underscore keys (<c>ticket_created</c>) are stored hyphenated.</summary>
    private static Dictionary<string, bool>? ReadTriggers(JsonNode? node, FieldErrors errors)
    {
        if (node is null)
        {
            return new Dictionary<string, bool>(StringComparer.Ordinal);
        }

        if (node is not JsonObject triggers)
        {
            errors.Add("http.triggers", "Must be an object of trigger name → true/false.");
            return null;
        }

        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, value) in triggers)
        {
            var field = "http.triggers." + name;
            var normalised = name.Replace('_', '-');
            if (!Triggers.Contains(normalised))
            {
                errors.Add(field, $"Unknown trigger. Must be one of: {string.Join(", ", Triggers)}.");
                continue;
            }

            if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(field, "Not a valid boolean.");
                continue;
            }

            result[normalised] = value.GetValue<bool>();
        }

        return result;
    }
}
