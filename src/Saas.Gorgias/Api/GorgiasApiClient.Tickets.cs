using System.Text.Json.Nodes;
using Saas.Gorgias.Calls;

namespace Saas.Gorgias.Api;

/// <summary>Tickets, their messages, tags and custom field values.</summary>
public sealed partial class GorgiasApiClient
{
    private const string Tickets = "api/tickets";

    /// <summary>
    /// Every ticket (list items: no messages). With <see cref="GorgiasOrder.UpdatedAscending"/> or
    /// <see cref="GorgiasOrder.CreatedAscending"/> the walk restarts from its watermark when a cursor expires.
    /// </summary>
    public IAsyncEnumerable<GorgiasTicket> ListTicketsAsync(GorgiasCaller caller, GorgiasTicketQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new GorgiasTicketQuery();
        var q = new Query()
            .Add("order_by", query.OrderBy)
            .Add("customer_id", query.CustomerId)
            .Add("external_id", query.ExternalId)
            .AddEach("ticket_ids", query.TicketIds, id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("trashed", query.Trashed);
        Func<GorgiasTicket, DateTimeOffset?>? position = query.OrderBy switch
        {
            { Descending: false, Field: "updated_datetime" } => t => t.UpdatedDatetime,
            { Descending: false, Field: "created_datetime" } => t => t.CreatedDatetime,
            _ => null,
        };
        return ListAsync(caller, Tickets, q, t => t.Id, position, cancellationToken);
    }

    /// <summary>One ticket with its messages and custom field values.</summary>
    public Task<GorgiasTicket> GetTicketAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTicket>(caller, HttpMethod.Get, $"{Tickets}/{id}?relationships=custom_fields", null, cancellationToken);

    /// <summary>
    /// A ticket as the raw JSON Gorgias sends (every field, including the ones the typed model leaves out): for
    /// callers that store the ticket as received, e.g. a webhook gap-fill that must look like the webhook's body.
    /// </summary>
    public Task<System.Text.Json.JsonElement> GetTicketJsonAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<System.Text.Json.JsonElement>(caller, HttpMethod.Get, $"api/tickets/{id}", null, cancellationToken);

    public Task<GorgiasTicket> CreateTicketAsync(GorgiasCaller caller, GorgiasTicketCreate ticket, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTicket>(caller, HttpMethod.Post, Tickets, ticket, cancellationToken);

    /// <summary>A partial update (<c>PUT</c>): only the members set change; tags and custom fields replace the set.</summary>
    public Task<GorgiasTicket> UpdateTicketAsync(GorgiasCaller caller, long id, GorgiasTicketUpdate update, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTicket>(caller, HttpMethod.Put, $"{Tickets}/{id}", update, cancellationToken);

    /// <summary>Deletes a ticket and its messages; false when it did not exist.</summary>
    public Task<bool> DeleteTicketAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        DeleteAsync(caller, $"{Tickets}/{id}", cancellationToken);

    /// <summary>The messages of one ticket, oldest first.</summary>
    public IAsyncEnumerable<GorgiasMessage> ListTicketMessagesAsync(GorgiasCaller caller, long ticketId, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasMessage>(caller, $"{Tickets}/{ticketId}/messages", new Query().Add("order_by", GorgiasOrder.CreatedAscending), m => m.Id, m => m.CreatedDatetime, cancellationToken);

    /// <summary>Every message of the account (or of one ticket), oldest first, restartable from its watermark.</summary>
    public IAsyncEnumerable<GorgiasMessage> ListMessagesAsync(GorgiasCaller caller, long? ticketId = null, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasMessage>(caller, "api/messages", new Query().Add("ticket_id", ticketId).Add("order_by", GorgiasOrder.CreatedAscending), m => m.Id, m => m.CreatedDatetime, cancellationToken);

    public Task<GorgiasMessage> GetMessageAsync(GorgiasCaller caller, long ticketId, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasMessage>(caller, HttpMethod.Get, $"{Tickets}/{ticketId}/messages/{id}", null, cancellationToken);

    /// <summary>Adds a message to a ticket (a reply, an incoming message or an internal note). Not retried after a 5xx: it may have been created.</summary>
    public Task<GorgiasMessage> CreateMessageAsync(GorgiasCaller caller, long ticketId, GorgiasMessageCreate message, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasMessage>(caller, HttpMethod.Post, $"{Tickets}/{ticketId}/messages", message, cancellationToken);

    /// <summary>The tags of a ticket.</summary>
    public Task<IReadOnlyList<GorgiasTag>> ListTicketTagsAsync(GorgiasCaller caller, long ticketId, CancellationToken cancellationToken = default) =>
        ListOnePageAsync<GorgiasTag>(caller, $"{Tickets}/{ticketId}/tags", cancellationToken);

    /// <summary>Adds tags (by id and/or name; missing names are created). Idempotent, so retried like a PUT.</summary>
    public Task AddTicketTagsAsync(GorgiasCaller caller, long ticketId, GorgiasTicketTags tags, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(caller, HttpMethod.Post, $"{Tickets}/{ticketId}/tags", tags, cancellationToken);

    /// <summary>Replaces the ticket's tags (an empty <paramref name="tags"/> clears them).</summary>
    public Task ReplaceTicketTagsAsync(GorgiasCaller caller, long ticketId, GorgiasTicketTags tags, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(caller, HttpMethod.Put, $"{Tickets}/{ticketId}/tags", tags, cancellationToken);

    /// <summary>Removes tags from the ticket (names no tag has are ignored).</summary>
    public Task RemoveTicketTagsAsync(GorgiasCaller caller, long ticketId, GorgiasTicketTags tags, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(caller, HttpMethod.Delete, $"{Tickets}/{ticketId}/tags", tags, cancellationToken);

    /// <summary>The ticket's custom field values, each with its field.</summary>
    public Task<IReadOnlyList<GorgiasTicketFieldValue>> ListTicketFieldValuesAsync(GorgiasCaller caller, long ticketId, CancellationToken cancellationToken = default) =>
        ListOnePageAsync<GorgiasTicketFieldValue>(caller, $"{Tickets}/{ticketId}/custom-fields", cancellationToken);

    /// <summary>Sets the given custom field values (null clears one) and keeps the others.</summary>
    public async Task<IReadOnlyList<GorgiasTicketFieldValue>> SetTicketFieldValuesAsync(GorgiasCaller caller, long ticketId, IReadOnlyList<GorgiasFieldValueRequest> values, CancellationToken cancellationToken = default) =>
        (await SendAsync<GorgiasPage<GorgiasTicketFieldValue>>(caller, HttpMethod.Put, $"{Tickets}/{ticketId}/custom-fields", values, cancellationToken)).Data;

    /// <summary>Sets one custom field value of the ticket.</summary>
    public Task<GorgiasTicketFieldValue> SetTicketFieldValueAsync(GorgiasCaller caller, long ticketId, long fieldId, JsonNode? value, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasTicketFieldValue>(caller, HttpMethod.Put, $"{Tickets}/{ticketId}/custom-fields/{fieldId}", new FieldValueBody(value), cancellationToken);

    /// <summary>Clears one custom field value of the ticket; false when the ticket or value did not exist.</summary>
    public Task<bool> ClearTicketFieldValueAsync(GorgiasCaller caller, long ticketId, long fieldId, CancellationToken cancellationToken = default) =>
        DeleteAsync(caller, $"{Tickets}/{ticketId}/custom-fields/{fieldId}", cancellationToken);

    private sealed record FieldValueBody([property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] JsonNode? Value);
}
