using System.Net;
using Gorgias.Sandbox.Json;
using Microsoft.Extensions.Time.Testing;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>Events recorded by ticket-side writes and the <c>/api/events</c> filters (reference §2.6).</summary>
public sealed class TicketEventsShould
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    private static string At(int seconds) => Uri.EscapeDataString(GorgiasJson.Format(Start.AddSeconds(seconds)));

    [Fact]
    public async Task Record_events_for_create_update_message_tags_and_delete()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await TicketApi.StartUnlimitedAsync(clock);
        var account = await sandbox.NewAccountAsync();
        using var api = account.AdminApi();
        var adminId = account.Admin.Id;
        var agent = account.Info.Users.First(u => u.Role != "admin");

        var ticket = await api.CreateTicketAsync(extra: """ "tags": [{"name": "new-tag"}], """);
        var id = ticket.Id();
        clock.Advance(TimeSpan.FromSeconds(1));
        await api.PutJsonAsync($"api/tickets/{id}", $$"""{"priority": "high", "status": "closed", "assignee_user": {"id": {{agent.Id}} } }""");
        clock.Advance(TimeSpan.FromSeconds(1));
        var reply = await api.PostJsonAsync($"api/tickets/{id}/messages", """{"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "hi"}""");
        clock.Advance(TimeSpan.FromSeconds(1));
        await api.PostJsonAsync($"api/tickets/{id}/tags", """{"names": ["added"]}""");
        clock.Advance(TimeSpan.FromSeconds(1));
        await api.DeleteJsonAsync($"api/tickets/{id}");

        var events = await api.WalkAsync("api/events?order_by=created_datetime:asc&limit=100");
        var mine = events.Where(e => e.Str("object_type") == "Ticket" && e["object_id"]!.GetValue<long>() == id).ToList();

        mine.Select(e => e.Str("type")).ShouldBe(
        [
            "ticket-created", "ticket-updated", "ticket-closed", "ticket-assigned", "ticket-updated", "ticket-tags-added", "ticket-deleted",
        ]);
        events.ShouldAllBe(e => e["user_id"]!.GetValue<long>() == adminId);
        events.Select(e => e.Str("type")).ShouldContain("customer-created");
        events.Count(e => e.Str("type") == "tag-created").ShouldBe(2);

        var created = mine[0];
        var createdMessage = events.Single(e => e.Str("type") == "ticket-message-created" && e["object_id"]!.GetValue<long>() == ticket["messages"]![0]!.Id());
        createdMessage.Str("object_type").ShouldBe("TicketMessage");
        createdMessage["data"]!["ticket_id"]!.GetValue<long>().ShouldBe(id);
        createdMessage.Str("context").ShouldBe(created.Str("context"));
        created.Str("created_datetime").ShouldBe(GorgiasJson.Format(Start));
        created.Str("uri").ShouldBe($"/api/events/{created.Id()}/");

        var update = mine[1];
        update["data"]!["changes"]!["priority"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["normal", "high"]);
        update["data"]!["changes"]!["status"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["open", "closed"]);
        update["data"]!["changes"]!["assignee_user_id"]![1]!.GetValue<long>().ShouldBe(agent.Id);
        mine[3]["data"]!["assignee_user_id"]!.GetValue<long>().ShouldBe(agent.Id);
        mine[2].Str("context").ShouldBe(update.Str("context"));
        mine[3].Str("context").ShouldBe(update.Str("context"));
        update.Str("context").ShouldNotBe(created.Str("context"));

        var replyEvent = events.Single(e => e.Str("type") == "ticket-message-created" && e["object_id"]!.GetValue<long>() == reply.Object.Id());
        replyEvent.Str("created_datetime").ShouldBe(GorgiasJson.Format(Start.AddSeconds(2)));

        var tagsAdded = mine[5];
        var addedTagId = events.Last(e => e.Str("type") == "tag-created")["object_id"]!.GetValue<long>();
        tagsAdded["data"]!["tags_added"]!.AsArray().Select(v => v!.GetValue<long>()).ShouldBe([addedTagId]);
        mine[4]["data"]!["changes"]!.AsObject().Select(p => p.Key).ShouldBe(["tags"]);

        var single = await api.GetJsonAsync($"api/events/{update.Id()}");
        single.Status.ShouldBe(HttpStatusCode.OK);
        single.Object.ToJsonString().ShouldBe(update.ToJsonString());
        (await api.GetJsonAsync("api/events/1")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Filter_events_by_dates_object_types_and_users()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await TicketApi.StartUnlimitedAsync(clock);
        var account = await sandbox.NewAccountAsync();
        using var admin = account.AdminApi();
        var agent = account.Info.Users.First(u => u.Role != "admin");
        using var agentApi = Infrastructure.TestAccount.ApiClient(sandbox, account.Domain, agent.Email, agent.ApiKey);

        var first = await admin.CreateTicketAsync("a@example.com");         // t=0: customer-created, ticket-created, ticket-message-created
        clock.Advance(TimeSpan.FromSeconds(10));
        await agentApi.PutJsonAsync($"api/tickets/{first.Id()}", """{"priority": "low"}""");   // t=10: ticket-updated by the agent
        clock.Advance(TimeSpan.FromSeconds(10));
        await admin.PostJsonAsync("api/tags", """{"name": "filters"}""");       // t=20: tag-created
        clock.Advance(TimeSpan.FromSeconds(10));
        var second = await admin.CreateTicketAsync("b@example.com");        // t=30

        async Task<List<string>> Types(string query) =>
            [.. (await admin.WalkAsync("api/events?order_by=created_datetime:asc&" + query)).Select(e => e.Str("type"))];

        (await Types($"created_datetime[gt]={At(10)}")).ShouldBe(["tag-created", "customer-created", "ticket-created", "ticket-message-created"]);
        (await Types($"created_datetime[gte]={At(10)}")).First().ShouldBe("ticket-updated");
        (await Types($"created_datetime[lt]={At(10)}")).ShouldBe(["customer-created", "ticket-created", "ticket-message-created"]);
        (await Types($"created_datetime[lte]={At(10)}")).Count.ShouldBe(4);
        (await Types($"created_datetime%5Bgte%5D={At(10)}&created_datetime%5Blte%5D={At(20)}")).ShouldBe(["ticket-updated", "tag-created"]);
        (await Types("object_type=Tag")).ShouldBe(["tag-created"]);
        (await Types($"object_type=Ticket&object_id={second.Id()}")).ShouldBe(["ticket-created"]);
        (await Types("types=ticket-created&types=tag-created")).ShouldBe(["ticket-created", "tag-created", "ticket-created"]);
        (await Types("types=ticket-updated,customer-created")).ShouldBe(["customer-created", "ticket-updated", "customer-created"]);
        (await Types($"user_ids={agent.Id}")).ShouldBe(["ticket-updated"]);
        (await Types($"user_ids={agent.Id}&user_ids={account.Admin.Id}")).Count.ShouldBe(8);

        var descending = await admin.WalkAsync("api/events");
        descending.Select(e => e.Id()).ShouldBe(descending.Select(e => e.Id()).OrderDescending());

        var badDate = await admin.GetJsonAsync("api/events?created_datetime[gt]=yesterday");
        var badType = await admin.GetJsonAsync("api/events?object_type=Order");
        var badOrder = await admin.GetJsonAsync("api/events?order_by=updated_datetime:asc");
        var badKey = await admin.GetJsonAsync("api/events?created_datetime[after]=2026-01-01");
        badDate.Status.ShouldBe(HttpStatusCode.BadRequest);
        badDate.ErrorData!.ShouldContainKey("created_datetime[gt]");
        badType.Status.ShouldBe(HttpStatusCode.BadRequest);
        badOrder.Status.ShouldBe(HttpStatusCode.BadRequest);
        badKey.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Combine_the_created_datetime_gte_filter_with_pagination()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await TicketApi.StartUnlimitedAsync(clock);
        var account = await sandbox.NewAccountAsync();
        using var api = account.AdminApi();
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await api.PostJsonAsync("api/tags", $$"""{"name": "tag-{{i}}"}""")).Object.Id());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var since = $"created_datetime[gte]={At(4)}&object_type=Tag&order_by=created_datetime:asc&limit=3";
        var page = await api.GetJsonAsync("api/events?" + since);
        page.Object["meta"]!["prev_cursor"].ShouldBeNull();

        // An event written during the walk is after the walk's snapshot: the walk yields exactly the 8 that matched.
        await api.PostJsonAsync("api/tags", """{"name": "late"}""");
        var objectIds = new List<long>();
        var pages = 0;
        while (true)
        {
            pages++;
            page.Status.ShouldBe(HttpStatusCode.OK, page.Text);
            objectIds.AddRange(page.Object["data"]!.AsArray().Select(e => e!["object_id"]!.GetValue<long>()));
            page.Object["data"]!.AsArray().ShouldAllBe(e => string.CompareOrdinal(e!.Str("created_datetime"), GorgiasJson.Format(Start.AddSeconds(4))) >= 0);
            if (page.Object["meta"]!["next_cursor"]?.GetValue<string>() is not { } cursor)
            {
                break;
            }

            page = await api.GetJsonAsync($"api/events?{since}&cursor={Uri.EscapeDataString(cursor)}");
        }

        objectIds.ShouldBe(ids.Skip(4));
        pages.ShouldBe(3);
        (await api.WalkAsync("api/events?" + since)).Count.ShouldBe(9);
    }
}
