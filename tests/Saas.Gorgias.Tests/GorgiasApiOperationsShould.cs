using System.Text.Json.Nodes;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;

namespace Saas.Gorgias.Tests;

/// <summary>Every typed operation against the sandbox over loopback HTTP (which refuses unknown fields and parameters).</summary>
public sealed class GorgiasApiOperationsShould
{
    private static CancellationToken Ct => SandboxKit.Ct;

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }

    private static GorgiasTicketCreate NewTicket(string email, params GorgiasTagRequest[] tags) =>
        new(
            [new GorgiasMessageCreate("email", "email", FromAgent: false, BodyText: "Where is my order #1001?", Subject: "Order status")],
            Customer: new GorgiasCustomerRef(Email: email, Name: "New Buyer"),
            Subject: "Order status",
            Priority: "normal",
            Language: "en",
            Tags: tags);

    [Fact]
    public async Task Read_the_account_users_and_teams()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();

        (await kit.Api.GetAccountAsync(caller, Ct)).Domain.ShouldBe("acme");
        var me = await kit.Api.GetUserAsync(caller, 0, Ct);
        me.Role!.Name.ShouldBe("admin");
        var users = await ToListAsync(kit.Api.ListUsersAsync(caller, Ct));
        users.Select(u => u.Id).ShouldContain(me.Id);
        (await kit.Api.GetUserAsync(caller, users[^1].Id, Ct)).Email.ShouldBe(users[^1].Email);
        var teams = await ToListAsync(kit.Api.ListTeamsAsync(caller, Ct));
        teams.ShouldNotBeEmpty();
        (await kit.Api.GetTeamAsync(caller, teams[0].Id, Ct)).Name.ShouldBe(teams[0].Name);
    }

    [Fact]
    public async Task Create_read_list_update_and_delete_a_ticket()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        var me = await kit.Api.GetUserAsync(caller, 0, Ct);
        var teams = await ToListAsync(kit.Api.ListTeamsAsync(caller, Ct));

        var created = await kit.Api.CreateTicketAsync(caller, NewTicket("new.buyer@example.com", new GorgiasTagRequest(Name: "vip")), Ct);

        created.Id.ShouldBeGreaterThan(0);
        created.Customer!.Email.ShouldBe("new.buyer@example.com");
        created.Tags.ShouldHaveSingleItem().Name.ShouldBe("vip");
        created.Messages.ShouldHaveSingleItem().FromAgent.ShouldBe(false);

        var updated = await kit.Api.UpdateTicketAsync(caller, created.Id, new GorgiasTicketUpdate(Priority: "high", Status: "closed", AssigneeUser: new(me.Id), AssigneeTeam: new(teams[0].Id)), Ct);
        updated.Priority.ShouldBe("high");
        updated.Status.ShouldBe("closed");
        updated.ClosedDatetime.ShouldNotBeNull();
        updated.AssigneeUser!.Id.ShouldBe(me.Id);
        updated.AssigneeTeam!.Id.ShouldBe(teams[0].Id);
        updated.UpdatedDatetime.ShouldNotBeNull().ShouldBeGreaterThan(created.UpdatedDatetime!.Value);

        var unassigned = await kit.Api.UpdateTicketAsync(caller, created.Id, new GorgiasTicketUpdate(AssigneeUser: new(null)), Ct);
        unassigned.AssigneeUser.ShouldBeNull();
        unassigned.AssigneeTeam!.Id.ShouldBe(teams[0].Id);

        var read = await kit.Api.GetTicketAsync(caller, created.Id, Ct);
        read.Priority.ShouldBe("high");
        read.Messages.ShouldHaveSingleItem().BodyText.ShouldBe("Where is my order #1001?");

        var listed = await ToListAsync(kit.Api.ListTicketsAsync(caller, new GorgiasTicketQuery(OrderBy: GorgiasOrder.UpdatedAscending), Ct));
        listed.Count.ShouldBe(3);
        listed[^1].Id.ShouldBe(created.Id);
        listed[^1].MessagesCount.ShouldBe(1);
        (await ToListAsync(kit.Api.ListTicketsAsync(caller, new GorgiasTicketQuery(CustomerId: created.Customer.Id), Ct))).ShouldHaveSingleItem().Id.ShouldBe(created.Id);
        (await ToListAsync(kit.Api.ListTicketsAsync(caller, new GorgiasTicketQuery(TicketIds: [created.Id, listed[0].Id]), Ct))).Count.ShouldBe(2);

        (await kit.Api.DeleteTicketAsync(caller, created.Id, Ct)).ShouldBeTrue();
        (await kit.Api.DeleteTicketAsync(caller, created.Id, Ct)).ShouldBeFalse();
        var gone = await Should.ThrowAsync<GorgiasNotFoundException>(kit.Api.GetTicketAsync(caller, created.Id, Ct));
        gone.IsNotFound.ShouldBeTrue();
        gone.Message.ShouldBe($"Gorgias answered 404 to GET /api/tickets/{created.Id}: Resource not found.");
    }

    [Fact]
    public async Task Add_list_and_read_messages()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        var ticket = await kit.Api.CreateTicketAsync(caller, NewTicket("buyer2@example.com"), Ct);

        var note = await kit.Api.CreateMessageAsync(caller, ticket.Id, new GorgiasMessageCreate("internal-note", "helpdesk", FromAgent: true, BodyText: "Checked the carrier", Public: false), Ct);
        var reply = await kit.Api.CreateMessageAsync(caller, ticket.Id, new GorgiasMessageCreate("email", "helpdesk", FromAgent: true, BodyText: "It ships tomorrow", SentDatetime: DateTimeOffset.UtcNow), Ct);

        note.Public.ShouldBe(false);
        note.TicketId.ShouldBe(ticket.Id);
        reply.Receiver!.Id.ShouldBe(ticket.Customer!.Id);
        (await ToListAsync(kit.Api.ListTicketMessagesAsync(caller, ticket.Id, Ct))).Select(m => m.Id).ShouldBe([ticket.Messages![0].Id, note.Id, reply.Id]);
        (await ToListAsync(kit.Api.ListMessagesAsync(caller, ticket.Id, Ct))).Select(m => m.BodyText).ShouldBe(["Where is my order #1001?", "Checked the carrier", "It ships tomorrow"]);
        (await ToListAsync(kit.Api.ListMessagesAsync(caller, cancellationToken: Ct))).Count.ShouldBeGreaterThan(3);
        (await kit.Api.GetMessageAsync(caller, ticket.Id, reply.Id, Ct)).BodyText.ShouldBe("It ships tomorrow");
    }

    [Fact]
    public async Task Add_replace_and_remove_ticket_tags()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        var ticket = await kit.Api.CreateTicketAsync(caller, NewTicket("buyer3@example.com"), Ct);

        await kit.Api.AddTicketTagsAsync(caller, ticket.Id, new GorgiasTicketTags(Names: ["refund", "urgent"]), Ct);
        await kit.Api.AddTicketTagsAsync(caller, ticket.Id, new GorgiasTicketTags(Names: ["refund"]), Ct);
        (await kit.Api.ListTicketTagsAsync(caller, ticket.Id, Ct)).Select(t => t.Name).ShouldBe(["refund", "urgent"], ignoreOrder: true);

        await kit.Api.ReplaceTicketTagsAsync(caller, ticket.Id, new GorgiasTicketTags(Names: ["shipping"]), Ct);
        var tags = await kit.Api.ListTicketTagsAsync(caller, ticket.Id, Ct);
        tags.ShouldHaveSingleItem().Name.ShouldBe("shipping");

        await kit.Api.RemoveTicketTagsAsync(caller, ticket.Id, new GorgiasTicketTags(Ids: [tags[0].Id]), Ct);
        (await kit.Api.ListTicketTagsAsync(caller, ticket.Id, Ct)).ShouldBeEmpty();
        (await kit.Api.GetTicketAsync(caller, ticket.Id, Ct)).Tags.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_read_list_update_and_delete_tags()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();

        var tag = await kit.Api.CreateTagAsync(caller, new GorgiasTagWrite("client-test", "made by a test", new GorgiasTagDecoration("#00ff00")), Ct);
        (await Should.ThrowAsync<GorgiasApiException>(kit.Api.CreateTagAsync(caller, new GorgiasTagWrite("client-test"), Ct))).IsConflict.ShouldBeTrue();
        (await kit.Api.GetTagAsync(caller, tag.Id, Ct)).Description.ShouldBe("made by a test");
        (await kit.Api.UpdateTagAsync(caller, tag.Id, new GorgiasTagWrite(Name: "client-test-2"), Ct)).Name.ShouldBe("client-test-2");
        (await ToListAsync(kit.Api.ListTagsAsync(caller, "CLIENT-TEST", Ct))).ShouldHaveSingleItem().Id.ShouldBe(tag.Id);
        (await ToListAsync(kit.Api.ListTagsAsync(caller, cancellationToken: Ct))).Count.ShouldBeGreaterThan(1);
        (await kit.Api.DeleteTagAsync(caller, tag.Id, Ct)).ShouldBeTrue();
        await Should.ThrowAsync<GorgiasNotFoundException>(kit.Api.GetTagAsync(caller, tag.Id, Ct));
    }

    [Fact]
    public async Task Create_read_list_and_update_customers()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();

        var customer = await kit.Api.CreateCustomerAsync(caller, new GorgiasCustomerRequest(Email: "Jane.Doe@example.com", Name: "Jane Doe", Language: "en", Channels: [new("phone", "+14155550100")]), Ct);
        customer.Firstname.ShouldBe("Jane");
        customer.Channels!.Select(c => c.Type).ShouldBe(["email", "phone"], ignoreOrder: true);

        var conflict = await Should.ThrowAsync<GorgiasApiException>(kit.Api.CreateCustomerAsync(caller, new GorgiasCustomerRequest(Email: "jane.doe@example.com"), Ct));
        conflict.IsConflict.ShouldBeTrue();
        conflict.Fields.ShouldContain("email");

        (await kit.Api.UpdateCustomerAsync(caller, customer.Id, new GorgiasCustomerRequest(Note: "VIP"), Ct)).Note.ShouldBe("VIP");
        (await kit.Api.GetCustomerAsync(caller, customer.Id, Ct)).Note.ShouldBe("VIP");
        (await ToListAsync(kit.Api.ListCustomersAsync(caller, new GorgiasCustomerQuery(Email: "jane.doe@example.com"), Ct))).ShouldHaveSingleItem().Id.ShouldBe(customer.Id);
        (await ToListAsync(kit.Api.ListCustomersAsync(caller, new GorgiasCustomerQuery(ChannelType: "phone", ChannelAddress: "+14155550100"), Ct))).ShouldHaveSingleItem();
        (await ToListAsync(kit.Api.ListCustomersAsync(caller, new GorgiasCustomerQuery(OrderBy: GorgiasOrder.UpdatedAscending), Ct)))[^1].Id.ShouldBe(customer.Id);
    }

    [Fact]
    public async Task List_events_with_server_side_filters_and_read_one()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        var before = (await kit.Api.GetAccountAsync(caller, Ct)).CreatedDatetime;
        var ticket = await kit.Api.CreateTicketAsync(caller, NewTicket("buyer4@example.com"), Ct);
        await kit.Api.UpdateTicketAsync(caller, ticket.Id, new GorgiasTicketUpdate(Priority: "high"), Ct);

        var ofTicket = await ToListAsync(kit.Api.ListEventsAsync(caller, new GorgiasEventQuery(ObjectType: GorgiasEventTypes.ObjectTicket, ObjectId: ticket.Id), Ct));
        ofTicket.Select(e => e.Type).ShouldBe([GorgiasEventTypes.TicketCreated, GorgiasEventTypes.TicketUpdated]);
        ofTicket[1].Data!.Value.GetProperty("changes").GetProperty("priority")[1].GetString().ShouldBe("high");

        var created = await ToListAsync(kit.Api.ListEventsAsync(caller, new GorgiasEventQuery(Types: [GorgiasEventTypes.TicketCreated], CreatedFrom: ticket.CreatedDatetime), Ct));
        created.ShouldHaveSingleItem().ObjectId.ShouldBe(ticket.Id);
        (await ToListAsync(kit.Api.ListEventsAsync(caller, new GorgiasEventQuery(ObjectId: ticket.Id, CreatedBefore: before), Ct))).ShouldBeEmpty();
        var newestFirst = await ToListAsync(kit.Api.ListEventsAsync(caller, new GorgiasEventQuery(ObjectType: GorgiasEventTypes.ObjectTicket, ObjectId: ticket.Id, Descending: true), Ct));
        newestFirst[0].Type.ShouldBe(GorgiasEventTypes.TicketUpdated);
        (await kit.Api.GetEventAsync(caller, created[0].Id, Ct)).Context.ShouldBe(created[0].Context);
    }

    [Fact]
    public async Task Create_read_list_and_replace_satisfaction_surveys()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        var ticket = await kit.Api.CreateTicketAsync(caller, NewTicket("buyer5@example.com"), Ct);

        var survey = await kit.Api.CreateSatisfactionSurveyAsync(caller, new GorgiasSatisfactionSurveyWrite(ticket.Id, ticket.Customer!.Id, Score: 4, BodyText: "Quick answer"), Ct);
        survey.Score.ShouldBe(4);
        (await Should.ThrowAsync<GorgiasApiException>(kit.Api.CreateSatisfactionSurveyAsync(caller, new GorgiasSatisfactionSurveyWrite(ticket.Id, ticket.Customer.Id), Ct))).IsConflict.ShouldBeTrue();

        var replaced = await kit.Api.UpdateSatisfactionSurveyAsync(caller, survey.Id, new GorgiasSatisfactionSurveyWrite(ticket.Id, ticket.Customer.Id, Score: 5), Ct);
        replaced.Score.ShouldBe(5);
        replaced.BodyText.ShouldBeNull();
        (await kit.Api.GetSatisfactionSurveyAsync(caller, survey.Id, Ct)).Score.ShouldBe(5);
        (await ToListAsync(kit.Api.ListSatisfactionSurveysAsync(caller, Ct))).Select(s => s.Id).ShouldContain(survey.Id);
    }

    [Fact]
    public async Task Read_custom_fields_and_set_a_tickets_values()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = await kit.CallerAsync();
        var fields = await ToListAsync(kit.Api.ListCustomFieldsAsync(caller, "Ticket", Ct));
        var dropdown = fields.First(f => f.Definition!.InputSettings!.Value.GetProperty("input_type").GetString() == "dropdown");
        var text = fields.First(f => f.Definition!.InputSettings!.Value.GetProperty("input_type").GetString() == "input" && f.Definition.DataType == "text");
        (await kit.Api.GetCustomFieldAsync(caller, dropdown.Id, Ct)).Label.ShouldBe(dropdown.Label);
        (await ToListAsync(kit.Api.ListCustomFieldsAsync(caller, "Customer", Ct))).ShouldAllBe(f => f.ObjectType == "Customer");
        var choice = dropdown.Definition!.InputSettings!.Value.GetProperty("choices")[0].GetString();

        var ticket = await kit.Api.CreateTicketAsync(caller, NewTicket("buyer6@example.com") with { CustomFields = [new GorgiasFieldValueRequest(dropdown.Id, JsonValue.Create(choice))] }, Ct);
        ticket.CustomFields![dropdown.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)].Value!.Value.GetString().ShouldBe(choice);

        var values = await kit.Api.SetTicketFieldValuesAsync(caller, ticket.Id, [new GorgiasFieldValueRequest(text.Id, JsonValue.Create("A-1001"))], Ct);
        values.Select(v => v.Id).ShouldBe([dropdown.Id, text.Id], ignoreOrder: true);
        (await kit.Api.SetTicketFieldValueAsync(caller, ticket.Id, text.Id, JsonValue.Create("A-1002"), Ct)).Value!.Value.GetString().ShouldBe("A-1002");
        var listed = await kit.Api.ListTicketFieldValuesAsync(caller, ticket.Id, Ct);
        listed.Single(v => v.Id == text.Id).Field!.Label.ShouldBe(text.Label);

        (await kit.Api.ClearTicketFieldValueAsync(caller, ticket.Id, text.Id, Ct)).ShouldBeTrue();
        (await kit.Api.ListTicketFieldValuesAsync(caller, ticket.Id, Ct)).ShouldHaveSingleItem().Id.ShouldBe(dropdown.Id);

        var refused = await Should.ThrowAsync<GorgiasApiException>(kit.Api.SetTicketFieldValuesAsync(caller, ticket.Id, [new GorgiasFieldValueRequest(dropdown.Id, JsonValue.Create("changed")), new GorgiasFieldValueRequest(999_999, JsonValue.Create("x"))], Ct));
        refused.Status.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await kit.Api.GetTicketAsync(caller, ticket.Id, Ct)).CustomFields![dropdown.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)].Value!.Value.GetString().ShouldBe(choice);
    }

    [Fact]
    public async Task Name_the_lane_and_tenant_of_each_call_to_the_gate()
    {
        await using var kit = await SandboxKit.StartAsync();
        var caller = (await kit.CallerAsync(tenant: "t-1")).In(GorgiasLane.Backfill);

        await kit.Api.GetAccountAsync(caller, Ct);

        var wait = kit.Gate.Waits.ShouldHaveSingleItem();
        wait.Lane.ShouldBe(GorgiasLane.Backfill);
        wait.Tenant.ShouldBe("t-1");
    }
}
