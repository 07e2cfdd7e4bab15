using System.Net;
using Saas.Core.Rules;
using Saas.Rules.Definitions;
using Saas.Rules.StarterPack;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Rules;

/// <summary>The starter pack: installed enabled with a new tenant exactly once, removable in one call, reinstallable on request.</summary>
public sealed class StarterPackShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Keys => [.. StarterPack.Rules.Select(r => r.Key)];

    [Fact]
    public async Task Come_enabled_with_a_new_tenant_in_the_packs_order_and_not_again_on_a_reinstall()
    {
        await using var app = await TestApp.StartAsync();

        var tenant = await RulesKit.InstallAsync(app);

        var stored = await RulesKit.RulesAsync(app, tenant);
        stored.Select(r => r.StarterKey).ShouldBe(Keys);
        stored.Select(r => r.Position).ShouldBe(Enumerable.Range(0, Keys.Count));
        stored.ShouldAllBe(r => r.State == RuleState.Enabled && r.CurrentVersion == 1);
        var versions = await RulesKit.VersionsAsync(app, tenant);
        versions.ShouldAllBe(v => v.CreatedBy == StarterPackInstaller.CreatedBy && v.Version == 1);
        versions.Select(v => RuleJson.Deserialize(v.Definition)).ShouldBe(StarterPack.Rules.Select(r => r.Definition), ignoreOrder: true, comparer: new JsonComparer());
        var settings = (await RulesKit.SettingsAsync(app, tenant)).ShouldNotBeNull();
        settings.StarterPackInstalledAt.ShouldNotBeNull();
        settings.RuleSetVersion.ShouldBe(1);
        (await RulesKit.ActivitiesAsync(app, tenant)).ShouldHaveSingleItem().Message.ShouldContain($"Starter pack installed ({Keys.Count} rules)");

        // The compiled set has them (the live path's view).
        (await RulesKit.Service<ITenantRuleSets>(app).GetAsync(tenant, Ct)).Rules.Rules.Count.ShouldBe(Keys.Count);

        // A reinstall adds nothing.
        await RulesKit.InstallAsync(app);
        (await RulesKit.RulesAsync(app, tenant)).Count.ShouldBe(Keys.Count);
        (await RulesKit.SettingsAsync(app, tenant))!.StarterPackInstalledAt.ShouldBe(settings.StarterPackInstalledAt);
    }

    [Fact]
    public async Task Be_removed_in_one_call_edited_or_not_keeping_the_merchants_rules_and_stay_removed_after_a_reinstall()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallAsync(app);
        var starter = await RulesKit.RulesAsync(app, tenant);
        var own = await rules.CreateAsync(RulesKit.Rule("Mine"), position: 0);
        (await rules.PutAsync($"rules/{starter[0].Id}", RulesKit.Rule("Edited starter"), ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        var stamp = await RulesKit.StampAsync(app, tenant);

        var removed = (await rules.DeleteAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.OK);

        removed.Json!["deleted"]!.GetValue<int>().ShouldBe(Keys.Count);
        var left = (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem();
        left.Id.ShouldBe(own);
        left.Position.ShouldBe(0);
        (await RulesKit.VersionsAsync(app, tenant)).ShouldAllBe(v => v.RuleId == own);
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp + 1);
        (await RulesKit.ActivitiesAsync(app, tenant)).Last().Kind.ShouldBe("starter-pack-removed");

        await RulesKit.InstallAsync(app);
        (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem().Id.ShouldBe(own);
    }

    [Fact]
    public async Task Be_installed_again_on_request_after_the_merchants_rules_skipping_keys_already_present()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallAsync(app);
        var first = (await RulesKit.RulesAsync(app, tenant))[0];
        (await rules.DeleteAsync($"rules/{first.Id}")).ShouldBe(HttpStatusCode.NoContent);

        // One rule deleted: only its key comes back, at the end.
        var again = (await rules.PostAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.OK);
        again.Json!["added"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe([first.StarterKey!]);
        again.Json["skipped"]!.AsArray().Count.ShouldBe(Keys.Count - 1);
        (await RulesKit.RulesAsync(app, tenant)).Last().StarterKey.ShouldBe(first.StarterKey);

        // Everything present: nothing added.
        var none = (await rules.PostAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.OK);
        none.Json!["added"]!.AsArray().ShouldBeEmpty();

        // All removed, a rule of the merchant's, then the pack again: after it, in the pack's order.
        (await rules.DeleteAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.OK);
        var own = await rules.CreateAsync(RulesKit.Rule("Mine"));
        (await rules.PostAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.OK).Json!["added"]!.AsArray().Count.ShouldBe(Keys.Count);
        var stored = await RulesKit.RulesAsync(app, tenant);
        stored[0].Id.ShouldBe(own);
        stored.Skip(1).Select(r => r.StarterKey).ShouldBe(Keys);
        stored.Select(r => r.Position).ShouldBe(Enumerable.Range(0, Keys.Count + 1));
    }

    /// <summary>Definitions compared by their JSON (records with lists compare lists by reference).</summary>
    private sealed class JsonComparer : IEqualityComparer<RuleDefinition>
    {
        public bool Equals(RuleDefinition? x, RuleDefinition? y) => RuleJson.Serialize(x!) == RuleJson.Serialize(y!);

        public int GetHashCode(RuleDefinition obj) => RuleJson.Serialize(obj).GetHashCode(StringComparison.Ordinal);
    }
}
