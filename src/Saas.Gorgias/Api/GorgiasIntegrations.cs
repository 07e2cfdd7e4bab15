using System.Text.Json.Nodes;

namespace Saas.Gorgias.Api;

/// <summary>The webhook triggers of an HTTP integration (Gorgias' hyphenated keys).</summary>
public static class GorgiasTriggers
{
    public const string TicketCreated = "ticket-created";
    public const string TicketUpdated = "ticket-updated";
    public const string TicketMessageCreated = "ticket-message-created";
}

/// <summary>The <c>http</c> part of an HTTP integration: where and how Gorgias calls, and on which triggers.</summary>
/// <param name="Form">The body template: a JSON string (the whole body, e.g. <c>"{{ticket}}"</c>) or an object of field → template.</param>
public sealed record GorgiasHttpSettings(
    string Url,
    string Method = "POST",
    string RequestContentType = "application/json",
    string ResponseContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null,
    JsonNode? Form = null,
    IReadOnlyDictionary<string, bool>? Triggers = null)
{
    /// <summary>Header values may be secrets (the app's webhook secret): never printed.</summary>
    public override string ToString() =>
        $"GorgiasHttpSettings {{ Url = {Url}, Method = {Method}, Headers = [{string.Join(", ", Headers?.Keys ?? [])}], Triggers = [{string.Join(", ", Triggers?.Where(t => t.Value).Select(t => t.Key) ?? [])}] }}";
}

/// <summary>Body of <c>POST /api/integrations</c> (only <c>type: http</c> can be created through the API).</summary>
public sealed record GorgiasIntegrationRequest(string Name, GorgiasHttpSettings Http, string? Description = null, string Type = "http");

/// <summary>Body of <c>PUT /api/integrations/{id}</c>: a partial update, unset members are left as they are.</summary>
public sealed record GorgiasIntegrationUpdate(string? Name = null, string? Description = null, GorgiasHttpSettings? Http = null);

/// <summary>An integration as Gorgias returns it (unknown fields ignored).</summary>
public sealed record GorgiasIntegration(
    long Id,
    string Name,
    string Type,
    string? Description,
    GorgiasHttpSettings? Http,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? UpdatedDatetime,
    DateTimeOffset? DeactivatedDatetime)
{
    public bool IsActive => DeactivatedDatetime is null;
}
