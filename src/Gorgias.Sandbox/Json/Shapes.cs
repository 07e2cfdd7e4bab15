using System.Text.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Json;

/// <summary>
/// The wire shapes of every resource, written to match the Gorgias API and the captured payload in
/// <c>shared/reference/samples/ticket-webhook-payload.json</c>: nulls present rather than keys missing, uri with a
/// trailing slash, list items slimmer than single gets. Callers hold the account lock.
/// </summary>
internal static class Shapes
{
    public static void WriteUserRef(Utf8JsonWriter w, User u)
    {
        w.WriteStartObject();
        w.WriteStringOrNull("bio", u.Bio);
        w.WriteString("email", u.Email);
        w.WriteString("firstname", u.Firstname);
        w.WriteNumber("id", u.Id);
        w.WriteString("lastname", u.Lastname);
        w.WriteStartObject("meta");
        w.WriteString("name_set_via", "agent");
        w.WriteEndObject();
        w.WriteString("name", u.Name);
        w.WriteEndObject();
    }

    public static void WriteUser(Utf8JsonWriter w, User u)
    {
        w.WriteStartObject();
        w.WriteBoolean("active", u.Active);
        w.WriteStringOrNull("bio", u.Bio);
        w.WriteDate("created_datetime", u.CreatedDatetime);
        w.WriteDate("deactivated_datetime", u.DeactivatedDatetime);
        w.WriteString("email", u.Email);
        w.WriteNull("external_id");
        w.WriteString("firstname", u.Firstname);
        w.WriteNumber("id", u.Id);
        w.WriteString("language", u.Language);
        w.WriteString("lastname", u.Lastname);
        w.WriteStartObject("meta");
        w.WriteString("name_set_via", "agent");
        w.WriteEndObject();
        w.WriteString("name", u.Name);
        w.WriteStartObject("role");
        w.WriteString("name", u.Role);
        w.WriteEndObject();
        w.WriteString("timezone", u.Timezone);
        w.WriteDate("updated_datetime", u.UpdatedDatetime);
        w.WriteString("uri", $"/api/users/{u.Id}/");
        w.WriteEndObject();
    }

    public static void WriteTeamRef(Utf8JsonWriter w, Team t)
    {
        w.WriteStartObject();
        w.WriteNull("decoration");
        w.WriteNumber("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteEndObject();
    }

    public static void WriteTeam(Utf8JsonWriter w, AccountState account, Team t)
    {
        w.WriteStartObject();
        w.WriteDate("created_datetime", t.CreatedDatetime);
        if (t.Emoji is null)
        {
            w.WriteNull("decoration");
        }
        else
        {
            w.WriteStartObject("decoration");
            w.WriteString("emoji", t.Emoji);
            w.WriteEndObject();
        }

        w.WriteStringOrNull("description", t.Description);
        w.WriteNumber("id", t.Id);
        w.WriteStartArray("members");
        foreach (var memberId in t.MemberIds)
        {
            if (account.Users.Find(memberId) is { } member)
            {
                w.WriteStartObject();
                w.WriteString("email", member.Email);
                w.WriteNumber("id", member.Id);
                w.WriteStartObject("meta");
                w.WriteString("name_set_via", "agent");
                w.WriteEndObject();
                w.WriteString("name", member.Name);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteString("name", t.Name);
        w.WriteDate("updated_datetime", t.UpdatedDatetime);
        w.WriteString("uri", $"/api/teams/{t.Id}/");
        w.WriteEndObject();
    }

    private static void WriteChannels(Utf8JsonWriter w, Customer c)
    {
        w.WriteStartArray("channels");
        foreach (var ch in c.Channels)
        {
            w.WriteStartObject();
            w.WriteString("address", ch.Address);
            w.WriteDate("created_datetime", ch.CreatedDatetime);
            w.WriteStartObject("customer");
            w.WriteNumber("id", c.Id);
            w.WriteStringOrNull("name", c.Name);
            w.WriteEndObject();
            w.WriteNull("deleted_datetime");
            w.WriteNumber("id", ch.Id);
            w.WriteBoolean("preferred", ch.Preferred);
            w.WriteString("type", ch.Type);
            w.WriteDate("updated_datetime", ch.UpdatedDatetime);
            w.WriteStartObject("user");
            w.WriteNumber("id", c.Id);
            w.WriteStringOrNull("name", c.Name);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The customer as embedded in a ticket (the sample's <c>customer</c>).</summary>
    public static void WriteCustomerInTicket(Utf8JsonWriter w, Customer c)
    {
        w.WriteStartObject();
        WriteChannels(w, c);
        w.WriteNull("customer");
        w.WriteNode("data", c.Data);
        w.WriteStringOrNull("email", c.Email);
        w.WriteStringOrNull("external_id", c.ExternalId);
        w.WriteString("firstname", c.Firstname);
        w.WriteNumber("id", c.Id);
        w.WriteStartObject("integrations");
        w.WriteEndObject();
        w.WriteString("lastname", c.Lastname);
        w.WriteNode("meta", c.Meta);
        w.WriteStringOrNull("name", c.Name);
        w.WriteStringOrNull("note", c.Note);
        w.WriteEndObject();
    }

    /// <summary>A message's sender or receiver when it is the customer (the sample's <c>receiver</c>).</summary>
    public static void WriteCustomerRef(Utf8JsonWriter w, Customer c)
    {
        w.WriteStartObject();
        w.WriteStringOrNull("email", c.Email);
        w.WriteString("firstname", c.Firstname);
        w.WriteNumber("id", c.Id);
        w.WriteString("lastname", c.Lastname);
        w.WriteNode("meta", c.Meta);
        w.WriteStringOrNull("name", c.Name);
        w.WriteEndObject();
    }

    public static void WriteCustomer(Utf8JsonWriter w, Customer c)
    {
        w.WriteStartObject();
        WriteChannels(w, c);
        w.WriteDate("created_datetime", c.CreatedDatetime);
        w.WriteNull("customer");
        w.WriteNode("data", c.Data);
        w.WriteStringOrNull("email", c.Email);
        w.WriteStringOrNull("external_id", c.ExternalId);
        w.WriteString("firstname", c.Firstname);
        w.WriteNumber("id", c.Id);
        w.WriteStartObject("integrations");
        w.WriteEndObject();
        w.WriteStringOrNull("language", c.Language);
        w.WriteString("lastname", c.Lastname);
        w.WriteNode("meta", c.Meta);
        w.WriteStringOrNull("name", c.Name);
        w.WriteStringOrNull("note", c.Note);
        w.WriteString("timezone", c.Timezone);
        w.WriteDate("updated_datetime", c.UpdatedDatetime);
        w.WriteString("uri", $"/api/customers/{c.Id}/");
        w.WriteEndObject();
    }

    public static void WriteTagRef(Utf8JsonWriter w, Tag t)
    {
        w.WriteStartObject();
        WriteDecoration(w, t);
        w.WriteNumber("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("uri", $"/api/tags/{t.Id}/");
        w.WriteEndObject();
    }

    public static void WriteTag(Utf8JsonWriter w, AccountState account, Tag t, int usage)
    {
        w.WriteStartObject();
        w.WriteDate("created_datetime", t.CreatedDatetime);
        WriteDecoration(w, t);
        w.WriteDate("deleted_datetime", t.DeletedDatetime);
        w.WriteStringOrNull("description", t.Description);
        w.WriteNumber("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("uri", $"/api/tags/{t.Id}/");
        w.WriteNumber("usage", usage);
        _ = account;
        w.WriteEndObject();
    }

    private static void WriteDecoration(Utf8JsonWriter w, Tag t)
    {
        if (t.Color is null)
        {
            w.WriteNull("decoration");
        }
        else
        {
            w.WriteStartObject("decoration");
            w.WriteString("color", t.Color);
            w.WriteEndObject();
        }
    }

    private static void WriteParty(Utf8JsonWriter w, AccountState account, string name, long? id, bool isUser)
    {
        if (id is { } partyId && isUser && account.Users.Find(partyId) is { } user)
        {
            w.WritePropertyName(name);
            WriteUserRef(w, user);
        }
        else if (id is { } customerId && !isUser && account.Customers.Find(customerId) is { } customer)
        {
            w.WritePropertyName(name);
            WriteCustomerRef(w, customer);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteMessage(Utf8JsonWriter w, AccountState account, Message m)
    {
        w.WriteStartObject();
        w.WriteNull("actions");
        w.WritePropertyName("attachments");
        m.Attachments.WriteTo(w);
        w.WriteStringOrNull("body_html", m.BodyHtml);
        w.WriteStringOrNull("body_text", m.BodyText);
        w.WriteString("channel", m.Channel);
        w.WriteDate("created_datetime", m.CreatedDatetime);
        w.WriteStringOrNull("external_id", m.ExternalId);
        w.WriteDate("failed_datetime", m.FailedDatetime);
        w.WriteBoolean("from_agent", m.FromAgent);
        w.WriteNode("headers", m.Headers);
        w.WriteNumber("id", m.Id);
        w.WriteNumberOrNull("integration_id", m.IntegrationId);
        w.WriteStartArray("intents");
        w.WriteEndArray();
        w.WriteBoolean("is_retriable", true);
        w.WriteStringOrNull("last_sending_error", m.LastSendingError);
        w.WriteStringOrNull("message_id", m.MessageId);
        w.WriteNode("meta", m.Meta);
        w.WriteDate("opened_datetime", m.OpenedDatetime);
        w.WriteBoolean("public", m.Public);
        WriteParty(w, account, "receiver", m.ReceiverId, isUser: false);
        w.WriteNumberOrNull("rule_id", m.RuleId);
        WriteParty(w, account, "sender", m.SenderId, isUser: m.FromAgent);
        w.WriteDate("sent_datetime", m.SentDatetime);
        w.WriteStartArray("sentiments");
        w.WriteEndArray();
        if (m.SourceType is null)
        {
            w.WriteNull("source");
        }
        else
        {
            w.WriteStartObject("source");
            w.WriteStartObject("extra");
            w.WriteBoolean("include_thread", false);
            w.WriteEndObject();
            w.WriteStartObject("from");
            w.WriteStringOrNull("address", m.SourceFromAddress);
            w.WriteString("name", m.SourceFromName ?? "");
            w.WriteEndObject();
            w.WriteStartArray("to");
            if (m.SourceToAddress is not null)
            {
                w.WriteStartObject();
                w.WriteString("address", m.SourceToAddress);
                w.WriteString("name", m.SourceToName ?? "");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("type", m.SourceType);
            w.WriteEndObject();
        }

        w.WriteNull("stripped_html");
        w.WriteNull("stripped_signature");
        w.WriteNull("stripped_text");
        w.WriteString("subject", m.Subject ?? "");
        w.WriteStringOrNull("text", m.BodyText);
        w.WriteNumber("ticket_id", m.TicketId);
        w.WriteString("uri", $"/api/tickets/{m.TicketId}/messages/{m.Id}/");
        w.WriteString("via", m.Via);
        w.WriteEndObject();
    }

    private static void WriteTicketHead(Utf8JsonWriter w, AccountState account, Ticket t, bool webhookContext = false, bool slimCustomer = false)
    {
        if (t.AssigneeTeamId is { } teamId && account.Teams.Find(teamId) is { } team)
        {
            w.WritePropertyName("assignee_team");
            WriteTeamRef(w, team);
        }
        else
        {
            w.WriteNull("assignee_team");
        }

        w.WriteNumberOrNull("assignee_team_id", t.AssigneeTeamId);
        if (t.AssigneeUserId is { } userId && account.Users.Find(userId) is { } user)
        {
            w.WritePropertyName("assignee_user");
            WriteUserRef(w, user);
        }
        else
        {
            w.WriteNull("assignee_user");
        }

        w.WriteNumberOrNull("assignee_user_id", t.AssigneeUserId);
        w.WriteString("channel", t.Channel);
        w.WriteDate("closed_datetime", t.ClosedDatetime);
        w.WriteDate("created_datetime", t.CreatedDatetime);
        if (t.CustomerId is { } customerId && account.Customers.Find(customerId) is { } customer)
        {
            w.WritePropertyName("customer");
            if (slimCustomer)
            {
                WriteCustomerRef(w, customer);
            }
            else
            {
                WriteCustomerInTicket(w, customer);
            }
        }
        else
        {
            w.WriteNull("customer");
        }

        // The captured webhook payload (samples/ticket-webhook-payload.json) has no custom_fields.
        if (!webhookContext)
        {
            w.WriteStartObject("custom_fields");
            foreach (var field in t.CustomFields)
            {
                w.WriteStartObject(field.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("id", field.FieldId);
                w.WriteNode("value", field.Value);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteStringOrNull("external_id", t.ExternalId);
    }

    private static void WriteTicketTail(Utf8JsonWriter w, AccountState account, Ticket t, bool webhookContext = false)
    {
        if (!webhookContext)
        {
            w.WriteBoolean("is_unread", t.IsUnread);
        }

        w.WriteStringOrNull("language", t.Language);
        w.WriteDate("last_message_datetime", t.LastMessageDatetime);
        w.WriteDate("last_received_message_datetime", t.LastReceivedMessageDatetime);
    }

    private static void WriteTicketEnd(Utf8JsonWriter w, AccountState account, Ticket t)
    {
        w.WriteNode("meta", t.Meta);
        w.WriteDate("opened_datetime", t.OpenedDatetime);
        w.WriteString("priority", t.Priority);
    }

    private static void WriteTicketStatus(Utf8JsonWriter w, AccountState account, Ticket t, bool withSurvey)
    {
        if (withSurvey)
        {
            if (account.SurveyIdsByTicket.TryGetValue(t.Id, out var surveyId) && account.Surveys.Find(surveyId) is { } survey)
            {
                w.WritePropertyName("satisfaction_survey");
                WriteSurvey(w, survey);
            }
            else
            {
                w.WriteNull("satisfaction_survey");
            }
        }

        w.WriteDate("snooze_datetime", t.SnoozeDatetime);
        w.WriteBoolean("spam", t.Spam);
        w.WriteString("status", t.Status);
        w.WriteStringOrNull("subject", t.Subject);
        w.WriteStartArray("tags");
        foreach (var tagId in t.TagIds)
        {
            if (account.Tags.Find(tagId) is { } tag)
            {
                WriteTagRef(w, tag);
            }
        }

        w.WriteEndArray();
        w.WriteDate("trashed_datetime", t.TrashedDatetime);
        w.WriteDate("updated_datetime", t.UpdatedDatetime);
        w.WriteString("uri", $"/api/tickets/{t.Id}/");
        w.WriteString("via", t.Via);
    }

    private static void WriteReplyOptions(Utf8JsonWriter w, Ticket t)
    {
        w.WriteStartObject("reply_options");
        w.WriteStartObject(t.Channel is "internal-note" ? "email" : t.Channel);
        w.WriteBoolean("answerable", true);
        w.WriteEndObject();
        w.WriteStartObject("internal-note");
        w.WriteBoolean("answerable", true);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary><c>GET /api/tickets/{id}</c>.</summary>
    public static void WriteTicket(Utf8JsonWriter w, AccountState account, Ticket t) =>
        WriteTicketObject(w, account, t, webhookContext: false);

    /// <summary>The ticket as a webhook template sees it: the full ticket plus account, first_message and last_message.</summary>
    public static void WriteTicketContext(Utf8JsonWriter w, AccountState account, Ticket t) =>
        WriteTicketObject(w, account, t, webhookContext: true);

    private static void WriteTicketObject(Utf8JsonWriter w, AccountState account, Ticket t, bool webhookContext)
    {
        w.WriteStartObject();
        if (webhookContext)
        {
            w.WriteStartObject("account");
            w.WriteString("domain", account.Domain);
            w.WriteEndObject();
        }

        WriteTicketHead(w, account, t, webhookContext);
        Message? first = null, last = null;
        foreach (var id in t.MessageIds)
        {
            if (account.Messages.Find(id) is { } m)
            {
                first ??= m;
                last = m;
            }
        }

        if (webhookContext)
        {
            WriteOptionalMessage(w, account, "first_message", first);
        }

        w.WriteBoolean("from_agent", t.FromAgent);
        w.WriteNumber("id", t.Id);
        WriteTicketTail(w, account, t, webhookContext);
        if (webhookContext)
        {
            WriteOptionalMessage(w, account, "last_message", last);
        }

        w.WriteStartArray("messages");
        foreach (var id in t.MessageIds)
        {
            if (account.Messages.Find(id) is { } m)
            {
                WriteMessage(w, account, m);
            }
        }

        w.WriteEndArray();
        WriteTicketEnd(w, account, t);
        WriteReplyOptions(w, t);
        WriteTicketStatus(w, account, t, withSurvey: true);
        w.WriteEndObject();
    }

    private static void WriteOptionalMessage(Utf8JsonWriter w, AccountState account, string name, Message? m)
    {
        if (m is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WritePropertyName(name);
            WriteMessage(w, account, m);
        }
    }

    /// <summary>
    /// An item of <c>GET /api/tickets</c>, rendered once and reused until the ticket (its messages and fields touch it),
    /// its customer, or any tag, user or team changes: a list page is 100 of these, so this keeps listing cheap while
    /// other tickets are written. Callers hold the account lock.
    /// </summary>
    public static void WriteTicketListItemCached(Utf8JsonWriter w, AccountState account, Ticket t)
    {
        var customer = t.CustomerId is { } customerId ? account.Customers.Find(customerId) : null;
        var stamp = new ListItemStamp(t.Revision, customer?.Revision ?? -1, account.Tags.Version, account.Users.Version, account.Teams.Version);
        if (t.ListItemCache is not { } cache || cache.Stamp != stamp)
        {
            cache = (stamp, GorgiasJson.Build(x => WriteTicketListItem(x, account, t)));
            t.ListItemCache = cache;
        }

        w.WriteRawValue(cache.Json, skipInputValidation: true);
    }

    /// <summary>An item of <c>GET /api/tickets</c>: no messages, an excerpt and a count instead, a slim customer.</summary>
    public static void WriteTicketListItem(Utf8JsonWriter w, AccountState account, Ticket t)
    {
        w.WriteStartObject();
        WriteTicketHead(w, account, t, slimCustomer: true);
        Message? last = null;
        var count = 0;
        foreach (var id in t.MessageIds)
        {
            if (account.Messages.Find(id) is { } m)
            {
                last = m;
                count++;
            }
        }

        w.WriteString("excerpt", Excerpt(last?.BodyText));
        w.WriteBoolean("from_agent", t.FromAgent);
        w.WriteNumber("id", t.Id);
        WriteTicketTail(w, account, t);
        w.WriteNumber("messages_count", count);
        WriteTicketEnd(w, account, t);
        WriteTicketStatus(w, account, t, withSurvey: false);
        w.WriteEndObject();
    }

    private static string Excerpt(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 100 ? flat : flat[..100];
    }

    public static void WriteEvent(Utf8JsonWriter w, Event e)
    {
        w.WriteStartObject();
        w.WriteString("context", e.Context.ToString());
        w.WriteDate("created_datetime", e.CreatedDatetime);
        w.WriteNode("data", e.Data);
        w.WriteNumber("id", e.Id);
        w.WriteNumber("object_id", e.ObjectId);
        w.WriteString("object_type", e.ObjectType);
        w.WriteString("type", e.Type);
        w.WriteString("uri", $"/api/events/{e.Id}/");
        w.WriteNumberOrNull("user_id", e.UserId);
        w.WriteEndObject();
    }

    public static void WriteSurvey(Utf8JsonWriter w, SatisfactionSurvey s)
    {
        w.WriteStartObject();
        w.WriteStringOrNull("body_text", s.BodyText);
        w.WriteDate("created_datetime", s.CreatedDatetime);
        w.WriteNumber("customer_id", s.CustomerId);
        w.WriteNumber("id", s.Id);
        w.WriteNode("meta", s.Meta);
        w.WriteNumberOrNull("score", s.Score);
        w.WriteDate("scored_datetime", s.ScoredDatetime);
        w.WriteDate("sent_datetime", s.SentDatetime);
        w.WriteDate("should_send_datetime", s.ShouldSendDatetime);
        w.WriteNumber("ticket_id", s.TicketId);
        w.WriteString("uri", $"/api/satisfaction-surveys/{s.Id}/");
        w.WriteEndObject();
    }

    public static void WriteCustomField(Utf8JsonWriter w, CustomField f)
    {
        w.WriteStartObject();
        w.WriteDate("created_datetime", f.CreatedDatetime);
        w.WriteDate("deactivated_datetime", f.DeactivatedDatetime);
        w.WriteStartObject("definition");
        w.WriteString("data_type", f.DataType);
        if (f.InputSettings is not null)
        {
            w.WriteNode("input_settings", f.InputSettings);
        }
        else
        {
            w.WriteStartObject("input_settings");
            w.WriteStartArray("choices");
            foreach (var choice in f.Choices)
            {
                w.WriteStringValue(choice);
            }

            w.WriteEndArray();
            w.WriteString("input_type", f.InputType);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStringOrNull("description", f.Description);
        w.WriteNumber("id", f.Id);
        w.WriteString("label", f.Label);
        w.WriteNull("managed_type");
        w.WriteString("object_type", f.ObjectType);
        w.WriteNumber("priority", f.Priority);
        w.WriteBoolean("required", f.Required);
        w.WriteDate("updated_datetime", f.UpdatedDatetime);
        w.WriteString("uri", $"/api/custom-fields/{f.Id}/");
        w.WriteEndObject();
    }

    public static void WriteIntegration(Utf8JsonWriter w, HttpIntegration i)
    {
        w.WriteStartObject();
        w.WriteDate("created_datetime", i.CreatedDatetime);
        w.WriteDate("deactivated_datetime", i.DeactivatedDatetime);
        w.WriteNull("decoration");
        w.WriteNull("deleted_datetime");
        w.WriteStringOrNull("description", i.Description);
        w.WriteStartObject("http");
        w.WriteStartObject("headers");
        foreach (var (name, value) in i.Headers)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        w.WriteNode("form", i.Form);
        w.WriteNumber("id", i.Id);
        w.WriteString("method", i.Method);
        w.WriteString("request_content_type", i.RequestContentType);
        w.WriteString("response_content_type", i.ResponseContentType);
        w.WriteStartObject("triggers");
        foreach (var (name, on) in i.Triggers)
        {
            w.WriteBoolean(name, on);
        }

        w.WriteEndObject();
        w.WriteString("url", i.Url);
        w.WriteEndObject();
        w.WriteNumber("id", i.Id);
        w.WriteNull("locked_datetime");
        w.WriteNull("meta");
        w.WriteString("name", i.Name);
        w.WriteString("type", i.Type);
        w.WriteDate("updated_datetime", i.UpdatedDatetime);
        w.WriteString("uri", $"/api/integrations/{i.Id}/");
        w.WriteEndObject();
    }

    public static void WriteAccount(Utf8JsonWriter w, AccountState a)
    {
        w.WriteStartObject();
        w.WriteDate("created_datetime", a.CreatedDatetime);
        w.WriteNull("deactivated_datetime");
        w.WriteString("domain", a.Domain);
        w.WriteNumber("id", a.Id);
        w.WriteStartObject("meta");
        w.WriteString("plan", a.Plan == Hosting.AccountPlan.Enterprise ? "enterprise" : "pro");
        w.WriteEndObject();
        w.WriteStartArray("settings");
        w.WriteEndArray();
        w.WriteStartObject("status");
        w.WriteString("status", "active");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
