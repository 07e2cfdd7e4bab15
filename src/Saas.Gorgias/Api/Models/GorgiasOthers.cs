using System.Text.Json;

namespace Saas.Gorgias.Api;

/// <summary>A tag (<c>/api/tags</c>); <see cref="Usage"/> is the number of tickets carrying it.</summary>
public sealed record GorgiasTag(
    long Id,
    string Name,
    string? Description,
    JsonElement? Decoration,
    int? Usage,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? DeletedDatetime,
    string? Uri);

/// <summary>The colour of a tag (<c>decoration: {"color": "#d0021b"}</c>).</summary>
public sealed record GorgiasTagDecoration(string Color);

/// <summary>Body of <c>POST /api/tags</c> and <c>PUT /api/tags/{id}</c> (unset members are not sent).</summary>
public sealed record GorgiasTagWrite(string? Name = null, string? Description = null, GorgiasTagDecoration? Decoration = null);

/// <summary>
/// An entry of the account's event log (<c>/api/events</c>): what changed (<see cref="Type"/>, e.g.
/// <c>ticket-updated</c>), on which object, by whom, with the details in <see cref="Data"/>. Events of one request
/// share a <see cref="Context"/>.
/// </summary>
public sealed record GorgiasEvent(
    long Id,
    string Type,
    string? ObjectType,
    long? ObjectId,
    long? UserId,
    string? Context,
    JsonElement? Data,
    DateTimeOffset CreatedDatetime,
    string? Uri);

/// <summary>The event types and object types the app reads.</summary>
public static class GorgiasEventTypes
{
    public const string TicketCreated = "ticket-created";
    public const string TicketUpdated = "ticket-updated";
    public const string TicketDeleted = "ticket-deleted";
    public const string TicketMessageCreated = "ticket-message-created";
    public const string ObjectTicket = "Ticket";
    public const string ObjectTicketMessage = "TicketMessage";
}

/// <summary>
/// Server-side filters of <c>GET /api/events</c>. The created-datetime bounds are what make an incremental event
/// walk cheap to restart.
/// </summary>
public sealed record GorgiasEventQuery(
    string? ObjectType = null,
    long? ObjectId = null,
    IReadOnlyList<string>? Types = null,
    IReadOnlyList<long>? UserIds = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    DateTimeOffset? CreatedUntil = null,
    bool Descending = false);

/// <summary>A satisfaction survey of a ticket (one per ticket).</summary>
public sealed record GorgiasSatisfactionSurvey(
    long Id,
    long TicketId,
    long CustomerId,
    int? Score,
    string? BodyText,
    JsonElement? Meta,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? ScoredDatetime,
    DateTimeOffset? SentDatetime,
    DateTimeOffset? ShouldSendDatetime,
    string? Uri);

/// <summary>
/// Body of <c>POST /api/satisfaction-surveys</c> and of <c>PUT /api/satisfaction-surveys/{id}</c>, which is a full
/// replacement (members not sent become null).
/// </summary>
public sealed record GorgiasSatisfactionSurveyWrite(
    long TicketId,
    long CustomerId,
    int? Score = null,
    string? BodyText = null,
    JsonElement? Meta = null,
    DateTimeOffset? ScoredDatetime = null,
    DateTimeOffset? SentDatetime = null,
    DateTimeOffset? ShouldSendDatetime = null);

/// <summary>The definition of a custom field: <c>data_type</c> (text, number, boolean) and its input settings.</summary>
public sealed record GorgiasCustomFieldDefinition(string DataType, JsonElement? InputSettings);

/// <summary>A custom field of tickets or customers (<c>/api/custom-fields?object_type=Ticket|Customer</c>).</summary>
public sealed record GorgiasCustomField(
    long Id,
    string Label,
    string ObjectType,
    string? Description,
    GorgiasCustomFieldDefinition? Definition,
    bool? Required,
    int? Priority,
    string? ManagedType,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? UpdatedDatetime,
    DateTimeOffset? DeactivatedDatetime,
    string? Uri)
{
    public bool IsActive => DeactivatedDatetime is null;
}
