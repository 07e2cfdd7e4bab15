using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Saas.Gorgias.Api;

/// <summary>
/// A ticket as Gorgias returns it: the full object of <c>GET /api/tickets/{id}</c> (with <c>messages</c>), the
/// slimmer list item (<c>messages_count</c>, <c>excerpt</c>), or the webhook's <c>{{ticket}}</c> context (with
/// <c>account</c>, <c>first_message</c>, <c>last_message</c>). Members absent from a shape are null.
/// </summary>
public sealed record GorgiasTicket(
    long Id,
    string? Uri,
    string? ExternalId,
    string? Status,
    string? Priority,
    string? Channel,
    string? Via,
    bool? FromAgent,
    bool? Spam,
    string? Subject,
    string? Language,
    string? Excerpt,
    int? MessagesCount,
    bool? IsUnread,
    GorgiasCustomer? Customer,
    GorgiasParty? AssigneeUser,
    long? AssigneeUserId,
    GorgiasTeamRef? AssigneeTeam,
    long? AssigneeTeamId,
    IReadOnlyList<GorgiasTagRef>? Tags,
    IReadOnlyDictionary<string, GorgiasCustomFieldValue>? CustomFields,
    IReadOnlyList<GorgiasMessage>? Messages,
    GorgiasMessage? FirstMessage,
    GorgiasMessage? LastMessage,
    GorgiasWebhookAccount? Account,
    JsonElement? SatisfactionSurvey,
    JsonElement? Meta,
    JsonElement? ReplyOptions,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? OpenedDatetime,
    DateTimeOffset? UpdatedDatetime,
    DateTimeOffset? ClosedDatetime,
    DateTimeOffset? SnoozeDatetime,
    DateTimeOffset? TrashedDatetime,
    DateTimeOffset? LastMessageDatetime,
    DateTimeOffset? LastReceivedMessageDatetime);

/// <summary>The <c>account</c> of a webhook's ticket context.</summary>
public sealed record GorgiasWebhookAccount(string Domain);

/// <summary>A tag as embedded in a ticket.</summary>
public sealed record GorgiasTagRef(long Id, string Name, JsonElement? Decoration);

/// <summary>A custom field value as embedded in a ticket (<c>custom_fields: {"4001": {"id": 4001, "value": ...}}</c>).</summary>
public sealed record GorgiasCustomFieldValue(long Id, JsonElement? Value);

/// <summary>One row of <c>GET /api/tickets/{id}/custom-fields</c>: the field's id, its definition and the value.</summary>
public sealed record GorgiasTicketFieldValue(long Id, JsonElement? Value, GorgiasCustomField? Field);

/// <summary>A value to set: <c>{"id": field_id, "value": v}</c>; a null value clears it.</summary>
public sealed record GorgiasFieldValueRequest(
    long Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? Value);

/// <summary>A reference by id in a request (<c>{"id": 12}</c>); <c>new(null)</c> sends <c>{"id": null}</c>, which unassigns.</summary>
public sealed record GorgiasIdRef([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Id);

/// <summary>A tag in a ticket request: by id or by name (created when missing).</summary>
public sealed record GorgiasTagRequest(long? Id = null, string? Name = null);

/// <summary>The customer of a new ticket: an existing one by id, or found/created by email.</summary>
public sealed record GorgiasCustomerRef(long? Id = null, string? Email = null, string? Name = null);

/// <summary>Body of <c>POST /api/tickets</c>: at least one message.</summary>
public sealed record GorgiasTicketCreate(
    IReadOnlyList<GorgiasMessageCreate> Messages,
    GorgiasCustomerRef? Customer = null,
    string? Channel = null,
    string? Via = null,
    string? Subject = null,
    string? Status = null,
    string? Priority = null,
    string? Language = null,
    string? ExternalId = null,
    GorgiasIdRef? AssigneeUser = null,
    GorgiasIdRef? AssigneeTeam = null,
    IReadOnlyList<GorgiasTagRequest>? Tags = null,
    IReadOnlyList<GorgiasFieldValueRequest>? CustomFields = null,
    bool? Spam = null,
    JsonElement? Meta = null,
    bool? FromAgent = null,
    DateTimeOffset? CreatedDatetime = null);

/// <summary>
/// Body of <c>PUT /api/tickets/{id}</c>: partial, only the members set are sent. <see cref="Tags"/> and
/// <see cref="CustomFields"/> replace the whole set; <c>AssigneeUser = new(null)</c> unassigns.
/// </summary>
public sealed record GorgiasTicketUpdate(
    string? Status = null,
    string? Priority = null,
    string? Subject = null,
    string? Language = null,
    string? Channel = null,
    string? Via = null,
    string? ExternalId = null,
    GorgiasCustomerRef? Customer = null,
    GorgiasIdRef? AssigneeUser = null,
    GorgiasIdRef? AssigneeTeam = null,
    IReadOnlyList<GorgiasTagRequest>? Tags = null,
    IReadOnlyList<GorgiasFieldValueRequest>? CustomFields = null,
    bool? Spam = null,
    JsonElement? Meta = null,
    DateTimeOffset? SnoozeDatetime = null,
    DateTimeOffset? TrashedDatetime = null);

/// <summary>Filters of <c>GET /api/tickets</c> (Gorgias has no status/channel/date filter on tickets).</summary>
public sealed record GorgiasTicketQuery(
    GorgiasOrder? OrderBy = null,
    long? CustomerId = null,
    string? ExternalId = null,
    IReadOnlyList<long>? TicketIds = null,
    bool? Trashed = null);

/// <summary>Body of the ticket tag writes (<c>POST</c> adds, <c>PUT</c> replaces, <c>DELETE</c> removes): ids and/or names.</summary>
public sealed record GorgiasTicketTags(IReadOnlyList<long>? Ids = null, IReadOnlyList<string>? Names = null);

/// <summary>A list order (<c>field:asc|desc</c>); the incremental walks use <see cref="UpdatedAscending"/> and <see cref="CreatedAscending"/>.</summary>
public readonly record struct GorgiasOrder(string Field, bool Descending)
{
    public static GorgiasOrder CreatedAscending => new("created_datetime", false);

    public static GorgiasOrder CreatedDescending => new("created_datetime", true);

    public static GorgiasOrder UpdatedAscending => new("updated_datetime", false);

    public static GorgiasOrder UpdatedDescending => new("updated_datetime", true);

    public override string ToString() => Field + (Descending ? ":desc" : ":asc");
}
