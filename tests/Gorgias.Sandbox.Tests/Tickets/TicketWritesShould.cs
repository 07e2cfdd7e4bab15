using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>Creating, updating and deleting tickets: status codes, validation and update semantics (reference §2.1, §6).</summary>
public sealed class TicketWritesShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Answer_201_200_204_and_then_404_through_a_ticket_lifecycle()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var created = await api.CreateTicketAsync();
        var got = await api.GetJsonAsync($"api/tickets/{created.Id()}");
        var put = await api.PutJsonAsync($"api/tickets/{created.Id()}", """{"priority": "high"}""");
        var deleted = await api.DeleteJsonAsync($"api/tickets/{created.Id()}");
        var gone = await api.GetJsonAsync($"api/tickets/{created.Id()}");
        var deletedAgain = await api.DeleteJsonAsync($"api/tickets/{created.Id()}");
        var list = await api.GetJsonAsync("api/tickets");

        got.Status.ShouldBe(HttpStatusCode.OK);
        put.Status.ShouldBe(HttpStatusCode.OK);
        put.Object.Str("priority").ShouldBe("high");
        deleted.Status.ShouldBe(HttpStatusCode.NoContent);
        deleted.Text.ShouldBeEmpty();
        gone.Status.ShouldBe(HttpStatusCode.NotFound);
        gone.Text.ShouldBe("""{"error":{"msg":"Resource not found."}}""");
        deletedAgain.Status.ShouldBe(HttpStatusCode.NotFound);
        list.Object["data"]!.AsArray().ShouldNotContain(t => t!.Id() == created.Id());
        (await api.GetJsonAsync($"api/tickets/{created.Id()}/messages")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_a_ticket_with_its_customer_message_tags_and_defaults()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var ticket = await api.CreateTicketAsync("new.customer@example.com", """
            "tags": [{"name": "vip"}, {"name": "vip"}], "external_id": "ext-1", "language": "en", "meta": {"order": 42},
            """);

        ticket.Str("status").ShouldBe("open");
        ticket.Str("priority").ShouldBe("normal");
        ticket.Str("channel").ShouldBe("email");
        ticket.Str("via").ShouldBe("api");
        ticket["from_agent"]!.GetValue<bool>().ShouldBeFalse();
        ticket["spam"]!.GetValue<bool>().ShouldBeFalse();
        ticket.Str("external_id").ShouldBe("ext-1");
        ticket["meta"]!["order"]!.GetValue<int>().ShouldBe(42);
        ticket["customer"]!.Str("email").ShouldBe("new.customer@example.com");
        ticket["customer"]!.Str("name").ShouldBe("Jo Lee");
        ticket["tags"]!.AsArray().Select(t => t!.Str("name")).ShouldBe(["vip"]);
        var message = ticket["messages"]!.AsArray().Single()!;
        message["sender"]!.Id().ShouldBe(ticket["customer"]!.Id());
        message["receiver"].ShouldBeNull();
        message["public"]!.GetValue<bool>().ShouldBeTrue();
        ticket["last_received_message_datetime"]!.GetValue<string>().ShouldBe(message.Str("created_datetime"));

        var again = await api.CreateTicketAsync("NEW.customer@example.com");
        again["customer"]!.Id().ShouldBe(ticket["customer"]!.Id());
    }

    [Fact]
    public async Task Accept_every_documented_channel_and_via()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        string[] channels =
        [
            "aircall", "api", "chat", "contact_form", "email", "facebook", "facebook-mention", "facebook-messenger",
            "facebook-recommendations", "help-center", "instagram-ad-comment", "instagram-comment", "instagram-direct-message",
            "instagram-mention", "internal-note", "phone", "sms", "twitter", "twitter-direct-message", "whatsapp", "yotpo-review",
        ];
        string[] viaOnly = ["form", "gorgias_chat", "helpdesk", "instagram", "offline_capture", "rule", "self_service", "shopify", "twilio", "yotpo", "zendesk"];
        var vias = channels.Concat(viaOnly).ToArray();
        var messages = vias.Select((via, i) =>
        {
            var channel = channels[i % channels.Length];
            var agent = channel == "internal-note" ? "true" : "false";
            return $$"""{"channel": "{{channel}}", "via": "{{via}}", "from_agent": {{agent}}, "body_text": "m{{i}}"}""";
        });

        var answer = await api.PostJsonAsync("api/tickets", $$"""
            {"customer": {"email": "all@example.com"}, "channel": "whatsapp", "via": "zendesk", "messages": [{{string.Join(",", messages)}}]}
            """);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        answer.Object["messages"]!.AsArray().Select(m => m!.Str("via")).ShouldBe(vias);
        answer.Object["messages"]!.AsArray().Where(m => m!.Str("channel") == "internal-note").ShouldAllBe(m => !m!["public"]!.GetValue<bool>());
        answer.Object.Str("channel").ShouldBe("whatsapp");
        answer.Object.Str("via").ShouldBe("zendesk");
    }

    [Fact]
    public async Task Refuse_a_ticket_without_messages_with_the_gorgias_error_shape()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var missing = await api.PostJsonAsync("api/tickets", """{"customer": {"email": "a@example.com"}}""");
        var empty = await api.PostJsonAsync("api/tickets", """{"customer": {"email": "a@example.com"}, "messages": []}""");

        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Text.ShouldBe("""{"error":{"msg":"Failed to create ticket","data":{"messages":["Missing data for required field."]}}}""");
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.ErrorData!["messages"]![0]!.GetValue<string>().ShouldContain("between 1 and 500");
    }

    [Fact]
    public async Task Name_every_invalid_field_in_one_400()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var answer = await api.PostJsonAsync("api/tickets", """
            {
              "colour": "red", "status": "new", "priority": "urgent", "channel": "pigeon",
              "assignee_user": {"id": 1}, "tags": [{"id": 1}], "customer": {"id": 2},
              "subject": "{{SUBJECT}}",
              "messages": [{"channel": "email", "via": "fax", "body_text": "x"}, {"channel": "email", "via": "api", "from_agent": false}]
            }
            """.Replace("{{SUBJECT}}", new string('s', 999), StringComparison.Ordinal));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        var data = answer.ErrorData!;
        data["colour"]![0]!.GetValue<string>().ShouldBe("Unknown field.");
        data.ShouldContainKey("status");
        data.ShouldContainKey("priority");
        data.ShouldContainKey("channel");
        data.ShouldContainKey("assignee_user");
        data.ShouldContainKey("tags.0.id");
        data.ShouldContainKey("customer");
        data.ShouldContainKey("subject");
        data.ShouldContainKey("messages.0.via");
        data["messages.0.from_agent"]![0]!.GetValue<string>().ShouldBe("Missing data for required field.");
        (await api.GetJsonAsync("api/tickets")).Object["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Require_a_sender_for_an_incoming_message_when_no_customer_is_given()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var answer = await api.PostJsonAsync("api/tickets", """
            {"messages": [{"channel": "api", "via": "api", "from_agent": false, "body_text": "hi"}]}
            """);
        var bySender = await api.PostJsonAsync("api/tickets", """
            {"messages": [{"channel": "api", "via": "api", "from_agent": false, "sender": {"email": "s@example.com"}, "body_text": "hi"}]}
            """);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorData!["messages.0.sender"]![0]!.GetValue<string>().ShouldBe("Missing data for required field.");
        bySender.Status.ShouldBe(HttpStatusCode.Created, bySender.Text);
        bySender.Object["customer"]!.Str("email").ShouldBe("s@example.com");
    }

    [Fact]
    public async Task Answer_400_to_malformed_or_non_object_json_415_to_another_content_type_and_413_above_one_megabyte()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();

        var malformed = await api.PostJsonAsync("api/tickets", """{"messages": [""");
        var array = await api.PostJsonAsync("api/tickets", "[1, 2]");
        var malformedPut = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", "{nope}");
        var form = await api.SendAsync(HttpMethod.Post, "api/tickets", "a=b", "application/x-www-form-urlencoded");
        var huge = await api.PostJsonAsync("api/tickets", $$"""{"subject": "{{new string('x', 1024 * 1024)}}"}""");
        var unknownQuery = await api.PutJsonAsync($"api/tickets/{ticket.Id()}?dry_run=1", """{"priority": "low"}""");

        malformed.Status.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Json!["error"]!.Str("msg").ShouldContain("not valid JSON");
        array.Status.ShouldBe(HttpStatusCode.BadRequest);
        malformedPut.Status.ShouldBe(HttpStatusCode.BadRequest);
        form.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        huge.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        unknownQuery.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownQuery.ErrorData!.ShouldContainKey("dry_run");
    }

    [Fact]
    public async Task Replace_tags_on_put_and_create_missing_ones()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync(extra: """ "tags": [{"name": "a"}, {"name": "b"}], """);
        var tagA = ticket["tags"]![0]!.Id();

        var put = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", $$"""{"tags": [{"id": {{tagA}}}, {"name": "c"}]}""");
        var cleared = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"tags": []}""");

        put.Status.ShouldBe(HttpStatusCode.OK);
        put.Object["tags"]!.AsArray().Select(t => t!.Str("name")).ShouldBe(["a", "c"]);
        cleared.Object["tags"]!.AsArray().ShouldBeEmpty();
        var tags = await api.WalkAsync("api/tags");
        tags.Select(t => t.Str("name")).ShouldContain("c");
        tags.Single(t => t.Str("name") == "b")["usage"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Assign_then_unassign_with_an_id_null_and_refuse_unknown_assignees()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();
        var agent = account.Info.Users.First(u => u.Role != "admin");

        var assigned = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", $$"""{"assignee_user": {"id": {{agent.Id}} } }""");
        var unassigned = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"assignee_user": {"id": null}}""");
        var unknown = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"assignee_user": {"id": 12345}, "assignee_team": {"id": 777}}""");
        var byEmail = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", $$"""{"assignee_user": {"email": "{{agent.Email}}"} }""");

        assigned.Object["assignee_user"]!.Id().ShouldBe(agent.Id);
        assigned.Object["assignee_user_id"]!.GetValue<long>().ShouldBe(agent.Id);
        unassigned.Status.ShouldBe(HttpStatusCode.OK);
        unassigned.Object["assignee_user"].ShouldBeNull();
        unassigned.Object["assignee_user_id"].ShouldBeNull();
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.ErrorData!.ShouldContainKey("assignee_user");
        unknown.ErrorData!.ShouldContainKey("assignee_team");
        byEmail.Status.ShouldBe(HttpStatusCode.BadRequest);
        byEmail.ErrorData!["assignee_user"]![0]!.GetValue<string>().ShouldContain("id");
    }

    [Fact]
    public async Task Set_closed_datetime_when_closing_and_clear_it_when_reopening()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();

        var closed = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"status": "closed"}""");
        var reopened = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"status": "open"}""");

        closed.Object.Str("status").ShouldBe("closed");
        closed.Object.Str("closed_datetime").ShouldBe(closed.Object.Str("updated_datetime"));
        reopened.Object.Str("status").ShouldBe("open");
        reopened.Object["closed_datetime"].ShouldBeNull();
    }

    [Fact]
    public async Task Keep_updated_datetime_and_record_nothing_for_a_put_that_changes_nothing()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync(extra: """ "priority": "high", "tags": [{"name": "same"}], "meta": {"a": 1}, """);
        var eventsBefore = (await api.WalkAsync("api/events?limit=100")).Count;

        var same = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """
            {"priority": "high", "status": "open", "subject": "Where is my order?", "tags": [{"name": "same"}], "meta": {"a": 1}, "assignee_user": null}
            """);
        var eventsAfter = (await api.WalkAsync("api/events?limit=100")).Count;

        same.Status.ShouldBe(HttpStatusCode.OK);
        same.Object.Str("updated_datetime").ShouldBe(ticket.Str("updated_datetime"));
        eventsAfter.ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Refuse_to_write_created_datetime_or_other_read_only_fields()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();

        var answer = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"created_datetime": "2020-01-01T00:00:00Z", "messages": [], "colour": 1}""");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorData!["created_datetime"]![0]!.GetValue<string>().ShouldBe("This field cannot be changed.");
        answer.ErrorData!.ShouldContainKey("messages");
        answer.ErrorData!["colour"]![0]!.GetValue<string>().ShouldBe("Unknown field.");
        (await api.GetJsonAsync($"api/tickets/{ticket.Id()}")).Object.Str("created_datetime").ShouldBe(ticket.Str("created_datetime"));
    }

    [Fact]
    public async Task Update_the_other_writable_fields()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var ticket = await api.CreateTicketAsync();

        var answer = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", """
            {
              "subject": "Changed", "language": "fr", "external_id": "x-9", "spam": true, "meta": {"k": "v"},
              "snooze_datetime": "2030-01-02T03:04:05Z", "trashed_datetime": "2030-01-01T00:00:00.123456+00:00",
              "customer": {"email": "other@example.com", "name": "Other Person"}, "priority": "critical"
            }
            """);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        var t = answer.Object;
        t.Str("subject").ShouldBe("Changed");
        t.Str("language").ShouldBe("fr");
        t.Str("external_id").ShouldBe("x-9");
        t["spam"]!.GetValue<bool>().ShouldBeTrue();
        t["meta"]!.Str("k").ShouldBe("v");
        t.Str("snooze_datetime").ShouldBe("2030-01-02T03:04:05.000000+00:00");
        t.Str("trashed_datetime").ShouldBe("2030-01-01T00:00:00.123456+00:00");
        t["customer"]!.Str("email").ShouldBe("other@example.com");
        t.Str("priority").ShouldBe("critical");
        var untrashed = await api.GetJsonAsync("api/tickets?trashed=false");
        untrashed.Object["data"]!.AsArray().ShouldNotContain(x => x!.Id() == ticket.Id());
    }

    [Fact]
    public async Task Replace_custom_fields_on_put_and_manage_them_one_by_one()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var reason = fixture.Sandbox.AddTicketField(account.Domain, "Reason");
        var amount = fixture.Sandbox.AddTicketField(account.Domain, "Amount", "number");
        var ticket = await api.CreateTicketAsync(extra: $$""" "custom_fields": [{"id": {{reason}}, "value": "refund"}], """);

        var put = await api.PutJsonAsync($"api/tickets/{ticket.Id()}", $$"""{"custom_fields": [{"id": {{amount}}, "value": 12.5}]}""");
        var bulk = await api.PutJsonAsync($"api/tickets/{ticket.Id()}/custom-fields", $$"""[{"id": {{reason}}, "value": "late"}]""");
        var one = await api.PutJsonAsync($"api/tickets/{ticket.Id()}/custom-fields/{reason}", """{"value": "damaged"}""");
        var wrongType = await api.PutJsonAsync($"api/tickets/{ticket.Id()}/custom-fields/{amount}", """{"value": "twelve"}""");
        var unknownField = await api.PutJsonAsync($"api/tickets/{ticket.Id()}/custom-fields", """[{"id": 1, "value": "x"}]""");
        var deleted = await api.DeleteJsonAsync($"api/tickets/{ticket.Id()}/custom-fields/{amount}");
        var list = await api.GetJsonAsync($"api/tickets/{ticket.Id()}/custom-fields");

        ticket["custom_fields"]![reason.ToString(System.Globalization.CultureInfo.InvariantCulture)]!.Str("value").ShouldBe("refund");
        put.Object["custom_fields"]!.AsObject().Select(p => p.Key).ShouldBe([amount.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        bulk.Status.ShouldBe(HttpStatusCode.OK);
        bulk.Object["data"]!.AsArray().Count.ShouldBe(2);
        one.Status.ShouldBe(HttpStatusCode.OK);
        one.Object.Str("value").ShouldBe("damaged");
        one.Object["field"]!.Str("label").ShouldBe("Reason");
        wrongType.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownField.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownField.ErrorData!.ShouldContainKey("0.id");
        deleted.Status.ShouldBe(HttpStatusCode.NoContent);
        list.Object["data"]!.AsArray().Select(v => (v!.Id(), v!.Str("value"))).ShouldBe([(reason, "damaged")]);
    }
}
