using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Tickets;

/// <summary>
/// Ticket messages (reference §2.2): <c>/api/tickets/{id}/messages[/{mid}]</c> and the account-wide <c>GET /api/messages</c>.
/// </summary>
internal static class MessageEndpoints
{
    private static readonly string[] Actions = ["force", "retry", "cancel"];

    private static readonly FrozenSet<string> UpdateFields = FrozenSet.Create(
        StringComparer.Ordinal,
        "body_text", "body_html", "subject", "external_id", "message_id", "meta", "headers", "attachments", "sent_datetime",
        "failed_datetime", "opened_datetime",

        // Accepted so a client can send a message back as it read it; they cannot change (channel, via and from_agent must match).
        "channel", "via", "from_agent", "public", "sender", "receiver", "source", "stripped_text", "stripped_html", "mention_ids",
        "integration_id");

    private static readonly FrozenSet<string> ReadOnlyFields = FrozenSet.Create(
        StringComparer.Ordinal, "id", "uri", "ticket_id", "created_datetime", "deleted_datetime");

    public static RouteGroupBuilder MapTicketMessages(this RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{id:long}/messages", Create);
        tickets.MapGet("/{id:long}/messages", ListForTicket);
        tickets.MapGet("/{id:long}/messages/{messageId:long}", Get);
        tickets.MapPut("/{id:long}/messages/{messageId:long}", Update);
        tickets.MapDelete("/{id:long}/messages/{messageId:long}", Delete);
        return tickets;
    }

    /// <summary><c>GET /api/messages</c>.</summary>
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder api)
    {
        api.MapGet("/messages", List).RequireScope("tickets");
        return api;
    }

    private static async Task<IResult> Create(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request, "action") is { } queryError)
        {
            return queryError;
        }

        if (http.Request.Query.TryGetValue("action", out var action) && !Actions.Contains(action.ToString(), StringComparer.Ordinal))
        {
            return ApiErrors.BadRequest("Invalid query parameters.", "action", "Must be one of: force, retry, cancel.");
        }

        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var draft = TicketInput.ReadMessage(account, new BodyReader(body!, errors));
            if (draft is { FromAgent: false, Sender: null } && ticket.CustomerId is null)
            {
                errors.Add("sender", BodyReader.Missing);
            }

            if (errors.Any || draft is null)
            {
                return ApiErrors.BadRequest("Failed to create message", errors);
            }

            var message = TicketOperations.AddMessage(account, ticket, TicketInput.Resolve(account, draft, caller.User.Id, Guid.NewGuid()), caller.User.Id);
            return Respond.Created(w => Shapes.WriteMessage(w, account, message));
        }
    }

    private static IResult ListForTicket(HttpContext http, long id, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, [], OrderField.Created);
        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            // A table of this ticket's messages only: every page of a walk reads the current messages through it.
            var table = new EntityTable<Message>();
            table.AddRange([.. ticket.MessageIds.Select(account.Messages.Find).OfType<Message>()]);
            return cursors.WritePage(account, table, $"ticket-messages:{id}", request, http.Request, null, (w, m) => Shapes.WriteMessage(w, account, m));
        }
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ["ticket_id"], OrderField.Created);
        ListQuery.TryGetLong(http.Request, "ticket_id", errors, out var ticketId);
        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        Func<Message, bool>? filter = ticketId is { } tid ? m => m.TicketId == tid : null;
        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Messages, "messages", request, http.Request, filter, (w, m) => Shapes.WriteMessage(w, account, m));
        }
    }

    private static IResult Get(HttpContext http, long id, long messageId)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return Find(account, id, messageId) is { } message
                ? Respond.Ok(w => Shapes.WriteMessage(w, account, message))
                : ApiErrors.NotFound();
        }
    }

    private static async Task<IResult> Update(HttpContext http, long id, long messageId)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http, allowEmpty: false, "action");
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (Find(account, id, messageId) is not { } message || account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(UpdateFields, ReadOnlyFields);
            var hasBodyText = r.String("body_text", out var bodyText, nulls: Nulls.Allowed);
            var hasBodyHtml = r.String("body_html", out var bodyHtml, nulls: Nulls.Allowed);
            var hasSubject = r.String("subject", out var subject, 998, nulls: Nulls.Allowed);
            var hasExternalId = r.String("external_id", out var externalId, 255, nulls: Nulls.Allowed);
            var hasMessageId = r.String("message_id", out var rfcMessageId, 998, nulls: Nulls.Allowed);
            var hasMeta = r.Object("meta", out var meta, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping);
            var hasHeaders = r.Object("headers", out var headers, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping);
            var hasAttachments = r.Array("attachments", out var attachments);
            var hasSent = r.Date("sent_datetime", out var sent);
            var hasFailed = r.Date("failed_datetime", out var failed);
            var hasOpened = r.Date("opened_datetime", out var opened);
            r.String("stripped_text", out _);
            r.String("stripped_html", out _);
            if (r.Enum("channel", TicketInput.Channels, out var channel) && channel != message.Channel)
            {
                r.Error("channel", "The channel of a message cannot be changed.");
            }

            if (r.Enum("via", TicketInput.Vias, out var via) && via != message.Via)
            {
                r.Error("via", "The via of a message cannot be changed.");
            }

            if (r.Bool("from_agent", out var fromAgent) && fromAgent != message.FromAgent)
            {
                r.Error("from_agent", "from_agent of a message cannot be changed.");
            }

            if (r.Bool("public", out var isPublic) && isPublic != message.Public)
            {
                r.Error("public", "public of a message cannot be changed.");
            }

            if (attachments?.Any(a => a is not JsonObject) == true)
            {
                r.Error("attachments", "Each attachment must be an object with a url (and name, content_type, size).");
            }

            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update message", errors);
            }

            var changed = new JsonArray();
            Set(changed, "body_text", message.BodyText, hasBodyText, bodyText, v => message.BodyText = v);
            Set(changed, "body_html", message.BodyHtml, hasBodyHtml, bodyHtml, v => message.BodyHtml = v);
            Set(changed, "subject", message.Subject, hasSubject, subject, v => message.Subject = v);
            Set(changed, "external_id", message.ExternalId, hasExternalId, externalId, v => message.ExternalId = v);
            Set(changed, "message_id", message.MessageId, hasMessageId, rfcMessageId, v => message.MessageId = v);
            Set(changed, "sent_datetime", message.SentDatetime, hasSent, sent, v => message.SentDatetime = v);
            Set(changed, "failed_datetime", message.FailedDatetime, hasFailed, failed, v => message.FailedDatetime = v);
            Set(changed, "opened_datetime", message.OpenedDatetime, hasOpened, opened, v => message.OpenedDatetime = v);
            if (hasMeta && !JsonNode.DeepEquals(message.Meta, meta))
            {
                message.Meta = meta;
                changed.Add("meta");
            }

            if (hasHeaders && !JsonNode.DeepEquals(message.Headers, headers))
            {
                message.Headers = headers;
                changed.Add("headers");
            }

            if (hasAttachments && !JsonNode.DeepEquals(message.Attachments, attachments))
            {
                message.Attachments = (JsonArray)attachments!.DeepClone();
                changed.Add("attachments");
            }

            if (changed.Count > 0)
            {
                account.Messages.Touch(message, account.Now());
                var edit = new TicketEdit(account, ticket, caller.User.Id);
                account.RecordEvent(
                    "ticket-message-updated",
                    "TicketMessage",
                    message.Id,
                    caller.User.Id,
                    new JsonObject { ["ticket_id"] = ticket.Id, ["changes"] = changed },
                    edit.Context);
                edit.TouchOnly();
                edit.Commit();
            }

            return Respond.Object(202, w => Shapes.WriteMessage(w, account, message));
        }
    }

    private static IResult Delete(HttpContext http, long id, long messageId)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (Find(account, id, messageId) is not { } message || account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            account.Messages.Remove(message.Id);
            ticket.MessageIds.Remove(message.Id);
            var edit = new TicketEdit(account, ticket, caller.User.Id);
            account.RecordEvent("ticket-message-deleted", "TicketMessage", message.Id, caller.User.Id, new JsonObject { ["ticket_id"] = ticket.Id }, edit.Context);
            edit.TouchOnly();
            edit.Commit();
            return Respond.Empty(204);
        }
    }

    private static Message? Find(AccountState account, long ticketId, long messageId) =>
        account.Messages.Find(messageId) is { } message && message.TicketId == ticketId ? message : null;

    private static void Set<T>(JsonArray changed, string name, T current, bool present, T next, Action<T> assign)
    {
        if (present && !EqualityComparer<T>.Default.Equals(current, next))
        {
            assign(next);
            changed.Add(name);
        }
    }
}
