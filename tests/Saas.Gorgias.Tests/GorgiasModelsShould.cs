using System.Text.Json;
using Saas.Gorgias.Api;

namespace Saas.Gorgias.Tests;

/// <summary>The models against a real Gorgias payload (captured webhook body) and Gorgias' JSON conventions.</summary>
public sealed class GorgiasModelsShould
{
    private static readonly JsonSerializerOptions Json = GorgiasJson.Options;

    [Fact]
    public void Parse_the_captured_ticket_webhook_payload()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "ticket-webhook-payload.json"));

        var ticket = JsonSerializer.Deserialize<GorgiasTicket>(text, Json)!;

        ticket.Id.ShouldBe(86538298);
        ticket.Account!.Domain.ShouldBe("pipedream");
        ticket.Status.ShouldBe("open");
        ticket.Priority.ShouldBe("normal");
        ticket.Channel.ShouldBe("email");
        ticket.Via.ShouldBe("helpdesk");
        ticket.Subject.ShouldBe("test");
        ticket.Language.ShouldBeNull();
        ticket.FromAgent.ShouldBe(true);
        ticket.Spam.ShouldBe(false);
        ticket.Tags.ShouldNotBeNull().ShouldBeEmpty();
        ticket.AssigneeTeam.ShouldBeNull();
        ticket.AssigneeUser!.Id.ShouldBe(387654483);
        ticket.AssigneeUser.Email.ShouldBe("test@sample.com");
        ticket.AssigneeUserId.ShouldBe(387654483);
        ticket.Customer!.Id.ShouldBe(387705374);
        ticket.Customer.Name.ShouldBeNull();
        ticket.Customer.Channels.ShouldHaveSingleItem().Address.ShouldBe("test@sample.com");
        ticket.CreatedDatetime.ShouldBe(new DateTimeOffset(2024, 2, 14, 21, 30, 50, TimeSpan.Zero).AddTicks(2012040));
        ticket.UpdatedDatetime.ShouldBe(new DateTimeOffset(2024, 2, 14, 21, 30, 50, TimeSpan.Zero).AddTicks(2289480));
        ticket.ClosedDatetime.ShouldBeNull();
        ticket.LastMessageDatetime.ShouldBe(ticket.CreatedDatetime);

        var message = ticket.Messages.ShouldHaveSingleItem();
        message.Id.ShouldBe(208822164);
        message.TicketId.ShouldBe(86538298);
        message.BodyText.ShouldBe("hello");
        message.BodyHtml.ShouldBe("<div>hello</div>");
        message.FromAgent.ShouldBe(true);
        message.Public.ShouldBe(true);
        message.Channel.ShouldBe("email");
        message.Sender!.Id.ShouldBe(387654483);
        message.Receiver!.Email.ShouldBe("test@sample.com");
        message.Source!.From!.Address.ShouldBe("jk0nxgz1z70o74pm@email.gorgias.com");
        message.Source.To.ShouldHaveSingleItem().Address.ShouldBe("test@sample.com");
        message.SentDatetime.ShouldBeNull();
        ticket.FirstMessage!.BodyText.ShouldBe("sdfsd");
        ticket.LastMessage!.Id.ShouldBe(208822164);
    }

    [Fact]
    public void Ignore_unknown_fields_and_accept_nulls_everywhere_optional()
    {
        var ticket = JsonSerializer.Deserialize<GorgiasTicket>(
            """{"id": 1, "brand_new_field": {"x": [1, 2]}, "customer": null, "tags": null, "custom_fields": {"7": {"id": 7, "value": null}}, "updated_datetime": "2024-03-01T10:00:00.123456+00:00"}""",
            Json)!;

        ticket.Id.ShouldBe(1);
        ticket.Customer.ShouldBeNull();
        ticket.Tags.ShouldBeNull();
        ticket.CustomFields!["7"].Value.ShouldBeNull();
        ticket.UpdatedDatetime!.Value.Ticks.ShouldBe(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560).Ticks);
    }

    [Fact]
    public void Parse_an_event_with_its_data()
    {
        var e = JsonSerializer.Deserialize<GorgiasEvent>(
            """{"context": "36ec248b-e711-683f-4403-1808ad454a50", "created_datetime": "2026-11-30T11:38:22.624544+00:00", "data": {"ticket_id": 86500195}, "id": 5100000985, "object_id": 208800580, "object_type": "TicketMessage", "type": "ticket-message-created", "uri": "/api/events/5100000985/", "user_id": 387600005}""",
            Json)!;

        e.Type.ShouldBe(GorgiasEventTypes.TicketMessageCreated);
        e.ObjectType.ShouldBe(GorgiasEventTypes.ObjectTicketMessage);
        e.ObjectId.ShouldBe(208800580);
        e.UserId.ShouldBe(387600005);
        e.Data!.Value.GetProperty("ticket_id").GetInt64().ShouldBe(86500195);
    }

    [Fact]
    public void Write_requests_in_snake_case_without_unset_members_but_with_an_explicit_unassign()
    {
        var body = JsonSerializer.Serialize(new GorgiasTicketUpdate(Priority: "high", AssigneeUser: new GorgiasIdRef(null)), Json);

        body.ShouldBe("""{"priority":"high","assignee_user":{"id":null}}""");
    }
}
