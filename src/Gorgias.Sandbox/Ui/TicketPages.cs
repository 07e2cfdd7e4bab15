using Gorgias.Sandbox.Control;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Ui;

/// <summary>The ticket list, a ticket's page, "write in as a customer" and "reply as the customer".</summary>
internal static partial class TicketPages
{
    public const int PageSize = 50;
    public const int MaxMessageLength = 10_000;
    public const int MaxSubjectLength = 998;
    public const int MaxNameLength = 255;
    public const int MaxEmailLength = 254;

    /// <summary>Channels a customer can write in through; see <see cref="Model.CustomerChannels"/> for their via.</summary>
    public static readonly IReadOnlyCollection<string> CustomerChannels = Model.CustomerChannels.All;

    private static readonly string[] ChipPalette =
        ["#2f6fed", "#12805c", "#c4320a", "#6941c6", "#c11574", "#0e7090", "#4d7c0f", "#b54708", "#475467", "#175cd3", "#9e165f", "#0b7d65"];

    [GeneratedRegex("""^[^@\s<>"',;:()\[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z""")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[a-z]{2}\\z")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\\z")]
    private static partial Regex HexColor();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    // ---------------------------------------------------------------- list

    public static IResult List(HttpContext http, string account, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        var page = UiEndpoints.PageNumber(http);
        Html fragment;
        lock (state.Sync)
        {
            fragment = ListFragment(state, page);
        }

        if (UiEndpoints.WantsFragment(http))
        {
            return Layout.Fragment(http, fragment);
        }

        var root = Html.Path(account, "app");
        var body = new Html().Add($"""
            <div class="row">
              <h1>Tickets</h1><span id="live-status" class="live-status">live</span>
              <span class="spacer"></span>
              <a class="button" href="{root}/write-in">Write in as a customer</a>
            </div>
            <p class="muted small">Newest updated first, {PageSize} per page. The list refreshes itself every 2 seconds.</p>
            <div id="live">{fragment}</div>
            """);
        return Layout.Page(http, "Tickets", account, body, live: true);
    }

    private static Html ListFragment(AccountState account, int page)
    {
        var ordering = account.Tickets.Ordering(OrderField.Updated);
        var total = ordering.Count;
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var root = Html.Path(account.Domain, "app");
        var html = new Html();
        if (total == 0)
        {
            return html.Add($"""<p class="empty">No tickets yet. <a href="{root}/write-in">Write in as a customer</a> to create one.</p>""");
        }

        if (page > pages)
        {
            return html.Add($"""<p class="empty">This page is past the end ({pages} page(s), {total} tickets). <a href="{root}/tickets">First page</a></p>""");
        }

        html.Add($"""
            <table class="tickets">
            <thead><tr><th class="num">Id</th><th>Subject</th><th>Customer</th><th>Channel</th><th>Status</th><th>Priority</th><th>Assignee</th><th>Tags</th><th>Updated (UTC)</th></tr></thead>
            <tbody>
            """);
        var first = (page - 1) * PageSize;
        for (var i = first; i < Math.Min(first + PageSize, total); i++)
        {
            if (account.Tickets.Find(ordering[total - 1 - i].Id) is not { } ticket)
            {
                continue;
            }

            var customer = ticket.CustomerId is { } cid ? account.Customers.Find(cid) : null;
            var href = TicketHref(account.Domain, ticket.Id);
            html.Add($"""
                <tr data-ticket-id="{ticket.Id}">
                <td class="num"><a href="{href}">{ticket.Id}</a></td>
                <td class="subject"><a href="{href}">{SubjectText(ticket)}</a></td>
                <td>{customer?.Email ?? customer?.Name ?? "—"}</td>
                <td>{ticket.Channel}</td>
                <td class="nowrap">{StatusBadges(ticket)}</td>
                <td>{Badge(ticket.Priority, ticket.Priority)}</td>
                <td>{AssigneeText(account, ticket)}</td>
                <td>{TagChips(account, ticket)}</td>
                <td class="nowrap">{Html.TimeTag(ticket.UpdatedDatetime)}</td>
                </tr>
                """);
        }

        html.Add($"</tbody></table>");
        html.Add($"""<div class="pager">""");
        html.Add(page > 1
            ? new Html().Add($"""<a href="{root}/tickets?page={page - 1}" rel="prev">← Newer</a>""")
            : new Html().Add($"""<span class="disabled">← Newer</span>"""));
        html.Add($"""<span class="muted">Page {page} of {pages} · {total} tickets</span>""");
        html.Add(page < pages
            ? new Html().Add($"""<a href="{root}/tickets?page={page + 1}" rel="next">Older →</a>""")
            : new Html().Add($"""<span class="disabled">Older →</span>"""));
        return html.Add($"</div>");
    }

    // ---------------------------------------------------------------- one ticket

    public static IResult Show(HttpContext http, string account, long id, SandboxStore store) =>
        store.Find(account) is not { } state
            ? Layout.NotFound(http, $"There is no account '{account}' in this sandbox.")
            : ShowPage(http, state, id, null, null);

    private static IResult ShowPage(HttpContext http, AccountState account, long id, string? replyText, string? replyError)
    {
        var deliveries = account.DeliveryLog.Snapshot();
        Html fragment;
        string title;
        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return Layout.NotFound(http, $"There is no ticket {id} in account '{account.Domain}'.", account.Domain);
            }

            title = SubjectText(ticket);
            fragment = TicketFragment(account, ticket, deliveries);
        }

        if (UiEndpoints.WantsFragment(http))
        {
            return Layout.Fragment(http, fragment);
        }

        var notice = http.Request.Query.ContainsKey("created")
            ? "Ticket created. ticket-created (and its message) now reach the account's active HTTP integrations."
            : http.Request.Query.ContainsKey("replied")
                ? "Reply added as the customer. ticket-message-created now reaches the account's active HTTP integrations."
                : null;
        var body = new Html().Add($"""
            <p class="small"><a href="{Html.Path(account.Domain, "app", "tickets")}">← Tickets</a></p>
            {Layout.Notice(notice)}
            <div class="row"><h1>#{id} · {title}</h1><span id="live-status" class="live-status">live</span></div>
            <div id="live">{fragment}</div>
            <h2 id="reply">Reply as the customer</h2>
            <form class="panel" method="post" action="{TicketHref(account.Domain, id)}/reply">
              {UiEndpoints.AntiforgeryField(http)}
              <label for="message">Message</label>
              <textarea id="message" name="message" maxlength="{MaxMessageLength}" required{(replyError is null ? Raw.Empty : new Raw(" class=\"invalid\" aria-invalid=\"true\""))}>{replyText}</textarea>
              {FieldError(replyError)}
              <p><button type="submit">Send as the customer</button></p>
            </form>
            """);
        return Layout.Page(http, $"#{id} {title}", account.Domain, body, live: true, status: replyError is null ? 200 : 400);
    }

    private static Html TicketFragment(AccountState account, Ticket ticket, IReadOnlyList<SandboxWebhookDelivery> deliveries)
    {
        var customer = ticket.CustomerId is { } cid ? account.Customers.Find(cid) : null;
        var team = ticket.AssigneeTeamId is { } tid ? account.Teams.Find(tid) : null;
        var html = new Html().Add($"""
            <div class="meta-grid">
              <div><b>Status</b>{StatusBadges(ticket)}</div>
              <div><b>Priority</b>{Badge(ticket.Priority, ticket.Priority)}</div>
              <div><b>Channel · via</b>{ticket.Channel} · {ticket.Via}</div>
              <div><b>Customer</b>{CustomerText(customer)}</div>
              <div><b>Assignee</b>{AssigneeUserText(account, ticket)}</div>
              <div><b>Team</b>{team?.Name ?? "—"}</div>
              <div><b>Language</b>{ticket.Language ?? "—"}</div>
              <div><b>Created (UTC)</b>{Html.TimeTag(ticket.CreatedDatetime)}</div>
              <div><b>Updated (UTC)</b>{Html.TimeTag(ticket.UpdatedDatetime)}</div>
              <div><b>Last message (UTC)</b>{Html.TimeTag(ticket.LastMessageDatetime)}</div>
              <div style="grid-column:1/-1"><b>Tags</b><span class="tags">{TagChipsOrNone(account, ticket)}</span></div>
            </div>
            <h2 id="thread">Messages ({ticket.MessageIds.Count})</h2>
            <div class="thread">
            """);
        var messages = ticket.MessageIds.Select(account.Messages.Find).OfType<Message>()
            .OrderBy(m => m.CreatedDatetime).ThenBy(m => m.Id).ToList();
        if (messages.Count == 0)
        {
            html.Add($"""<p class="empty">No messages.</p>""");
        }

        foreach (var message in messages)
        {
            html.Add(MessageView(account, message, ticket.Subject));
        }

        html.Add($"</div>");
        html.Add(EventsTable(account, ticket, messages));
        html.Add(DeliveriesTable(account, deliveries.Where(d => d.TicketId == ticket.Id).Reverse().Take(100).ToList()));
        return html;
    }

    private static Html MessageView(AccountState account, Message message, string? ticketSubject)
    {
        var note = !message.Public || message.Channel == "internal-note";
        var kind = note ? "note" : message.FromAgent ? "agent" : "customer";
        string who;
        if (message.FromAgent)
        {
            var user = message.SenderId is { } uid ? account.Users.Find(uid) : null;
            who = user is null ? "Agent" : $"{user.Name} ({user.Email})";
        }
        else
        {
            var customer = message.SenderId is { } id ? account.Customers.Find(id) : null;
            var name = customer?.Name ?? message.SourceFromName;
            var email = customer?.Email ?? message.SourceFromAddress;
            who = string.IsNullOrEmpty(name) ? email ?? "Customer" : $"{name} <{email}>";
        }

        var label = note ? "Internal note" : message.FromAgent ? "Agent" : "Customer";
        var text = message.BodyText ?? (message.BodyHtml is null ? "" : System.Net.WebUtility.HtmlDecode(Tags().Replace(message.BodyHtml, " ")).Trim());
        return new Html().Add($"""
            <div class="msg {kind}" data-message-id="{message.Id}">
              <div class="who"><b>{label}</b> · {who} · {message.Channel}/{message.Via} · {Html.TimeTag(message.CreatedDatetime)}{(message.DeletedDatetime is null ? Raw.Empty : new Raw(" · <span class=\"badge failed\">deleted</span>"))}{(message.FailedDatetime is null ? Raw.Empty : new Raw(" · <span class=\"badge failed\">failed</span>"))}</div>
              {(message.Subject is { Length: > 0 } subject && subject != ticketSubject ? new Html().Add($"<div class=\"small muted\">Subject: {subject}</div>").ToRaw() : Raw.Empty)}
              <div class="body">{text}</div>
            </div>
            """);
    }

    private static Html EventsTable(AccountState account, Ticket ticket, List<Message> messages)
    {
        var messageIds = messages.Select(m => m.Id).ToHashSet();
        // Newest first, back to the ticket's creation (its events cannot be older).
        var events = new List<Event>();
        foreach (var key in account.Events.Ordering(OrderField.Created).Reverse())
        {
            if (key.Ticks < ticket.CreatedDatetime.UtcTicks)
            {
                break;
            }

            if (account.Events.Find(key.Id) is { } evt
                && ((evt.ObjectType == "Ticket" && evt.ObjectId == ticket.Id)
                    || (evt.ObjectType == "TicketMessage" && messageIds.Contains(evt.ObjectId))))
            {
                events.Add(evt);
            }
        }

        var html = new Html().Add($"""<h2 id="events">Events ({events.Count})</h2>""");
        if (events.Count == 0)
        {
            return html.Add($"""<p class="empty">No events.</p>""");
        }

        html.Add($"""
            <table class="events"><thead><tr><th>Time (UTC)</th><th>Type</th><th>Object</th><th>User</th><th>Data</th><th>Context</th></tr></thead><tbody>
            """);
        foreach (var evt in events.Take(200))
        {
            var user = evt.UserId is { } uid ? account.Users.Find(uid) : null;
            html.Add($"""
                <tr data-event-type="{evt.Type}"><td class="nowrap">{Html.TimeTag(evt.CreatedDatetime)}</td><td class="nowrap"><code>{evt.Type}</code></td>
                <td class="nowrap">{evt.ObjectType} {evt.ObjectId}</td><td>{user?.Email ?? "—"}</td>
                <td><code class="small">{Truncate(evt.Data?.ToJsonString(), 160) ?? ""}</code></td><td><code class="small muted">{evt.Context.ToString()[..8]}</code></td></tr>
                """);
        }

        return html.Add($"</tbody></table>");
    }

    internal static Html DeliveriesTable(AccountState account, IReadOnlyList<SandboxWebhookDelivery> deliveries, bool showTicket = false)
    {
        var html = new Html().Add($"""<h2 id="deliveries">Webhook deliveries ({deliveries.Count})</h2>""");
        if (deliveries.Count == 0)
        {
            return html.Add($"""<p class="empty">No webhook deliveries yet. Active HTTP integrations with a matching trigger receive them.</p>""");
        }

        html.Add($"""<table class="deliveries"><thead><tr><th>Time (UTC)</th><th>Trigger</th><th>Integration</th>""");
        if (showTicket)
        {
            html.Add($"<th>Ticket</th>");
        }

        html.Add($"""<th class="num">Attempt</th><th>Status / error</th><th>Outcome</th><th class="num">ms</th><th>Fault</th></tr></thead><tbody>""");
        foreach (var d in deliveries)
        {
            var integration = account.Integrations.Find(d.IntegrationId);
            html.Add($"""
                <tr data-delivery-id="{d.Id}"><td class="nowrap">{Html.TimeTag(d.At)}</td><td class="nowrap"><code>{d.Trigger}</code></td>
                <td>{integration?.Name ?? "(deleted)"} <span class="muted small">#{d.IntegrationId}</span><div class="small muted">{d.Method} {Truncate(d.Url, 80)}</div></td>
                """);
            if (showTicket)
            {
                html.Add($"""<td><a href="{TicketHref(account.Domain, d.TicketId)}">{d.TicketId}</a></td>""");
            }

            html.Add($"""
                <td class="num">{d.Attempt}</td><td>{(d.Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}{(d.Error is null ? Raw.Empty : new Html().Add($" <span class=\"small\">{Truncate(d.Error, 160)}</span>").ToRaw())}</td>
                <td>{Badge(d.Outcome, d.Outcome)}</td><td class="num">{Math.Round(d.DurationMs)}</td><td class="nowrap"><code>{d.Fault ?? ""}</code></td></tr>
                """);
        }

        return html.Add($"</tbody></table>");
    }

    // ---------------------------------------------------------------- reply as the customer

    public static async Task<IResult> Reply(HttpContext http, string account, long id, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        var (form, refusal) = await UiEndpoints.ReadProtectedFormAsync(http, account);
        if (form is null)
        {
            return refusal!;
        }

        var text = form["message"].ToString();
        var error = string.IsNullOrWhiteSpace(text) ? "Write a message."
            : text.Length > MaxMessageLength ? $"At most {MaxMessageLength:N0} characters (this one has {text.Length:N0})."
            : null;
        if (error is not null)
        {
            return ShowPage(http, state, id, text, error);
        }

        lock (state.Sync)
        {
            if (state.Tickets.Find(id) is not { } ticket)
            {
                return Layout.NotFound(http, $"There is no ticket {id} in account '{account}'.", account);
            }

            TicketOperations.AddMessage(
                state,
                ticket,
                new NewMessage(ticket.Channel, ticket.Via, FromAgent: false, Public: true, BodyText: text, BodyHtml: null, SenderCustomerId: ticket.CustomerId),
                actingUserId: null);
        }

        return SeeOther(http, TicketHref(account, id) + "?replied=1");
    }

    // ---------------------------------------------------------------- write in as a customer

    internal sealed record WriteInInput(string Email, string Name, string Subject, string Message, string Channel, string Language);

    public static IResult WriteInForm(HttpContext http, string account, SandboxStore store) =>
        store.Find(account) is null
            ? Layout.NotFound(http, $"There is no account '{account}' in this sandbox.")
            : WriteInPage(http, account, new WriteInInput("", "", "", "", "email", ""), new Dictionary<string, string>(StringComparer.Ordinal));

    public static async Task<IResult> WriteIn(HttpContext http, string account, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        var (form, refusal) = await UiEndpoints.ReadProtectedFormAsync(http, account);
        if (form is null)
        {
            return refusal!;
        }

        var input = new WriteInInput(
            form["email"].ToString().Trim(),
            form["name"].ToString().Trim(),
            form["subject"].ToString().Trim(),
            form["message"].ToString(),
            form["channel"].ToString().Trim(),
            form["language"].ToString().Trim().ToLowerInvariant());
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return WriteInPage(http, account, input, errors);
        }

        long id;
        lock (state.Sync)
        {
            var message = new NewMessage(input.Channel, Model.CustomerChannels.ViaFor(input.Channel)!, FromAgent: false, Public: true, BodyText: input.Message, BodyHtml: null,
                Subject: input.Subject.Length > 0 ? input.Subject : null);
            var ticket = TicketOperations.CreateTicket(
                state,
                new NewTicket(
                    [message],
                    input.Channel,
                    Model.CustomerChannels.ViaFor(input.Channel)!,
                    CustomerEmail: input.Email,
                    CustomerName: input.Name.Length > 0 ? input.Name : null,
                    Subject: input.Subject.Length > 0 ? input.Subject : null,
                    Language: input.Language.Length > 0 ? input.Language : null),
                actingUserId: null);
            id = ticket.Id;
        }

        return SeeOther(http, TicketHref(account, id) + "?created=1");
    }

    internal static Dictionary<string, string> Validate(WriteInInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Email.Length == 0)
        {
            errors["email"] = "Enter the customer's email address.";
        }
        else if (input.Email.Length > MaxEmailLength || !EmailPattern().IsMatch(input.Email))
        {
            errors["email"] = "Enter a valid email address, like jane@example.com.";
        }

        if (input.Name.Length > MaxNameLength)
        {
            errors["name"] = $"At most {MaxNameLength} characters.";
        }

        if (input.Subject.Length > MaxSubjectLength)
        {
            errors["subject"] = $"At most {MaxSubjectLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(input.Message))
        {
            errors["message"] = "Write a message.";
        }
        else if (input.Message.Length > MaxMessageLength)
        {
            errors["message"] = $"At most {MaxMessageLength:N0} characters (this one has {input.Message.Length:N0}).";
        }

        if (!CustomerChannels.Contains(input.Channel, StringComparer.Ordinal))
        {
            errors["channel"] = "Choose one of the listed channels.";
        }

        if (input.Language.Length > 0 && !LanguagePattern().IsMatch(input.Language))
        {
            errors["language"] = "A two-letter ISO 639-1 code in lowercase, like en or fr; or leave it empty.";
        }

        return errors;
    }

    private static IResult WriteInPage(HttpContext http, string account, WriteInInput input, Dictionary<string, string> errors)
    {
        var body = new Html().Add($"""
            <h1>Write in as a customer</h1>
            <p class="muted">Creates a ticket the way an incoming customer message does (<code>from_agent: false</code>, the sender is the
            customer, found by email or created). It records <code>ticket-created</code> and fires the account's webhooks.</p>
            """);
        if (errors.Count > 0)
        {
            body.Add(Layout.Notice(errors.Count == 1 ? "Please correct the field below." : $"Please correct the {errors.Count} fields below.", error: true));
        }

        var options = new Html();
        foreach (var channel in CustomerChannels)
        {
            options.Add($"<option value=\"{channel}\"{(channel == input.Channel ? new Raw(" selected") : Raw.Empty)}>{channel}</option>");
        }

        body.Add($"""
            <form class="panel" method="post" action="{Html.Path(account, "app", "write-in")}" novalidate>
              {UiEndpoints.AntiforgeryField(http)}
              {Input("email", "Customer email", "email", input.Email, errors, MaxEmailLength, "An existing customer with this email is reused.")}
              {Input("name", "Customer name", "text", input.Name, errors, MaxNameLength, "optional; used only when the customer is new")}
              {Input("subject", "Subject", "text", input.Subject, errors, MaxSubjectLength, "optional")}
              <label for="message">Message</label>
              <textarea id="message" name="message" maxlength="{MaxMessageLength}"{Invalid(errors, "message")}>{input.Message}</textarea>
              {FieldError(errors.GetValueOrDefault("message"))}
              <label for="channel">Channel</label>
              <select id="channel" name="channel"{Invalid(errors, "channel")}>{options}</select>
              {FieldError(errors.GetValueOrDefault("channel"))}
              {Input("language", "Language", "text", input.Language, errors, 2, "optional, ISO 639-1 like en")}
              <p><button type="submit">Create the ticket</button></p>
            </form>
            """);
        return Layout.Page(http, "Write in", account, body, status: errors.Count > 0 ? 400 : 200);
    }

    private static Html Input(string name, string label, string type, string value, Dictionary<string, string> errors, int maxLength, string? hint) =>
        new Html().Add($"""
            <label for="{name}">{label}{(hint is null ? Raw.Empty : new Html().Add($" <span class=\"muted\">({hint})</span>").ToRaw())}</label>
            <input id="{name}" name="{name}" type="{type}" value="{value}" maxlength="{maxLength}"{Invalid(errors, name)}>
            {FieldError(errors.GetValueOrDefault(name))}
            """);

    private static Raw Invalid(Dictionary<string, string> errors, string name) =>
        errors.ContainsKey(name) ? new Raw(" class=\"invalid\" aria-invalid=\"true\"") : Raw.Empty;

    private static Html FieldError(string? error) =>
        error is null ? new Html() : new Html().Add($"<div class=\"field-error\">{error}</div>");

    // ---------------------------------------------------------------- shared bits

    internal static string TicketHref(string account, long id) =>
        Html.Path(account, "app", "ticket", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string SubjectText(Ticket ticket) => string.IsNullOrWhiteSpace(ticket.Subject) ? "(no subject)" : ticket.Subject;

    internal static Html Badge(string cssClass, string text) => new Html().Add($"<span class=\"badge {cssClass}\">{text}</span>");

    private static Html StatusBadges(Ticket ticket)
    {
        var html = Badge(ticket.Status, ticket.Status);
        if (ticket.Spam)
        {
            html.Add($" ").Add(Badge("spam", "spam"));
        }

        if (ticket.TrashedDatetime is not null)
        {
            html.Add($" ").Add(Badge("trashed", "trashed"));
        }

        if (ticket.SnoozeDatetime is not null)
        {
            html.Add($" ").Add(Badge("snoozed", "snoozed"));
        }

        return html;
    }

    private static Html CustomerText(Customer? customer) => customer is null
        ? new Html().Add($"—")
        : new Html().Add($"{(string.IsNullOrEmpty(customer.Name) ? "" : customer.Name)}<div class=\"small\">{customer.Email ?? ""} <span class=\"muted\">#{customer.Id}</span></div>");

    private static string AssigneeUserText(AccountState account, Ticket ticket) =>
        ticket.AssigneeUserId is { } uid && account.Users.Find(uid) is { } user ? $"{user.Name} ({user.Email})" : "—";

    private static string AssigneeText(AccountState account, Ticket ticket)
    {
        if (ticket.AssigneeUserId is { } uid && account.Users.Find(uid) is { } user)
        {
            return string.IsNullOrEmpty(user.Name) ? user.Email : user.Name;
        }

        return ticket.AssigneeTeamId is { } tid && account.Teams.Find(tid) is { } team ? $"Team {team.Name}" : "—";
    }

    private static Html TagChipsOrNone(AccountState account, Ticket ticket)
    {
        var chips = TagChips(account, ticket);
        return chips.Builder.Length == 0 ? new Html().Add($"<span class=\"muted\">none</span>") : chips;
    }

    /// <summary>One chip per tag, each with <c>data-tag="{name}"</c> for browser tests; the tag's colour, or one derived from its name.</summary>
    internal static Html TagChips(AccountState account, Ticket ticket)
    {
        var html = new Html();
        foreach (var tagId in ticket.TagIds)
        {
            if (account.Tags.Find(tagId) is not { DeletedDatetime: null } tag)
            {
                continue;
            }

            var background = tag.Color is { } c && HexColor().IsMatch(c)
                ? c
                : ChipPalette[(int)((uint)Generator.SandboxSeeder.StableHash(tag.Name) % (uint)ChipPalette.Length)];
            html.Add($"<span class=\"chip\" data-tag=\"{tag.Name}\" style=\"background:{background};color:{TextColor(background)}\">{tag.Name}</span>");
        }

        return html;
    }

    private static string TextColor(string hex)
    {
        var h = hex.Length == 4 ? $"{hex[1]}{hex[1]}{hex[2]}{hex[2]}{hex[3]}{hex[3]}" : hex[1..];
        var rgb = Convert.FromHexString(h);
        var luminance = (0.299 * rgb[0]) + (0.587 * rgb[1]) + (0.114 * rgb[2]);
        return luminance > 160 ? "#1f2933" : "#ffffff";
    }

    internal static string? Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
