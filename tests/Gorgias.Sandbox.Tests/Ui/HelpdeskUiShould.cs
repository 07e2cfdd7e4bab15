using Gorgias.Sandbox.Control;
using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.Tests.Infrastructure;
using Gorgias.Sandbox.Ui;

namespace Gorgias.Sandbox.Tests.Ui;

public sealed class HelpdeskUiShould(SandboxFixture fixture)
{
    private static Dictionary<string, string> WriteInFields(
        string email = "jane@example.com", string name = "Jane Doe", string subject = "Where is my order?", string message = "It has been two weeks.",
        string channel = "email", string language = "") =>
        new(StringComparer.Ordinal)
        {
            ["email"] = email,
            ["name"] = name,
            ["subject"] = subject,
            ["message"] = message,
            ["channel"] = channel,
            ["language"] = language,
        };

    [Fact]
    public async Task List_the_seeded_accounts_on_the_home_page()
    {
        using var ui = new UiClient(fixture.Sandbox);

        var (response, body) = await ui.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        body.ShouldContain("data-account=\"acme\"");
        body.ShouldContain("data-account=\"globex\"");
        body.ShouldContain("href=\"/acme/app\"");
        body.ShouldContain("docs/sandbox.md");
    }

    [Fact]
    public async Task Create_a_ticket_from_the_write_in_form()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var token = await ui.TokenFromAsync($"/{account.Domain}/app/write-in");

        var (response, _) = await ui.PostFormAsync(
            $"/{account.Domain}/app/write-in", WriteInFields(subject: "Parcel never arrived", channel: "contact_form", language: "FR"), token);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith($"/{account.Domain}/app/ticket/");
        var id = long.Parse(location.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

        var (_, list) = await ui.GetAsync($"/{account.Domain}/app/tickets");
        list.ShouldContain($"data-ticket-id=\"{id}\"");
        list.ShouldContain("Parcel never arrived");
        var (page, ticketPage) = await ui.GetAsync(location);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        ticketPage.ShouldContain("It has been two weeks.");
        ticketPage.ShouldContain("data-event-type=\"ticket-created\"");

        using var api = account.AdminApi();
        var tickets = JsonNode.Parse(await api.GetStringAsync("api/tickets", TestContext.Current.CancellationToken))!["data"]!.AsArray();
        var ticket = tickets.Single()!;
        ticket["id"]!.GetValue<long>().ShouldBe(id);
        ticket["subject"]!.GetValue<string>().ShouldBe("Parcel never arrived");
        ticket["channel"]!.GetValue<string>().ShouldBe("contact_form");
        ticket["via"]!.GetValue<string>().ShouldBe("form");
        ticket["customer"]!["email"]!.GetValue<string>().ShouldBe("jane@example.com");

        var state = ui.Store.Find(account.Domain)!;
        lock (state.Sync)
        {
            state.Events.All.ShouldContain(e => e.Type == "ticket-created" && e.ObjectType == "Ticket" && e.ObjectId == id);
            var created = state.Tickets.Find(id)!;
            created.FromAgent.ShouldBeFalse();
            created.Language.ShouldBe("fr");
            var message = state.Messages.Find(created.MessageIds.Single())!;
            message.FromAgent.ShouldBeFalse();
            message.SenderId.ShouldBe(created.CustomerId);
            state.Customers.Find(created.CustomerId!.Value)!.Name.ShouldBe("Jane Doe");
        }
    }

    [Fact]
    public async Task Refuse_a_form_post_without_the_antiforgery_token()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        await ui.TokenFromAsync($"/{account.Domain}/app/write-in");

        var (missing, body) = await ui.PostFormAsync($"/{account.Domain}/app/write-in", WriteInFields(), token: null);
        var (forged, _) = await ui.PostFormAsync($"/{account.Domain}/app/write-in", WriteInFields(), token: "CfDJ8forged");

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("antiforgery token is missing or invalid");
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var state = ui.Store.Find(account.Domain)!;
        lock (state.Sync)
        {
            state.Tickets.Count.ShouldBe(0);
        }
    }

    [Fact]
    public async Task Show_the_form_again_with_errors_and_create_nothing_when_the_input_is_invalid()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var token = await ui.TokenFromAsync($"/{account.Domain}/app/write-in");
        var state = ui.Store.Find(account.Domain)!;
        int customersBefore;
        lock (state.Sync)
        {
            customersBefore = state.Customers.Count;
        }

        var (response, body) = await ui.PostFormAsync(
            $"/{account.Domain}/app/write-in",
            WriteInFields(email: "not-an-email", subject: "Kept subject", message: "   ", channel: "carrier-pigeon", language: "fra"),
            token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Please correct the 4 fields below.");
        body.ShouldContain("Enter a valid email address");
        body.ShouldContain("Write a message.");
        body.ShouldContain("Choose one of the listed channels.");
        body.ShouldContain("two-letter ISO 639-1 code");
        body.ShouldContain("value=\"Kept subject\"");
        body.ShouldContain("value=\"not-an-email\"");
        lock (state.Sync)
        {
            state.Tickets.Count.ShouldBe(0);
            state.Customers.Count.ShouldBe(customersBefore);
        }
    }

    [Fact]
    public async Task Refuse_an_over_long_message()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var token = await ui.TokenFromAsync($"/{account.Domain}/app/write-in");

        var (response, body) = await ui.PostFormAsync(
            $"/{account.Domain}/app/write-in", WriteInFields(message: new string('x', TicketPages.MaxMessageLength + 1)), token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("At most 10,000 characters");
    }

    [Fact]
    public async Task Show_tag_chips_in_the_list_fragment()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var state = ui.Store.Find(account.Domain)!;
        long id;
        lock (state.Sync)
        {
            var ticket = TicketOperations.CreateTicket(
                state,
                new NewTicket([new NewMessage("email", "email", false, true, "Hello", null)], "email", "email", CustomerEmail: "tagged@example.com", Subject: "Tag me"),
                null);
            var tag = TicketOperations.FindOrCreateTag(state, "refund-request", null, Guid.NewGuid());
            ticket.TagIds.Add(tag.Id);
            state.Tickets.Touch(ticket, state.Now());
            id = ticket.Id;
        }

        var (response, fragment) = await ui.GetAsync($"/{account.Domain}/app/tickets?fragment=1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        fragment.ShouldNotContain("<html");
        fragment.ShouldContain($"<tr data-ticket-id=\"{id}\">");
        fragment.ShouldContain("data-tag=\"refund-request\"");
        var (_, page) = await ui.GetAsync(TicketPages.TicketHref(account.Domain, id) + "?fragment=1");
        page.ShouldContain("data-tag=\"refund-request\"");
    }

    [Fact]
    public async Task Page_the_ticket_list_newest_updated_first()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var state = ui.Store.Find(account.Domain)!;
        var ids = new List<long>();
        lock (state.Sync)
        {
            for (var i = 0; i < TicketPages.PageSize + 5; i++)
            {
                ids.Add(TicketOperations.CreateTicket(
                    state,
                    new NewTicket([new NewMessage("email", "email", false, true, $"Message {i}", null)], "email", "email",
                        CustomerEmail: "many@example.com", Subject: $"Ticket {i}", CreatedDatetime: state.Now().AddMinutes(i - 100)),
                    null).Id);
            }
        }

        var (_, first) = await ui.GetAsync($"/{account.Domain}/app/tickets");
        var (_, second) = await ui.GetAsync($"/{account.Domain}/app/tickets?page=2");

        first.ShouldContain($"data-ticket-id=\"{ids[^1]}\"");
        first.IndexOf($"data-ticket-id=\"{ids[^1]}\"", StringComparison.Ordinal)
            .ShouldBeLessThan(first.IndexOf($"data-ticket-id=\"{ids[^2]}\"", StringComparison.Ordinal));
        first.ShouldNotContain($"data-ticket-id=\"{ids[0]}\"");
        first.ShouldContain("rel=\"next\"");
        second.ShouldContain($"data-ticket-id=\"{ids[0]}\"");
        second.ShouldContain("Page 2 of 2");
        second.ShouldContain("rel=\"prev\"");
        var (pastTheEnd, past) = await ui.GetAsync($"/{account.Domain}/app/tickets?page={int.MaxValue}");
        pastTheEnd.StatusCode.ShouldBe(HttpStatusCode.OK);
        past.ShouldContain("This page is past the end (2 page(s), 55 tickets)");
        past.ShouldNotContain("data-ticket-id=");
    }

    [Fact]
    public async Task Add_a_customer_reply_to_a_ticket()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var state = ui.Store.Find(account.Domain)!;
        long id;
        lock (state.Sync)
        {
            var ticket = TicketOperations.CreateTicket(
                state,
                new NewTicket([new NewMessage("chat", "chat", false, true, "First", null)], "chat", "chat", CustomerEmail: "reply@example.com", Status: "closed"),
                null);
            id = ticket.Id;
        }

        var href = TicketPages.TicketHref(account.Domain, id);
        var token = await ui.TokenFromAsync(href);
        var (empty, emptyBody) = await ui.PostFormAsync(href + "/reply", [new("message", "")], token);
        var (response, _) = await ui.PostFormAsync(href + "/reply", [new("message", "Any news?")], token);

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        emptyBody.ShouldContain("Write a message.");
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        lock (state.Sync)
        {
            var ticket = state.Tickets.Find(id)!;
            ticket.MessageIds.Count.ShouldBe(2);
            var reply = state.Messages.Find(ticket.MessageIds[^1])!;
            reply.BodyText.ShouldBe("Any news?");
            reply.FromAgent.ShouldBeFalse();
            reply.SenderId.ShouldBe(ticket.CustomerId);
            ticket.Status.ShouldBe("open");
        }
    }

    [Fact]
    public async Task Encode_a_customer_name_with_markup()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var token = await ui.TokenFromAsync($"/{account.Domain}/app/write-in");

        var (response, _) = await ui.PostFormAsync(
            $"/{account.Domain}/app/write-in",
            WriteInFields(name: "<script>alert(1)</script>", subject: "<b>bold</b> & \"quoted\"", message: "<img src=x onerror=alert(2)>"),
            token);
        var (_, page) = await ui.GetAsync(response.Headers.Location!.OriginalString);
        var (_, list) = await ui.GetAsync($"/{account.Domain}/app/tickets");

        page.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        page.ShouldNotContain("<script>alert(1)");
        page.ShouldContain("&lt;img src=x onerror=alert(2)&gt;");
        page.ShouldNotContain("<img src=x");
        list.ShouldContain("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;");
        list.ShouldNotContain("<b>bold</b>");
    }

    [Fact]
    public async Task Answer_404_pages_for_an_unknown_account_and_an_unknown_ticket()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);

        var (noAccount, body) = await ui.GetAsync("/no-such-account/app/tickets");
        var (noTicket, _) = await ui.GetAsync($"/{account.Domain}/app/ticket/1");
        var (noDashboard, _) = await ui.GetAsync("/no-such-account");

        noAccount.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        noAccount.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        body.ShouldContain("There is no account &#39;no-such-account&#39;");
        noTicket.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        noDashboard.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Redirect_the_account_root_to_its_dashboard()
    {
        using var ui = new UiClient(fixture.Sandbox);

        var (redirect, _) = await ui.GetAsync("/acme");
        var (dashboard, body) = await ui.GetAsync("/acme/app");

        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.OriginalString.ShouldBe("/acme/app");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("href=\"/acme/app/tickets\"");
        body.ShouldContain("href=\"/acme/app/apps\"");
        body.ShouldContain("href=\"/acme/app/integrations\"");
        body.ShouldContain("href=\"/acme/app/api-keys\"");
    }

    [Fact]
    public async Task Show_the_api_keys_with_a_curl_example()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);

        var (response, body) = await ui.GetAsync($"/{account.Domain}/app/api-keys");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("Sandbox only");
        body.ShouldContain(account.Admin.ApiKey);
        body.ShouldContain($"curl -u &#39;{account.Admin.Email}:{account.Admin.ApiKey}&#39; &#39;{fixture.Sandbox.BaseAddress.ToString().TrimEnd('/')}/{account.Domain}/api/tickets");
    }

    [Fact]
    public async Task List_integrations_and_their_deliveries()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var state = ui.Store.Find(account.Domain)!;
        lock (state.Sync)
        {
            var now = state.Now();
            state.Integrations.Add(new HttpIntegration
            {
                Id = state.Store.Ids.Next(IdKind.Integration),
                Name = "Autopilot webhook",
                Url = "http://127.0.0.1:5080/hooks/gorgias",
                Triggers = new(StringComparer.Ordinal) { ["ticket-created"] = true, ["ticket-updated"] = false },
                CreatedByClientId = "demo-app",
                ConsecutiveFailures = 3,
                CreatedDatetime = now,
                UpdatedDatetime = now,
            });
            var integration = state.Integrations.All.Single();
            state.DeliveryLog.Add(new SandboxWebhookDelivery(
                77, now, integration.Id, "ticket-created", 123, "POST", integration.Url, 2, 503, "Service Unavailable", 12.3, "retrying", "webhook-5xx"));
        }

        var (response, body) = await ui.GetAsync($"/{account.Domain}/app/integrations");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("Autopilot webhook");
        body.ShouldContain("<code class=\"small\">ticket-created</code>");
        body.ShouldNotContain(">ticket-updated<");
        body.ShouldContain("app <code>demo-app</code>");
        body.ShouldContain("data-delivery-id=\"77\"");
        body.ShouldContain("Service Unavailable");
        body.ShouldContain("webhook-5xx");
    }

    [Fact]
    public async Task Link_connect_to_the_app_url_with_the_account()
    {
        using var ui = new UiClient(fixture.Sandbox);

        var (response, body) = await ui.GetAsync("/acme/app/apps");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("href=\"http://127.0.0.1:5080/gorgias/install?account=acme\" data-connect=\"demo-app\"");
    }

    [Theory]
    [InlineData("https://app.example/install", "https://app.example/install?account=acme")]
    [InlineData("https://app.example/install?src=gorgias", "https://app.example/install?src=gorgias&account=acme")]
    [InlineData("https://app.example/install?src=gorgias#top", "https://app.example/install?src=gorgias&account=acme#top")]
    [InlineData("https://app.example/install/{gorgias_account}", "https://app.example/install/acme")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("/relative", null)]
    public void Build_the_connect_url_from_any_app_url(string appUrl, string? expected) =>
        AppStorePages.ConnectUrl(appUrl, "acme").ShouldBe(expected);

    [Fact]
    public async Task Revoke_an_installation_when_uninstalling()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var ui = new UiClient(fixture.Sandbox);
        var refresh = "refresh-" + Guid.NewGuid().ToString("N");
        var installation = new Installation
        {
            Id = Guid.NewGuid(),
            Account = account.Domain,
            ClientId = "demo-app",
            UserId = account.Admin.Id,
            Scopes = ["openid", "offline", "tickets:read"],
            CreatedAt = ui.Store.Find(account.Domain)!.Now().AddMinutes(-5),
            RefreshToken = refresh,
        };
        ui.OAuth.Installations[installation.Id] = installation;
        ui.OAuth.RefreshTokens[refresh] = installation.Id;

        var (_, before) = await ui.GetAsync($"/{account.Domain}/app/apps");
        before.ShouldContain($"data-installation-id=\"{installation.Id}\"");
        before.ShouldContain(account.Admin.Email);
        var token = await ui.TokenFromAsync($"/{account.Domain}/app/apps");
        var (withoutToken, _) = await ui.PostFormAsync($"/{account.Domain}/app/apps/demo-app/uninstall", [], token: null);
        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        installation.RevokedAt.ShouldBeNull();

        var (response, _) = await ui.PostFormAsync($"/{account.Domain}/app/apps/demo-app/uninstall", [], token);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        installation.RevokedAt.ShouldNotBeNull();
        ui.OAuth.RefreshTokens.ContainsKey(refresh).ShouldBeFalse();
        var (_, after) = await ui.GetAsync(response.Headers.Location!.OriginalString);
        after.ShouldContain("1 installation(s) revoked");
        after.ShouldContain("revoked");
    }
}
