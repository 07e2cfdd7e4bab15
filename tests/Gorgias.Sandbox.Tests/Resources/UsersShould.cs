using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

public sealed class UsersShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Answer_users_0_with_the_caller_of_the_api_key()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var admin = account.AdminApi();
        using var agentApi = TestAccount.ApiClient(account.Sandbox, account.Domain, agent.Email, agent.ApiKey);

        var me = (await agentApi.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK).Object;
        var adminMe = (await admin.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK).Object;

        me["id"]!.GetValue<long>().ShouldBe(agent.Id);
        me["email"]!.GetValue<string>().ShouldBe(agent.Email);
        me["role"]!["name"]!.GetValue<string>().ShouldBe("agent");
        adminMe["id"]!.GetValue<long>().ShouldBe(account.Admin.Id);
        (await admin.GetJsonAsync($"api/users/{agent.Id}")).Raw.ShouldBe((await agentApi.GetJsonAsync("api/users/0")).Raw);
    }

    [Fact]
    public async Task Answer_users_0_with_the_user_behind_an_OAuth_token()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.OAuthApi("users:read");

        (await api.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK).Id.ShouldBe(account.Admin.Id);
        (await api.PutJsonAsync("api/users/0", """{"bio": "x"}""")).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Write_users_in_the_Gorgias_shape()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var user = (await api.GetJsonAsync("api/users/0")).Object;

        user.ShouldHaveKeys("active", "bio", "created_datetime", "deactivated_datetime", "email", "external_id", "firstname", "id",
            "language", "lastname", "meta", "name", "role", "timezone", "updated_datetime", "uri");
        user["bio"].ShouldBeNull();
        user["deactivated_datetime"].ShouldBeNull();
        user["created_datetime"].ShouldBeGorgiasDatetime();
        user["uri"]!.GetValue<string>().ShouldBe($"/api/users/{account.Admin.Id}/");
    }

    [Fact]
    public async Task List_users_page_by_page()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var walked = await api.WalkAsync("api/users?limit=1&order_by=created_datetime:asc");

        walked.Select(u => u["id"]!.GetValue<long>()).ShouldBe(account.Info.Users.Select(u => u.Id).Order());
        (await api.GetJsonAsync("api/users?email=x@y.z")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("email").ShouldBe(["Unknown field."]);
    }

    [Fact]
    public async Task Create_a_user_whose_api_key_works()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var created = await api.PostJsonAsync("api/users", """
            {"email": "nina@acme.example", "name": "Nina Berg", "role": {"name": "lite-agent"}, "bio": "Night shift",
             "timezone": "Europe/Oslo", "language": "nb"}
            """);

        created.ShouldHave(HttpStatusCode.Created);
        var u = created.Object;
        u["firstname"]!.GetValue<string>().ShouldBe("Nina");
        u["lastname"]!.GetValue<string>().ShouldBe("Berg");
        u["role"]!["name"]!.GetValue<string>().ShouldBe("lite-agent");
        u["timezone"]!.GetValue<string>().ShouldBe("Europe/Oslo");
        u["active"]!.GetValue<bool>().ShouldBeTrue();
        u.ContainsKey("api_key").ShouldBeFalse();
        var key = (await account.Sandbox.Control.GetAccountAsync(account.Domain, TestContext.Current.CancellationToken))
            .Users.Single(x => x.Id == created.Id).ApiKey;
        using var nina = TestAccount.ApiClient(account.Sandbox, account.Domain, "nina@acme.example", key);
        (await nina.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK).Id.ShouldBe(created.Id);
    }

    [Fact]
    public async Task Refuse_a_used_email_with_409()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var agent = account.Info.Users.First(u => u.Role == "agent");

        var answer = await api.PostJsonAsync("api/users", $$"""{"email": "{{agent.Email.ToUpperInvariant()}}", "role": {"name": "agent"} }""");
        var rename = await api.PutJsonAsync($"api/users/{agent.Id}", $$"""{"email": "{{account.Admin.Email}}"}""");

        answer.ShouldHave(HttpStatusCode.Conflict).FieldErrors("email").ShouldNotBeEmpty();
        rename.ShouldHave(HttpStatusCode.Conflict).FieldErrors("email").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Reject_invalid_user_fields_with_a_message_per_field()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var answer = await api.PostJsonAsync("api/users", """{"role": {"name": "owner"}, "timezone": "Nowhere", "language": 1, "password": "x"}""");

        answer.ShouldHave(HttpStatusCode.BadRequest);
        answer.FieldErrors("email").ShouldBe(["Missing data for required field."]);
        answer.FieldErrors("role.name").ShouldNotBeEmpty();
        answer.FieldErrors("timezone").ShouldNotBeEmpty();
        answer.FieldErrors("language").ShouldNotBeEmpty();
        answer.FieldErrors("password").ShouldBe(["Unknown field."]);
        (await api.PostJsonAsync("api/users", """{"email": "a@b.example", "role": "agent"}""")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("role").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Update_only_the_fields_sent()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var agent = account.Info.Users.First(u => u.Role == "agent");

        var updated = (await api.PutJsonAsync($"api/users/{agent.Id}", """{"lastname": "Renamed", "role": {"name": "observer-agent"}}""")).ShouldHave(HttpStatusCode.OK).Object;

        updated["lastname"]!.GetValue<string>().ShouldBe("Renamed");
        updated["firstname"]!.GetValue<string>().ShouldBe(agent.Name.Split(' ')[0]);
        updated["role"]!["name"]!.GetValue<string>().ShouldBe("observer-agent");
        updated["email"]!.GetValue<string>().ShouldBe(agent.Email);
        (await api.PutJsonAsync("api/users/1", "{}")).ShouldHave(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Let_agents_edit_themselves_but_not_manage_users()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var agentApi = TestAccount.ApiClient(account.Sandbox, account.Domain, agent.Email, agent.ApiKey);

        (await agentApi.PutJsonAsync("api/users/0", """{"bio": "Hello"}""")).ShouldHave(HttpStatusCode.OK).Object["bio"]!.GetValue<string>().ShouldBe("Hello");
        (await agentApi.PutJsonAsync("api/users/0", """{"role": {"name": "admin"}}""")).ShouldHave(HttpStatusCode.Forbidden);
        (await agentApi.PutJsonAsync($"api/users/{account.Admin.Id}", """{"bio": "x"}""")).ShouldHave(HttpStatusCode.Forbidden);
        (await agentApi.PostJsonAsync("api/users", """{"email": "z@acme.example", "role": {"name": "agent"}}""")).ShouldHave(HttpStatusCode.Forbidden);
        (await agentApi.DeleteJsonAsync($"api/users/{account.Admin.Id}")).ShouldHave(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Keep_at_least_one_active_admin()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        (await api.PutJsonAsync("api/users/0", """{"role": {"name": "agent"}}""")).ShouldHave(HttpStatusCode.BadRequest);
        (await api.PutJsonAsync("api/users/0", """{"active": false}""")).ShouldHave(HttpStatusCode.BadRequest);
        (await api.DeleteJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.BadRequest);
        (await api.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_a_user_so_its_api_key_stops_working()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var agentApi = TestAccount.ApiClient(account.Sandbox, account.Domain, agent.Email, agent.ApiKey);
        var team = (await api.PostJsonAsync("api/teams", $$"""{"name": "Night", "members": [{"id": {{agent.Id}}}, {"id": {{account.Admin.Id}}}]}""")).Id;
        var ticket = account.CreateTicket(null, assigneeUserId: agent.Id);
        (await agentApi.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK);

        (await api.DeleteJsonAsync($"api/users/{agent.Id}")).ShouldHave(HttpStatusCode.NoContent).Raw.ShouldBeEmpty();

        (await agentApi.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.Unauthorized);
        (await api.GetJsonAsync($"api/users/{agent.Id}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.DeleteJsonAsync($"api/users/{agent.Id}")).ShouldHave(HttpStatusCode.NotFound);
        (await api.GetJsonAsync($"api/teams/{team}")).Object["members"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()).ShouldBe([account.Admin.Id]);
        account.Ticket(ticket).AssigneeUserId.ShouldBeNull();
    }

    [Fact]
    public async Task Deactivate_a_user_so_its_api_key_stops_working()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var agentApi = TestAccount.ApiClient(account.Sandbox, account.Domain, agent.Email, agent.ApiKey);

        var updated = (await api.PutJsonAsync($"api/users/{agent.Id}", """{"active": false}""")).ShouldHave(HttpStatusCode.OK).Object;

        updated["active"]!.GetValue<bool>().ShouldBeFalse();
        updated["deactivated_datetime"].ShouldBeGorgiasDatetime();
        (await agentApi.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.Unauthorized);
        (await api.PutJsonAsync($"api/users/{agent.Id}", """{"active": true}""")).Object["deactivated_datetime"].ShouldBeNull();
        (await agentApi.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Record_an_event_for_each_mutation()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = (await api.PostJsonAsync("api/users", """{"email": "ev@acme.example", "role": {"name": "agent"}}""")).Id;
        await api.PutJsonAsync($"api/users/{id}", """{"bio": "b"}""");
        await api.DeleteJsonAsync($"api/users/{id}");

        account.EventsFor("User", id).Select(e => e.Type).ShouldBe(["user-created", "user-updated", "user-deleted"]);
    }

    [Fact]
    public async Task Need_the_users_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var tickets = account.OAuthApi("tickets:write");

        (await tickets.GetJsonAsync("api/users/0")).ShouldHave(HttpStatusCode.Forbidden);
    }
}
