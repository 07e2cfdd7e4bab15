using System.Text.Json;

namespace Saas.Gorgias.Api;

/// <summary>An address in a message source (<c>{"name", "address"}</c>).</summary>
public sealed record GorgiasAddress(string? Address, string? Name);

/// <summary>Where a message came from and went to (<c>source</c>): type, from, to, cc, bcc.</summary>
public sealed record GorgiasMessageSource(
    string? Type,
    GorgiasAddress? From,
    IReadOnlyList<GorgiasAddress>? To,
    IReadOnlyList<GorgiasAddress>? Cc,
    IReadOnlyList<GorgiasAddress>? Bcc,
    JsonElement? Extra);

/// <summary>An attachment of a message.</summary>
public sealed record GorgiasAttachment(string? Url, string? Name, string? ContentType, long? Size);

/// <summary>
/// A ticket message. <see cref="FromAgent"/> false = from the customer (sender is a customer); an internal note has
/// channel <c>internal-note</c> and <see cref="Public"/> false.
/// </summary>
public sealed record GorgiasMessage(
    long Id,
    long? TicketId,
    string? Uri,
    string? Channel,
    string? Via,
    bool? FromAgent,
    bool? Public,
    string? Subject,
    string? BodyText,
    string? BodyHtml,
    string? StrippedText,
    GorgiasParty? Sender,
    GorgiasParty? Receiver,
    GorgiasMessageSource? Source,
    IReadOnlyList<GorgiasAttachment>? Attachments,
    string? ExternalId,
    string? MessageId,
    long? IntegrationId,
    long? RuleId,
    JsonElement? Meta,
    JsonElement? LastSendingError,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? SentDatetime,
    DateTimeOffset? FailedDatetime,
    DateTimeOffset? OpenedDatetime);

/// <summary>A sender or receiver in a message request: by id or by email.</summary>
public sealed record GorgiasPartyRef(long? Id = null, string? Email = null, string? Name = null);

/// <summary>The source of a message request.</summary>
public sealed record GorgiasMessageSourceRequest(string Type, GorgiasAddress? From = null, IReadOnlyList<GorgiasAddress>? To = null);

/// <summary>
/// Body of <c>POST /api/tickets/{id}/messages</c> and of each message of a new ticket. <c>channel</c>, <c>via</c> and
/// <c>from_agent</c> are required by Gorgias; set <see cref="SentDatetime"/> to import without sending.
/// </summary>
public sealed record GorgiasMessageCreate(
    string Channel,
    string Via,
    bool FromAgent,
    string? BodyText = null,
    string? BodyHtml = null,
    string? Subject = null,
    bool? Public = null,
    GorgiasPartyRef? Sender = null,
    GorgiasPartyRef? Receiver = null,
    GorgiasMessageSourceRequest? Source = null,
    string? ExternalId = null,
    JsonElement? Meta = null,
    DateTimeOffset? CreatedDatetime = null,
    DateTimeOffset? SentDatetime = null);
