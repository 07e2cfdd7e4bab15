using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>Ticket messages (reference §2.2).</summary>
public sealed class TicketMessagesShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Add_an_agent_reply_addressed_to_the_customer_and_an_internal_note()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();

        var reply = await api.PostJsonAsync($"api/tickets/{ticket.Id()}/messages", """
            {"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "It ships today.", "subject": "Re: order"}
            """);
        var note = await api.PostJsonAsync($"api/tickets/{ticket.Id()}/messages?action=force", """
            {"channel": "internal-note", "via": "helpdesk", "from_agent": true, "body_text": "VIP customer"}
            """);
        var fetched = await api.GetJsonAsync($"api/tickets/{ticket.Id()}");

        reply.Status.ShouldBe(HttpStatusCode.Created, reply.Text);
        reply.Object["sender"]!.Id().ShouldBe(account.Admin.Id);
        reply.Object["receiver"]!.Id().ShouldBe(ticket["customer"]!.Id());
        reply.Object["public"]!.GetValue<bool>().ShouldBeTrue();
        reply.Object["ticket_id"]!.GetValue<long>().ShouldBe(ticket.Id());
        note.Status.ShouldBe(HttpStatusCode.Created, note.Text);
        note.Object["public"]!.GetValue<bool>().ShouldBeFalse();
        note.Object["receiver"].ShouldBeNull();
        fetched.Object["messages"]!.AsArray().Select(m => m!.Id()).ShouldBe([ticket["messages"]![0]!.Id(), reply.Object.Id(), note.Object.Id()]);
        string.CompareOrdinal(fetched.Object.Str("updated_datetime"), ticket.Str("updated_datetime")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Refuse_invalid_messages()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        var url = $"api/tickets/{ticket.Id()}/messages";

        var missing = await api.PostJsonAsync(url, """{"body_text": "x"}""");
        var publicNote = await api.PostJsonAsync(url, """{"channel": "internal-note", "via": "helpdesk", "from_agent": true, "public": true}""");
        var badAction = await api.PostJsonAsync(url + "?action=later", """{"channel": "email", "via": "api", "from_agent": true}""");
        var unknownSender = await api.PostJsonAsync(url, """{"channel": "email", "via": "api", "from_agent": true, "sender": {"id": 5}}""");
        var unknownTicket = await api.PostJsonAsync("api/tickets/1/messages", """{"channel": "email", "via": "api", "from_agent": true}""");

        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.ErrorData!.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(["channel", "from_agent", "via"]);
        publicNote.Status.ShouldBe(HttpStatusCode.BadRequest);
        publicNote.ErrorData!.ShouldContainKey("public");
        badAction.Status.ShouldBe(HttpStatusCode.BadRequest);
        badAction.ErrorData!.ShouldContainKey("action");
        unknownSender.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownSender.ErrorData!.ShouldContainKey("sender");
        unknownTicket.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reopen_a_closed_ticket_when_the_customer_writes_again()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"status": "closed"}""");

        var message = await api.PostJsonAsync($"api/tickets/{ticket.Id()}/messages", """
            {"channel": "email", "via": "email", "from_agent": false, "body_text": "Still waiting"}
            """);
        var fetched = await api.GetJsonAsync($"api/tickets/{ticket.Id()}");
        var reopened = await api.GetJsonAsync($"api/events?types=ticket-reopened&object_id={ticket.Id()}");

        message.Object["sender"]!.Id().ShouldBe(ticket["customer"]!.Id());
        fetched.Object.Str("status").ShouldBe("open");
        fetched.Object["closed_datetime"].ShouldBeNull();
        reopened.Object["data"]!.AsArray().Single()!["context"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Get_update_with_202_and_delete_a_message()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        var other = await api.CreateTicketAsync("other@example.com");
        var messageId = ticket["messages"]![0]!.Id();
        var url = $"api/tickets/{ticket.Id()}/messages/{messageId}";

        var got = await api.GetJsonAsync(url);
        var wrongTicket = await api.GetJsonAsync($"api/tickets/{other.Id()}/messages/{messageId}");
        var updated = await api.PutJsonAsync(url, """{"body_text": "Edited", "external_id": "m-1", "channel": "email"}""");
        var changeChannel = await api.PutJsonAsync(url, """{"channel": "sms"}""");
        var readOnly = await api.PutJsonAsync(url, """{"created_datetime": "2020-01-01T00:00:00Z"}""");
        var deleted = await api.DeleteJsonAsync(url);
        var gone = await api.GetJsonAsync(url);
        var fetched = await api.GetJsonAsync($"api/tickets/{ticket.Id()}");

        got.Status.ShouldBe(HttpStatusCode.OK);
        got.Object.Id().ShouldBe(messageId);
        wrongTicket.Status.ShouldBe(HttpStatusCode.NotFound);
        updated.Status.ShouldBe(HttpStatusCode.Accepted);
        updated.Object.Str("body_text").ShouldBe("Edited");
        updated.Object.Str("external_id").ShouldBe("m-1");
        changeChannel.Status.ShouldBe(HttpStatusCode.BadRequest);
        readOnly.Status.ShouldBe(HttpStatusCode.BadRequest);
        deleted.Status.ShouldBe(HttpStatusCode.NoContent);
        deleted.Text.ShouldBeEmpty();
        gone.Status.ShouldBe(HttpStatusCode.NotFound);
        fetched.Object["messages"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task List_messages_of_a_ticket_and_of_the_account_with_pagination_and_filters()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        var other = await api.CreateTicketAsync("other@example.com");
        for (var i = 0; i < 4; i++)
        {
            (await api.PostJsonAsync($"api/tickets/{ticket.Id()}/messages", $$"""{"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "r{{i}}"}""")).Status.ShouldBe(HttpStatusCode.Created);
        }

        var perTicket = await api.WalkAsync($"api/tickets/{ticket.Id()}/messages?limit=2&order_by=created_datetime:asc");
        var all = await api.WalkAsync("api/messages?limit=3");
        var filtered = await api.WalkAsync($"api/messages?ticket_id={ticket.Id()}&order_by=created_datetime:asc&limit=2");
        var badOrder = await api.GetJsonAsync("api/messages?order_by=updated_datetime:asc");
        var unknownTicket = await api.GetJsonAsync("api/tickets/1/messages");

        perTicket.Select(m => m.Str("body_text")).ShouldBe(["Hello, where is my order?", "r0", "r1", "r2", "r3"]);
        all.Count.ShouldBe(6);
        all.Select(m => m.Id()).ShouldBe(all.Select(m => m.Id()).OrderDescending());
        all.ShouldContain(m => m["ticket_id"]!.GetValue<long>() == other.Id());
        filtered.Select(m => m.Id()).ShouldBe(perTicket.Select(m => m.Id()));
        badOrder.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownTicket.Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
