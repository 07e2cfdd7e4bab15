using System.Net;
using Microsoft.Extensions.Hosting;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Rules;

/// <summary>Who reaches the rules API, and that one tenant never sees or touches another's rules.</summary>
public sealed class RulesAccessShould
{
    [Fact]
    public async Task Answer_401_without_a_sign_in_outside_Development_and_store_nothing()
    {
        await using var app = await TestApp.StartAsync(o => o.EnvironmentName = Environments.Production);
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallAsync(app);
        var stored = await RulesKit.RulesAsync(app, tenant);

        (await rules.GetAsync("rules")).ShouldBe(HttpStatusCode.Unauthorized);
        (await rules.PostAsync("rules", RulesKit.Rule("Sneaky"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await rules.DeleteAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.Unauthorized);
        (await rules.PutAsync("rules/settings", """{"time_zone":"UTC"}""")).ShouldBe(HttpStatusCode.Unauthorized);
        (await rules.DeleteAsync($"rules/{stored[0].Id}")).ShouldBe(HttpStatusCode.Unauthorized);

        (await RulesKit.RulesAsync(app, tenant)).Select(r => r.Id).ShouldBe(stored.Select(r => r.Id));
    }

    [Fact]
    public async Task Answer_in_Development_by_tenant_id_or_account_and_404_for_an_unknown_tenant()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await RulesKit.InstallAsync(app);
        using var byAccount = new RulesClient(app, "acme");
        using var byId = new RulesClient(app, tenant.ToString());
        using var unknown = new RulesClient(app, "initech");
        using var unknownId = new RulesClient(app, Guid.NewGuid().ToString());

        (await byAccount.GetAsync("rules")).ShouldBe(HttpStatusCode.OK);
        (await byId.GetAsync("rules")).ShouldBe(HttpStatusCode.OK).Text.ShouldBe((await byAccount.GetAsync("rules")).Text);
        (await unknown.GetAsync("rules")).ShouldBe(HttpStatusCode.NotFound);
        (await unknown.PostAsync("rules", RulesKit.Rule("Orphan"))).ShouldBe(HttpStatusCode.NotFound);
        (await unknownId.GetAsync("rules/settings")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Never_show_or_change_another_tenants_rule_answering_404_as_for_an_unknown_rule()
    {
        await using var app = await TestApp.StartAsync();
        using var acme = new RulesClient(app, "acme");
        using var globex = new RulesClient(app, "globex");
        var acmeId = await RulesKit.InstallEmptyAsync(app, acme, "acme");
        var globexId = await RulesKit.InstallEmptyAsync(app, globex, "globex");
        var acmeRule = await acme.CreateAsync(RulesKit.Rule("Acme only"));
        var globexRule = await globex.CreateAsync(RulesKit.Rule("Globex only"));
        var acmeStamp = await RulesKit.StampAsync(app, acmeId);

        // Globex's client, acme's rule id: every verb answers 404, as for a rule that does not exist.
        (await globex.GetAsync($"rules/{acmeRule}")).ShouldBe(HttpStatusCode.NotFound);
        (await globex.PutAsync($"rules/{acmeRule}", RulesKit.Rule("Hijacked"), ifMatch: 1)).ShouldBe(HttpStatusCode.NotFound);
        (await globex.PutAsync($"rules/{acmeRule}/state", """{"state":"disabled"}""", ifMatch: 1)).ShouldBe(HttpStatusCode.NotFound);
        (await globex.GetAsync($"rules/{acmeRule}/versions")).ShouldBe(HttpStatusCode.NotFound);
        (await globex.PostAsync($"rules/{acmeRule}/versions/1/restore", ifMatch: 1)).ShouldBe(HttpStatusCode.NotFound);
        (await globex.DeleteAsync($"rules/{acmeRule}")).ShouldBe(HttpStatusCode.NotFound);
        (await globex.GetAsync($"rules/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);

        // Nor can an order name it, and the lists stay apart.
        (await globex.PutAsync("rules/order", $$"""{"ids":["{{acmeRule}}","{{globexRule}}"]}""")).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["ids[0]"]);
        (await acme.NamesAsync()).ShouldBe(["Acme only"]);
        (await globex.NamesAsync()).ShouldBe(["Globex only"]);

        // Acme's rule is as it was.
        var stored = (await RulesKit.RulesAsync(app, acmeId)).ShouldHaveSingleItem();
        stored.Name.ShouldBe("Acme only");
        stored.CurrentVersion.ShouldBe(1);
        (await RulesKit.VersionsAsync(app, acmeId)).ShouldHaveSingleItem();
        (await RulesKit.StampAsync(app, acmeId)).ShouldBe(acmeStamp);
        (await RulesKit.RulesAsync(app, globexId)).ShouldHaveSingleItem().Id.ShouldBe(globexRule);
    }
}
