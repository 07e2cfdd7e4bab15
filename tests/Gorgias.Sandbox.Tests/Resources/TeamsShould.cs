using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

public sealed class TeamsShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Create_a_team_with_members_and_an_emoji()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var agents = account.Info.Users.Where(u => u.Role == "agent").Take(2).ToList();

        var created = await api.PostJsonAsync("api/teams", $$"""
            {"name": "Returns", "description": "Handles returns", "decoration": {"emoji": "📦"},
             "members": [{"id": {{agents[0].Id}}}, {"id": {{agents[1].Id}}, "name": "ignored"}]}
            """);

        created.ShouldHave(HttpStatusCode.Created);
        var t = created.Object;
        t.ShouldHaveKeys("created_datetime", "decoration", "description", "id", "members", "name", "updated_datetime", "uri");
        t["decoration"]!["emoji"]!.GetValue<string>().ShouldBe("📦");
        t["uri"]!.GetValue<string>().ShouldBe($"/api/teams/{created.Id}/");
        t["created_datetime"].ShouldBeGorgiasDatetime();
        var members = t["members"]!.AsArray();
        members.Select(m => m!["id"]!.GetValue<long>()).ShouldBe(agents.Select(a => a.Id));
        members[0]!.AsObject().ShouldHaveKeys("email", "id", "meta", "name");
        (await api.GetJsonAsync($"api/teams/{created.Id}")).Raw.ShouldBe(created.Raw);
        (await api.WalkAsync("api/teams")).Select(x => x["id"]!.GetValue<long>()).ShouldContain(created.Id);
    }

    [Fact]
    public async Task Replace_the_members_wholesale_and_refuse_unknown_users()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var agents = account.Info.Users.Where(u => u.Role == "agent").ToList();
        var id = (await api.PostJsonAsync("api/teams", $$"""{"name": "Tier 1", "members": [{"id": {{agents[0].Id}}}, {"id": {{agents[1].Id}}}]}""")).Id;

        var replaced = (await api.PutJsonAsync($"api/teams/{id}", $$"""{"members": [{"id": {{agents[2].Id}}}]}""")).ShouldHave(HttpStatusCode.OK).Object;
        var unknown = await api.PutJsonAsync($"api/teams/{id}", $$"""{"members": [{"id": {{agents[0].Id}}}, {"id": 42}]}""");
        var renamed = (await api.PutJsonAsync($"api/teams/{id}", """{"name": "Tier 2", "decoration": null}""")).ShouldHave(HttpStatusCode.OK).Object;

        replaced["members"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ShouldBe([agents[2].Id]);
        replaced["name"]!.GetValue<string>().ShouldBe("Tier 1");
        unknown.ShouldHave(HttpStatusCode.BadRequest).FieldErrors("members.1.id").ShouldNotBeEmpty();
        renamed["members"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ShouldBe([agents[2].Id]);
        renamed["name"]!.GetValue<string>().ShouldBe("Tier 2");
        renamed["decoration"].ShouldBeNull();
    }

    [Fact]
    public async Task Reject_invalid_teams()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var answer = await api.PostJsonAsync("api/teams", """{"description": 3, "decoration": {"color": "red"}, "members": {"id": 1}}""");

        answer.ShouldHave(HttpStatusCode.BadRequest);
        answer.FieldErrors("name").ShouldBe(["Missing data for required field."]);
        answer.FieldErrors("description").ShouldNotBeEmpty();
        answer.FieldErrors("decoration.color").ShouldBe(["Unknown field."]);
        answer.FieldErrors("members").ShouldNotBeEmpty();
        (await api.PostJsonAsync("api/teams", """{"name": "  "}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("name").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Delete_a_team_and_unassign_its_tickets()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = (await api.PostJsonAsync("api/teams", """{"name": "Gone"}""")).Id;
        var ticket = account.CreateTicket(null, assigneeTeamId: id);

        (await api.DeleteJsonAsync($"api/teams/{id}")).ShouldHave(HttpStatusCode.NoContent);

        (await api.GetJsonAsync($"api/teams/{id}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.DeleteJsonAsync($"api/teams/{id}")).ShouldHave(HttpStatusCode.NotFound);
        account.Ticket(ticket).AssigneeTeamId.ShouldBeNull();
        account.EventsFor("Team", id).Select(e => e.Type).ShouldBe(["team-created", "team-deleted"]);
    }

    [Fact]
    public async Task Record_team_updates()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = (await api.PostJsonAsync("api/teams", """{"name": "Ev"}""")).Id;

        await api.PutJsonAsync($"api/teams/{id}", """{"description": "d"}""");

        account.EventsFor("Team", id).Select(e => e.Type).ShouldBe(["team-created", "team-updated"]);
    }

    [Fact]
    public async Task Accept_the_teams_scope_or_the_users_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var teamsReader = account.OAuthApi("teams:read");
        using var usersReader = account.OAuthApi("users:read");
        using var usersWriter = account.OAuthApi("users:write");
        using var teamsWriter = account.OAuthApi("teams:write");
        using var tickets = account.OAuthApi("tickets:write");

        (await teamsReader.GetJsonAsync("api/teams")).ShouldHave(HttpStatusCode.OK);
        (await usersReader.GetJsonAsync("api/teams")).ShouldHave(HttpStatusCode.OK);
        (await usersReader.PostJsonAsync("api/teams", """{"name": "x"}""")).ShouldHave(HttpStatusCode.Forbidden);
        (await teamsReader.PostJsonAsync("api/teams", """{"name": "x"}""")).ShouldHave(HttpStatusCode.Forbidden);
        (await usersWriter.PostJsonAsync("api/teams", """{"name": "x"}""")).ShouldHave(HttpStatusCode.Created);
        (await teamsWriter.PostJsonAsync("api/teams", """{"name": "y"}""")).ShouldHave(HttpStatusCode.Created);
        (await tickets.GetJsonAsync("api/teams")).ShouldHave(HttpStatusCode.Forbidden);
    }
}
