using System.Net;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

public sealed class AccountShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Describe_the_account_with_its_domain()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var a = (await api.GetJsonAsync("api/account")).ShouldHave(HttpStatusCode.OK).Object;

        a.ShouldHaveKeys("created_datetime", "deactivated_datetime", "domain", "id", "meta", "settings", "status");
        a["domain"]!.GetValue<string>().ShouldBe(account.Domain);
        a["id"]!.GetValue<long>().ShouldBe(account.Info.Id);
        a["created_datetime"].ShouldBeGorgiasDatetime();
        a["deactivated_datetime"].ShouldBeNull();
        (await api.GetJsonAsync("api/account?x=1")).ShouldHave(HttpStatusCode.BadRequest).FieldErrors("x").ShouldBe(["Unknown field."]);
    }

    [Fact]
    public async Task List_the_account_settings_in_a_list_envelope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var settings = (await api.GetJsonAsync("api/account/settings")).ShouldHave(HttpStatusCode.OK).Object;
        var none = (await api.GetJsonAsync("api/account/settings?type=satisfaction-surveys")).ShouldHave(HttpStatusCode.OK).Object;

        settings["object"]!.GetValue<string>().ShouldBe("list");
        settings["meta"]!["next_cursor"].ShouldBeNull();
        settings["meta"]!["prev_cursor"].ShouldBeNull();
        var hours = settings["data"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        hours["type"]!.GetValue<string>().ShouldBe("business-hours");
        hours["uri"]!.GetValue<string>().ShouldEndWith("/");
        none["data"]!.AsArray().ShouldBeEmpty();
        (await api.GetJsonAsync("api/account/settings?limit=0")).ShouldHave(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Need_the_account_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var reader = account.OAuthApi("account:read");
        using var other = account.OAuthApi("tickets:write", "users:write");

        (await reader.GetJsonAsync("api/account")).ShouldHave(HttpStatusCode.OK);
        (await reader.GetJsonAsync("api/account/settings")).ShouldHave(HttpStatusCode.OK);
        (await other.GetJsonAsync("api/account")).ShouldHave(HttpStatusCode.Forbidden);
    }
}
