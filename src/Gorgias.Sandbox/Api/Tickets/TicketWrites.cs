using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Tickets;

/// <summary><c>POST /api/tickets</c>, <c>PUT /api/tickets/{id}</c>, <c>DELETE /api/tickets/{id}</c> (reference §2.1).</summary>
internal static class TicketWrites
{
    private const int MaxMessages = 500;

    private static readonly FrozenSet<string> CreateFields = FrozenSet.Create(
        StringComparer.Ordinal,
        "messages", "customer", "channel", "via", "subject", "status", "priority", "language", "external_id", "assignee_user",
        "assignee_team", "tags", "custom_fields", "spam", "meta", "from_agent", "created_datetime", "opened_datetime",
        "closed_datetime", "snooze_datetime", "trashed_datetime", "updated_datetime");

    private static readonly FrozenSet<string> UpdateFields = FrozenSet.Create(
        StringComparer.Ordinal,
        "customer", "channel", "via", "subject", "status", "priority", "language", "external_id", "assignee_user",
        "assignee_team", "tags", "custom_fields", "spam", "meta", "from_agent", "snooze_datetime", "trashed_datetime");

    /// <summary>Fields of the ticket a PUT cannot change: named in the 400 rather than called unknown.</summary>
    private static readonly FrozenSet<string> ReadOnlyFields = FrozenSet.Create(
        StringComparer.Ordinal,
        "id", "uri", "created_datetime", "updated_datetime", "opened_datetime", "closed_datetime", "last_message_datetime",
        "last_received_message_datetime", "messages", "assignee_user_id", "assignee_team_id", "reply_options",
        "satisfaction_survey", "is_unread", "excerpt", "messages_count");

    public static RouteGroupBuilder MapTicketWrites(this RouteGroupBuilder tickets)
    {
        tickets.MapPost("/", (Delegate)Create);
        tickets.MapPut("/{id:long}", Update);
        tickets.MapDelete("/{id:long}", Delete);
        return tickets;
    }

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(CreateFields);
            var drafts = ReadMessages(account, r);
            var customer = TicketInput.ReadParty(account, r, "customer", isUser: false);
            r.Enum("channel", TicketInput.Channels, out var channel);
            r.Enum("via", TicketInput.Vias, out var via);
            r.String("subject", out var subject, 998);
            r.Enum("status", TicketInput.Statuses, out var status);
            r.Enum("priority", TicketInput.Priorities, out var priority);
            r.String("language", out var language, 16);
            r.String("external_id", out var externalId, 255);
            var assigneeUser = ReadAssignee(account, r, "assignee_user", team: false);
            var assigneeTeam = ReadAssignee(account, r, "assignee_team", team: true);
            var tags = TicketInput.ReadTagRefs(account, r, "tags");
            var customFields = ReadCustomFields(account, r);
            r.Bool("spam", out var spam);
            var hasFromAgent = r.Bool("from_agent", out var fromAgent);
            r.Object("meta", out var meta, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping);
            r.Date("created_datetime", out var created);
            r.Date("opened_datetime", out var opened);
            r.Date("closed_datetime", out var closed);
            r.Date("snooze_datetime", out var snooze);
            r.Date("trashed_datetime", out var trashed);
            r.Date("updated_datetime", out var updated);

            // The ticket's customer: given, else the sender of the first incoming message, else the receiver of the first outgoing one.
            var ticketCustomer = customer
                ?? drafts?.FirstOrDefault(d => !d.FromAgent && d.Sender is not null)?.Sender
                ?? drafts?.FirstOrDefault(d => d.FromAgent && d.Receiver is not null)?.Receiver;
            if (drafts is not null && ticketCustomer is null)
            {
                for (var i = 0; i < drafts.Count; i++)
                {
                    if (!drafts[i].FromAgent)
                    {
                        errors.Add(BodyReader.Index("messages", i) + "sender", BodyReader.Missing);
                    }
                }

                if (drafts.Any(d => d.Public && d.FromAgent) && !errors.Any)
                {
                    errors.Add("customer", "Missing data for required field: give a customer, or a receiver on an outgoing message.");
                }
            }

            if (errors.Any || drafts is null)
            {
                return ApiErrors.BadRequest("Failed to create ticket", errors);
            }

            var context = Guid.NewGuid();
            var userId = caller.User.Id;
            var customerId = ticketCustomer is null ? null : TicketInput.ResolveCustomer(account, ticketCustomer, userId, context);
            var tagIds = tags is null ? null : TicketInput.ResolveTags(account, tags, userId, context);
            var messages = drafts.Select(d => TicketInput.Resolve(account, d, userId, context)).ToList();
            var ticket = TicketOperations.CreateTicket(
                account,
                new NewTicket(
                    messages,
                    channel ?? drafts[0].Channel,
                    via ?? drafts[0].Via,
                    CustomerId: customerId,
                    Subject: subject ?? drafts[0].Subject,
                    Status: status ?? "open",
                    Priority: priority ?? "normal",
                    Language: language,
                    ExternalId: externalId,
                    AssigneeUserId: assigneeUser.Id,
                    AssigneeTeamId: assigneeTeam.Id,
                    CreatedDatetime: created,
                    TagIds: tagIds,
                    FromAgent: hasFromAgent ? fromAgent : null,
                    Spam: spam,
                    Meta: meta,
                    CustomFields: customFields,
                    OpenedDatetime: opened,
                    ClosedDatetime: closed,
                    SnoozeDatetime: snooze,
                    TrashedDatetime: trashed,
                    UpdatedDatetime: updated,
                    Context: context),
                userId);
            return Respond.Created(w => Shapes.WriteTicket(w, account, ticket));
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

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(UpdateFields, ReadOnlyFields);
            var customer = TicketInput.ReadParty(account, r, "customer", isUser: false);
            if (r.IsNull("customer"))
            {
                r.Error("customer", "A ticket's customer cannot be removed.");
            }

            var hasChannel = r.Enum("channel", TicketInput.Channels, out var channel);
            var hasVia = r.Enum("via", TicketInput.Vias, out var via);
            var hasSubject = r.String("subject", out var subject, 998, nulls: Nulls.Allowed);
            var hasStatus = r.Enum("status", TicketInput.Statuses, out var status);
            var hasPriority = r.Enum("priority", TicketInput.Priorities, out var priority);
            var hasLanguage = r.String("language", out var language, 16, nulls: Nulls.Allowed);
            var hasExternalId = r.String("external_id", out var externalId, 255, nulls: Nulls.Allowed);
            var assigneeUser = ReadAssignee(account, r, "assignee_user", team: false);
            var assigneeTeam = ReadAssignee(account, r, "assignee_team", team: true);
            var tags = TicketInput.ReadTagRefs(account, r, "tags");
            var customFields = ReadCustomFields(account, r);
            var hasSpam = r.Bool("spam", out var spam);
            var hasFromAgent = r.Bool("from_agent", out var fromAgent);
            var hasMeta = r.Object("meta", out var meta, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping);
            var hasSnooze = r.Date("snooze_datetime", out var snooze);
            var hasTrashed = r.Date("trashed_datetime", out var trashed);
            foreach (var name in new[] { "channel", "via", "status", "priority", "spam", "from_agent" })
            {
                if (r.IsNull(name))
                {
                    r.Error(name, BodyReader.NotNull);
                }
            }

            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update ticket", errors);
            }

            var userId = caller.User.Id;
            var edit = new TicketEdit(account, ticket, userId);
            if (customer is not null)
            {
                edit.SetCustomer(TicketInput.ResolveCustomer(account, customer, userId, edit.Context));
            }

            if (hasChannel)
            {
                edit.SetChannel(channel!);
            }

            if (hasVia)
            {
                edit.SetVia(via!);
            }

            if (hasSubject)
            {
                edit.SetSubject(subject);
            }

            // A snoozed ticket is closed: with a snooze given, the snooze wins over "status": "open".
            if (hasStatus && !(status == "open" && hasSnooze && snooze is not null))
            {
                edit.SetStatus(status!);
            }

            if (hasPriority)
            {
                edit.SetPriority(priority!);
            }

            if (hasLanguage)
            {
                edit.SetLanguage(language);
            }

            if (hasExternalId)
            {
                edit.SetExternalId(externalId);
            }

            if (assigneeUser.Present)
            {
                edit.SetAssigneeUser(assigneeUser.Id);
            }

            if (assigneeTeam.Present)
            {
                edit.SetAssigneeTeam(assigneeTeam.Id);
            }

            if (tags is not null)
            {
                edit.SetTags(TicketInput.ResolveTags(account, tags, userId, edit.Context));
            }

            if (customFields is not null)
            {
                edit.SetCustomFields(customFields, replaceAll: true);
            }

            if (hasSpam)
            {
                edit.SetSpam(spam);
            }

            if (hasFromAgent)
            {
                edit.SetFromAgent(fromAgent);
            }

            if (hasMeta)
            {
                edit.SetMeta(meta);
            }

            if (hasSnooze)
            {
                edit.SetSnooze(snooze);
            }

            if (hasTrashed)
            {
                edit.SetTrashed(trashed);
            }

            edit.Commit();
            return Respond.Ok(w => Shapes.WriteTicket(w, account, ticket));
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
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            foreach (var messageId in ticket.MessageIds)
            {
                account.Messages.Remove(messageId);
            }

            account.Tickets.Remove(id);
            account.RecordEvent("ticket-deleted", "Ticket", id, caller.User.Id);
            return Respond.Empty(204);
        }
    }

    private static List<MessageDraft>? ReadMessages(AccountState account, BodyReader r)
    {
        if (!r.Array("messages", out var array, required: true))
        {
            return null;
        }

        if (array!.Count is < 1 or > MaxMessages)
        {
            r.Error("messages", $"Length must be between 1 and {MaxMessages}.");
            return null;
        }

        var drafts = new List<MessageDraft>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject obj)
            {
                r.Error(BodyReader.Index("messages", i).TrimEnd('.'), BodyReader.NotMapping);
                continue;
            }

            if (TicketInput.ReadMessage(account, new BodyReader(obj, r.Errors, BodyReader.Index("messages", i))) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        return drafts.Count == array.Count ? drafts : null;
    }

    private static List<TicketCustomFieldValue>? ReadCustomFields(AccountState account, BodyReader r)
    {
        if (!r.Array("custom_fields", out var array))
        {
            return r.IsNull("custom_fields") ? [] : null;
        }

        return TicketInput.ReadCustomFieldValues(account, array!, r.Errors, "custom_fields");
    }

    /// <summary>An assignee reference: present or not, and the id (null = unassigned). The user or team must exist.</summary>
    private static (bool Present, long? Id) ReadAssignee(AccountState account, BodyReader r, string name, bool team)
    {
        if (!r.IdRef(name, out var id, out var clear))
        {
            return (false, null);
        }

        if (clear || id is null)
        {
            return (true, null);
        }

        var exists = team ? account.Teams.Contains(id.Value) : account.Users.Contains(id.Value);
        if (!exists)
        {
            r.Error(name, $"{(team ? "Team" : "User")} {id} does not exist.");
            return (false, null);
        }

        return (true, id);
    }
}
