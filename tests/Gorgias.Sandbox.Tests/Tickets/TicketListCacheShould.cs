using System.Text.Json.Nodes;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>List items are rendered once and reused: every change that shows in an item must show in the next list.</summary>
public sealed class TicketListCacheShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Show_every_change_to_a_ticket_its_customer_its_tags_and_its_assignee_in_the_next_list()
    {
        var account = await fixture.NewAccountAsync(tickets: 5);
        using var api = account.AdminApi();
        var ticket = (await ListAsync(api)).First()!;
        var id = ticket["id"]!.GetValue<long>();
        var customerId = ticket["customer"]!["id"]!.GetValue<long>();
        var agent = account.Info.Users.First(u => u.Role == "agent");

        (await api.SendAsync(HttpMethod.Put, $"api/tickets/{id}", """{"priority":"critical","tags":[{"name":"cache-check"}]}""")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        var afterTicketEdit = await ItemAsync(api, id);
        afterTicketEdit["priority"]!.GetValue<string>().ShouldBe("critical");
        afterTicketEdit["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldContain("cache-check");

        (await api.SendAsync(HttpMethod.Put, $"api/customers/{customerId}", """{"name":"Renamed Buyer"}""")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        (await ItemAsync(api, id))["customer"]!["name"]!.GetValue<string>().ShouldBe("Renamed Buyer");

        var tagId = afterTicketEdit["tags"]!.AsArray().First(t => t!["name"]!.GetValue<string>() == "cache-check")!["id"]!.GetValue<long>();
        (await api.SendAsync(HttpMethod.Put, $"api/tags/{tagId}", """{"name":"cache-renamed"}""")).Status.ShouldBeOneOf(System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.Accepted);
        (await ItemAsync(api, id))["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldContain("cache-renamed");

        (await api.SendAsync(HttpMethod.Put, $"api/tickets/{id}", $$$"""{"assignee_user":{"id":{{{agent.Id}}}}}""")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        (await ItemAsync(api, id))["assignee_user_id"]!.GetValue<long>().ShouldBe(agent.Id);
        (await api.SendAsync(HttpMethod.Delete, $"api/users/{agent.Id}")).Status.ShouldBe(System.Net.HttpStatusCode.NoContent);
        (await ItemAsync(api, id))["assignee_user"].ShouldBeNull();

        (await api.SendAsync(HttpMethod.Post, $"api/tickets/{id}/messages", """{"channel":"email","via":"api","from_agent":false,"body_text":"One more thing about my parcel"}""")).Status.ShouldBe(System.Net.HttpStatusCode.Created);
        var afterMessage = await ItemAsync(api, id);
        afterMessage["excerpt"]!.GetValue<string>().ShouldBe("One more thing about my parcel");
    }

    private static async Task<JsonArray> ListAsync(HttpClient api) =>
        (await api.GetJsonAsync("api/tickets?limit=100")).Object["data"]!.AsArray();

    private static async Task<JsonNode> ItemAsync(HttpClient api, long id) =>
        (await ListAsync(api)).First(t => t!["id"]!.GetValue<long>() == id)!;
}
