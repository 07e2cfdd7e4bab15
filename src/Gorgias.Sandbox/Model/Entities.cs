using System.Text.Json.Nodes;

namespace Gorgias.Sandbox.Model;

/// <summary>Something listed with cursor pagination: it has an id and the two datetimes lists order by.</summary>
internal abstract class Entity
{
    public long Id { get; init; }

    /// <summary>Set by its <see cref="EntityTable{T}"/> on every add and touch: tells caches the entity changed.</summary>
    public long Revision { get; set; }

    public DateTimeOffset CreatedDatetime { get; set; }
    public DateTimeOffset UpdatedDatetime { get; set; }
}

internal sealed class User : Entity
{
    public required string Email { get; set; }
    public string Firstname { get; set; } = "";
    public string Lastname { get; set; } = "";
    public string Name => $"{Firstname} {Lastname}".Trim();
    public string Role { get; set; } = "agent";
    public string? Bio { get; set; }
    public string Timezone { get; set; } = "UTC";
    public string Language { get; set; } = "en";
    public bool Active { get; set; } = true;
    public DateTimeOffset? DeactivatedDatetime { get; set; }

    /// <summary>Private-app API key (HTTP Basic email:key).</summary>
    public required string ApiKey { get; set; }
}

internal sealed class Team : Entity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Emoji { get; set; }
    public List<long> MemberIds { get; set; } = [];
}

internal sealed class CustomerChannel
{
    public long Id { get; init; }
    public required string Type { get; set; }
    public required string Address { get; set; }
    public bool Preferred { get; set; }
    public DateTimeOffset CreatedDatetime { get; set; }
    public DateTimeOffset UpdatedDatetime { get; set; }
}

internal sealed class Customer : Entity
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string Firstname { get; set; } = "";
    public string Lastname { get; set; } = "";
    public string? ExternalId { get; set; }
    public string? Language { get; set; }
    public string Timezone { get; set; } = "UTC";
    public string? Note { get; set; }
    public List<CustomerChannel> Channels { get; set; } = [];
    public JsonNode? Data { get; set; }

    /// <summary>The <c>version</c> of the last <c>PUT /api/customers/{id}/data</c> (older versions are ignored).</summary>
    public DateTimeOffset? DataVersion { get; set; }

    public JsonObject Meta { get; set; } = new() { ["name_set_via"] = "email" };
    public List<TicketCustomFieldValue> CustomFields { get; set; } = [];
}

internal sealed class Tag : Entity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Color { get; set; }
    public DateTimeOffset? DeletedDatetime { get; set; }
}

internal sealed class Message : Entity
{
    public long TicketId { get; set; }
    public string? ExternalId { get; set; }
    public string? MessageId { get; set; }
    public bool Public { get; set; } = true;
    public required string Channel { get; set; }
    public required string Via { get; set; }
    public bool FromAgent { get; set; }
    public string? Subject { get; set; }
    public string? BodyText { get; set; }
    public string? BodyHtml { get; set; }

    /// <summary>Sender: a user id when <see cref="FromAgent"/>, else a customer id.</summary>
    public long? SenderId { get; set; }

    /// <summary>Receiver: a customer id for outgoing messages, else null.</summary>
    public long? ReceiverId { get; set; }

    public string? SourceType { get; set; }
    public string? SourceFromAddress { get; set; }
    public string? SourceFromName { get; set; }
    public string? SourceToAddress { get; set; }
    public string? SourceToName { get; set; }
    public long? IntegrationId { get; set; }
    public long? RuleId { get; set; }
    public JsonNode? Meta { get; set; }
    public JsonNode? Headers { get; set; }
    public JsonArray Attachments { get; set; } = [];
    public DateTimeOffset? SentDatetime { get; set; }
    public DateTimeOffset? OpenedDatetime { get; set; }
    public DateTimeOffset? FailedDatetime { get; set; }
    public DateTimeOffset? DeletedDatetime { get; set; }
    public string? LastSendingError { get; set; }
}

internal sealed class TicketCustomFieldValue
{
    public long FieldId { get; init; }
    public JsonNode? Value { get; set; }
}

internal sealed class Ticket : Entity
{
    public string? ExternalId { get; set; }
    public string Status { get; set; } = "open";
    public string Priority { get; set; } = "normal";
    public required string Channel { get; set; }
    public required string Via { get; set; }
    public bool FromAgent { get; set; }
    public bool Spam { get; set; }
    public string? Language { get; set; }
    public string? Subject { get; set; }
    public long? CustomerId { get; set; }
    public long? AssigneeUserId { get; set; }
    public long? AssigneeTeamId { get; set; }
    public List<long> TagIds { get; set; } = [];
    public List<long> MessageIds { get; set; } = [];
    public List<TicketCustomFieldValue> CustomFields { get; set; } = [];
    public JsonNode? Meta { get; set; }
    public bool IsUnread { get; set; } = true;
    public DateTimeOffset? OpenedDatetime { get; set; }
    public DateTimeOffset? LastMessageDatetime { get; set; }
    public DateTimeOffset? LastReceivedMessageDatetime { get; set; }
    public DateTimeOffset? ClosedDatetime { get; set; }
    public DateTimeOffset? SnoozeDatetime { get; set; }
    public DateTimeOffset? TrashedDatetime { get; set; }

    /// <summary>The rendered list item and the stamp of what it was rendered from (see <c>Shapes.WriteTicketListItemCached</c>).</summary>
    public (ListItemStamp Stamp, byte[] Json)? ListItemCache { get; set; }

    /// <summary>Sandbox-only truth from the generator (never in API payloads): the intent the customer expressed.</summary>
    public string? TrueIntent { get; set; }

    /// <summary>Sandbox-only truth from the generator: the ticket was written as urgent.</summary>
    public bool TrueUrgent { get; set; }
}

internal sealed class SatisfactionSurvey : Entity
{
    public long TicketId { get; set; }
    public long CustomerId { get; set; }
    public int? Score { get; set; }
    public string? BodyText { get; set; }
    public JsonNode? Meta { get; set; }
    public DateTimeOffset? ScoredDatetime { get; set; }
    public DateTimeOffset? SentDatetime { get; set; }
    public DateTimeOffset? ShouldSendDatetime { get; set; }
}

internal sealed class CustomField : Entity
{
    public required string ObjectType { get; set; }
    public required string Label { get; set; }
    public string? Description { get; set; }
    public int Priority { get; set; }
    public bool Required { get; set; }
    public string InputType { get; set; } = "dropdown";
    public string DataType { get; set; } = "text";
    public List<string> Choices { get; set; } = [];

    /// <summary>The full <c>definition.input_settings</c> as created through the API (null: written from InputType and Choices).</summary>
    public JsonObject? InputSettings { get; set; }

    public DateTimeOffset? DeactivatedDatetime { get; set; }
}

internal sealed class Event : Entity
{
    public required string Type { get; init; }
    public required string ObjectType { get; init; }
    public long ObjectId { get; init; }
    public long? UserId { get; init; }
    public Guid Context { get; init; }
    public JsonNode? Data { get; init; }
}

internal sealed class HttpIntegration : Entity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string Type { get; set; } = "http";
    public required string Url { get; set; }
    public string Method { get; set; } = "POST";
    public string RequestContentType { get; set; } = "application/json";
    public string ResponseContentType { get; set; } = "application/json";
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body template: a JSON string (a template string) or a JSON object of field → template.</summary>
    public JsonNode? Form { get; set; }

    public Dictionary<string, bool> Triggers { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset? DeactivatedDatetime { get; set; }

    /// <summary>The OAuth app that created it (null when created with an API key or through the UI).</summary>
    public string? CreatedByClientId { get; set; }

    public int ConsecutiveFailures { get; set; }
}

/// <summary>What a ticket's list item is made of: the ticket, its customer, and the rarely changing tags, users and teams.</summary>
internal readonly record struct ListItemStamp(long Ticket, long Customer, long Tags, long Users, long Teams);
