using System.Text.Json.Nodes;

namespace Gorgias.Sandbox.Model;

/// <summary>A message to add to a ticket (already validated).</summary>
internal sealed record NewMessage(
    string Channel,
    string Via,
    bool FromAgent,
    bool Public,
    string? BodyText,
    string? BodyHtml,
    long? SenderUserId = null,
    long? SenderCustomerId = null,
    string? Subject = null,
    string? ExternalId = null,
    DateTimeOffset? CreatedDatetime = null,
    DateTimeOffset? SentDatetime = null,
    JsonArray? Attachments = null,
    long? ReceiverCustomerId = null,
    NewMessageSource? Source = null,
    JsonNode? Meta = null,
    JsonNode? Headers = null,
    string? MessageId = null,
    long? IntegrationId = null,
    DateTimeOffset? FailedDatetime = null,
    DateTimeOffset? OpenedDatetime = null);

/// <summary>The <c>source</c> of a message as given by the caller (only the first <c>to</c> address is kept).</summary>
internal sealed record NewMessageSource(string? Type, string? FromAddress, string? FromName, string? ToAddress, string? ToName);

/// <summary>A ticket to create (already validated); the customer is an existing id or found/created by email.</summary>
internal sealed record NewTicket(
    IReadOnlyList<NewMessage> Messages,
    string Channel,
    string Via,
    long? CustomerId = null,
    string? CustomerEmail = null,
    string? CustomerName = null,
    string? Subject = null,
    string Status = "open",
    string Priority = "normal",
    string? Language = null,
    string? ExternalId = null,
    long? AssigneeUserId = null,
    long? AssigneeTeamId = null,
    IReadOnlyList<string>? TagNames = null,
    DateTimeOffset? CreatedDatetime = null,
    IReadOnlyList<long>? TagIds = null,
    bool? FromAgent = null,
    bool Spam = false,
    JsonNode? Meta = null,
    IReadOnlyList<TicketCustomFieldValue>? CustomFields = null,
    DateTimeOffset? OpenedDatetime = null,
    DateTimeOffset? ClosedDatetime = null,
    DateTimeOffset? SnoozeDatetime = null,
    DateTimeOffset? TrashedDatetime = null,
    DateTimeOffset? UpdatedDatetime = null,
    Guid? Context = null);

/// <summary>
/// The mutations shared by the REST API, the control API, the helpdesk UI and the generator. Each records its events
/// and raises the ticket triggers webhooks listen to. Callers hold the account lock.
/// </summary>
internal static class TicketOperations
{
    public static Customer FindOrCreateCustomer(AccountState account, string email, string? name, long? actingUserId, Guid context)
    {
        if (account.CustomerIdsByEmail.TryGetValue(email, out var id) && account.Customers.Find(id) is { } existing)
        {
            return existing;
        }

        var now = account.Now();
        var (first, last) = SplitName(name);
        var customer = new Customer
        {
            Id = account.Store.Ids.Next(IdKind.Customer),
            Email = email,
            Name = name,
            Firstname = first,
            Lastname = last,
            CreatedDatetime = now,
            UpdatedDatetime = now,
            Channels =
            [
                new CustomerChannel
                {
                    Id = account.Store.Ids.Next(IdKind.Channel),
                    Type = "email",
                    Address = email,
                    Preferred = true,
                    CreatedDatetime = now,
                    UpdatedDatetime = now,
                },
            ],
        };
        AddCustomer(account, customer, actingUserId, context);
        return customer;
    }

    public static void AddCustomer(AccountState account, Customer customer, long? actingUserId, Guid context)
    {
        account.Customers.Add(customer);
        if (customer.Email is not null)
        {
            account.CustomerIdsByEmail[customer.Email] = customer.Id;
        }

        account.RecordEvent("customer-created", "Customer", customer.Id, actingUserId, null, context);
    }

    public static (string First, string Last) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ("", "");
        }

        var space = name.Trim().IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (name.Trim(), "") : (name.Trim()[..space], name.Trim()[(space + 1)..]);
    }

    /// <summary>Finds a tag by exact (case-sensitive) name or creates it, recording <c>tag-created</c>.</summary>
    public static Tag FindOrCreateTag(AccountState account, string name, long? actingUserId, Guid context)
    {
        if (account.TagIdsByName.TryGetValue(name, out var id) && account.Tags.Find(id) is { } existing)
        {
            return existing;
        }

        var now = account.Now();
        var tag = new Tag { Id = account.Store.Ids.Next(IdKind.Tag), Name = name, CreatedDatetime = now, UpdatedDatetime = now };
        account.Tags.Add(tag);
        account.TagIdsByName[name] = tag.Id;
        account.RecordEvent("tag-created", "Tag", tag.Id, actingUserId, null, context);
        return tag;
    }

    /// <summary>
    /// Creates a ticket with its messages: events <c>ticket-created</c> and <c>ticket-message-created</c>, and their
    /// triggers. A ticket with a <c>snooze_datetime</c> is snoozed, hence closed (it reopens by itself when the snooze
    /// comes due, see <c>TicketTimerService</c>).
    /// </summary>
    public static Ticket CreateTicket(AccountState account, NewTicket request, long? actingUserId)
    {
        var context = request.Context ?? Guid.NewGuid();
        var now = request.CreatedDatetime ?? account.Now();
        var status = request.SnoozeDatetime is null ? request.Status : "closed";
        Customer? customer = null;
        if (request.CustomerId is { } customerId)
        {
            customer = account.Customers.Find(customerId);
        }
        else if (request.CustomerEmail is not null)
        {
            customer = FindOrCreateCustomer(account, request.CustomerEmail, request.CustomerName, actingUserId, context);
        }

        var ticket = new Ticket
        {
            Id = account.Store.Ids.Next(IdKind.Ticket),
            Channel = request.Channel,
            Via = request.Via,
            Subject = request.Subject,
            Status = status,
            Priority = request.Priority,
            Language = request.Language,
            ExternalId = request.ExternalId,
            CustomerId = customer?.Id,
            AssigneeUserId = request.AssigneeUserId,
            AssigneeTeamId = request.AssigneeTeamId,
            FromAgent = request.FromAgent ?? (request.Messages.Count > 0 && request.Messages[0].FromAgent),
            Spam = request.Spam,
            Meta = request.Meta,
            CreatedDatetime = now,
            UpdatedDatetime = now,
            OpenedDatetime = request.OpenedDatetime,
            ClosedDatetime = status == "closed" ? request.ClosedDatetime ?? now : null,
            SnoozeDatetime = request.SnoozeDatetime,
            TrashedDatetime = request.TrashedDatetime,
            CustomFields = [.. request.CustomFields ?? []],
        };
        foreach (var name in request.TagNames ?? [])
        {
            var tag = FindOrCreateTag(account, name, actingUserId, context);
            if (!ticket.TagIds.Contains(tag.Id))
            {
                ticket.TagIds.Add(tag.Id);
            }
        }

        foreach (var tagId in request.TagIds ?? [])
        {
            if (account.Tags.Contains(tagId) && !ticket.TagIds.Contains(tagId))
            {
                ticket.TagIds.Add(tagId);
            }
        }

        account.Tickets.Add(ticket);
        if (ticket.SnoozeDatetime is { } snooze)
        {
            account.Timers.ScheduleUnsnooze(ticket.Id, snooze);
        }

        var messages = new List<Message>(request.Messages.Count);
        foreach (var m in request.Messages)
        {
            messages.Add(AppendMessage(account, ticket, m with { CreatedDatetime = m.CreatedDatetime ?? now }, customer));
        }

        account.Tickets.Touch(ticket, request.UpdatedDatetime ?? (messages.Count > 0 ? Max(now, messages[^1].CreatedDatetime) : now));
        account.RecordEvent("ticket-created", "Ticket", ticket.Id, actingUserId, null, context);
        account.RaiseTicketTrigger("ticket-created", ticket);
        foreach (var message in messages)
        {
            account.RecordEvent("ticket-message-created", "TicketMessage", message.Id, actingUserId, new JsonObject { ["ticket_id"] = ticket.Id }, context);
        }

        return ticket;
    }

    /// <summary>
    /// Adds a message to an existing ticket: event and trigger <c>ticket-message-created</c>; the ticket is updated. A
    /// customer's message reopens a closed ticket and ends its snooze.
    /// </summary>
    public static Message AddMessage(AccountState account, Ticket ticket, NewMessage request, long? actingUserId)
    {
        var context = Guid.NewGuid();
        var customer = ticket.CustomerId is { } id ? account.Customers.Find(id) : null;
        var message = AppendMessage(account, ticket, request with { CreatedDatetime = request.CreatedDatetime ?? account.Now() }, customer);
        var reopened = false;
        if (!request.FromAgent && ticket.Status == "closed")
        {
            ticket.Status = "open";
            ticket.ClosedDatetime = null;
            reopened = true;
        }

        if (!request.FromAgent)
        {
            ticket.SnoozeDatetime = null;
        }

        account.Tickets.Touch(ticket, Max(account.Now(), message.CreatedDatetime));
        account.RecordEvent("ticket-message-created", "TicketMessage", message.Id, actingUserId, new JsonObject { ["ticket_id"] = ticket.Id }, context);
        if (reopened)
        {
            account.RecordEvent("ticket-reopened", "Ticket", ticket.Id, actingUserId, null, context);
        }

        account.RaiseTicketTrigger("ticket-message-created", ticket, message);
        if (reopened)
        {
            account.RaiseTicketTrigger("ticket-status-updated", ticket);
        }

        return message;
    }

    private static Message AppendMessage(AccountState account, Ticket ticket, NewMessage m, Customer? customer)
    {
        var created = m.CreatedDatetime!.Value;
        var agent = m.FromAgent && m.SenderUserId is { } userId ? account.Users.Find(userId) : null;
        var senderCustomer = !m.FromAgent
            ? (m.SenderCustomerId is { } cid ? account.Customers.Find(cid) : customer)
            : null;
        var receiver = m.ReceiverCustomerId is { } rid ? account.Customers.Find(rid) ?? customer : customer;
        var message = new Message
        {
            Id = account.Store.Ids.Next(IdKind.Message),
            TicketId = ticket.Id,
            Channel = m.Channel,
            Via = m.Via,
            FromAgent = m.FromAgent,
            Public = m.Public,
            BodyText = m.BodyText,
            BodyHtml = m.BodyHtml ?? (m.BodyText is null ? null : "<div>" + System.Net.WebUtility.HtmlEncode(m.BodyText).Replace("\n", "<br>", StringComparison.Ordinal) + "</div>"),
            Subject = m.Subject ?? ticket.Subject,
            ExternalId = m.ExternalId,
            SenderId = m.FromAgent ? agent?.Id : senderCustomer?.Id,
            ReceiverId = m.FromAgent && m.Public ? receiver?.Id : null,
            SourceType = m.Source?.Type ?? (m.Channel is "internal-note" ? "internal-note" : m.Channel == "email" ? "email" : m.Channel),
            SourceFromAddress = m.Source?.FromAddress ?? (m.FromAgent ? $"support@{account.Domain}.example" : senderCustomer?.Email),
            SourceFromName = m.Source?.FromName ?? (m.FromAgent ? "Support" : senderCustomer?.Name ?? ""),
            SourceToAddress = m.Source?.ToAddress ?? (m.FromAgent ? receiver?.Email : $"support@{account.Domain}.example"),
            SourceToName = m.Source?.ToName ?? (m.FromAgent ? receiver?.Name ?? "" : "Support"),
            SentDatetime = m.SentDatetime,
            FailedDatetime = m.FailedDatetime,
            OpenedDatetime = m.OpenedDatetime,
            MessageId = m.MessageId,
            IntegrationId = m.IntegrationId,
            Meta = m.Meta,
            Headers = m.Headers,
            Attachments = m.Attachments ?? [],
            CreatedDatetime = created,
            UpdatedDatetime = created,
        };
        account.Messages.Add(message);
        ticket.MessageIds.Add(message.Id);

        // Creation and sending are decoupled [O R-msg]: an outgoing public message without sent_datetime is sent a
        // moment later by the timer service (which sets sent_datetime, or failed_datetime); with one it is an import.
        if (message is { FromAgent: true, Public: true, SentDatetime: null, FailedDatetime: null })
        {
            account.Timers.ScheduleSend(message.Id, account.Now());
        }

        if (m.Public)
        {
            ticket.LastMessageDatetime = Max(ticket.LastMessageDatetime, created);
            if (!m.FromAgent)
            {
                ticket.LastReceivedMessageDatetime = Max(ticket.LastReceivedMessageDatetime, created);
                ticket.IsUnread = true;
            }
        }

        return message;
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
