using System.Net;
using Saas.Core.Rules;
using Saas.Rules.Definitions;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Rules;

/// <summary>The rules API against the real app (sandbox, SQLite, silo): storage, order, versions, states, concurrency.</summary>
public sealed class RulesApiShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_list_get_update_and_delete_rules_bumping_the_stamp_and_writing_the_timeline_every_time()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var stamp = await RulesKit.StampAsync(app, tenant);

        var created = (await rules.PostAsync("rules", RulesKit.Rule("Orders", "order-status"))).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(created.Json!["id"]!.GetValue<string>());
        created.Json["version"]!.GetValue<int>().ShouldBe(1);
        created.Json["position"]!.GetValue<int>().ShouldBe(0);
        created.Json["state"]!.GetValue<string>().ShouldBe("enabled");
        created.Json["definition"]!["actions"]![0]!["tags"]![0]!.GetValue<string>().ShouldBe("order-status");
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp + 1);

        var second = await rules.CreateAsync(RulesKit.Rule("Refunds", "refund"));
        (await rules.NamesAsync()).ShouldBe(["Orders", "Refunds"]);

        var got = (await rules.GetAsync($"rules/{id}")).ShouldBe(HttpStatusCode.OK);
        got.Json!["name"]!.GetValue<string>().ShouldBe("Orders");
        got.Headers.ETag!.Tag.ShouldBe("\"1\"");

        var updated = (await rules.PutAsync($"rules/{id}", RulesKit.Rule("Orders v2", "order-status", phrase: "wo ist meine bestellung"), ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        updated.Json!["version"]!.GetValue<int>().ShouldBe(2);
        updated.Json["name"]!.GetValue<string>().ShouldBe("Orders v2");
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");

        (await rules.DeleteAsync($"rules/{id}")).ShouldBe(HttpStatusCode.NoContent);
        (await rules.GetAsync($"rules/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await rules.DeleteAsync($"rules/{id}")).ShouldBe(HttpStatusCode.NotFound);

        // Stored: the remaining rule moved up to position 0; the deleted rule's versions are gone.
        var stored = (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem();
        stored.Id.ShouldBe(second);
        stored.Position.ShouldBe(0);
        (await RulesKit.VersionsAsync(app, tenant)).ShouldAllBe(v => v.RuleId == second);
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp + 4);
        (await RulesKit.ActivitiesAsync(app, tenant)).Select(a => a.Kind).TakeLast(4).ShouldBe(["rule-created", "rule-created", "rule-updated", "rule-deleted"]);
        (await RulesKit.ActivitiesAsync(app, tenant)).Last().Message.ShouldContain("\"Orders v2\" deleted");
    }

    [Fact]
    public async Task Create_a_rule_at_a_given_position_and_reject_a_position_out_of_range()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        await rules.CreateAsync(RulesKit.Rule("A"));
        await rules.CreateAsync(RulesKit.Rule("C"));

        await rules.CreateAsync(RulesKit.Rule("B"), position: 1);
        await rules.CreateAsync(RulesKit.Rule("First"), position: 0);

        (await rules.NamesAsync()).ShouldBe(["First", "A", "B", "C"]);
        (await RulesKit.RulesAsync(app, tenant)).Select(r => r.Position).ShouldBe([0, 1, 2, 3]);
        var beyond = (await rules.PostAsync("rules?position=5", RulesKit.Rule("Beyond"))).ShouldBe(HttpStatusCode.BadRequest);
        beyond.Errors.Keys.ShouldBe(["position"]);
        (await rules.PostAsync("rules?position=-1", RulesKit.Rule("Negative"))).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["position"]);
        (await RulesKit.RulesAsync(app, tenant)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Keep_every_version_with_who_and_when_and_restore_an_earlier_one_as_the_newest()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var id = await rules.CreateAsync(RulesKit.Rule("Orders", "v1-tag"));
        (await rules.PutAsync($"rules/{id}", RulesKit.Rule("Orders", "v2-tag"), ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        (await rules.PutAsync($"rules/{id}", RulesKit.Rule("Orders", "v3-tag"), ifMatch: 2)).ShouldBe(HttpStatusCode.OK);

        var restored = (await rules.PostAsync($"rules/{id}/versions/1/restore", ifMatch: 3)).ShouldBe(HttpStatusCode.OK);
        restored.Json!["version"]!.GetValue<int>().ShouldBe(4);
        restored.Json["definition"]!["actions"]![0]!["tags"]![0]!.GetValue<string>().ShouldBe("v1-tag");

        var history = (await rules.GetAsync($"rules/{id}/versions")).ShouldBe(HttpStatusCode.OK).Json!.AsArray();
        history.Select(v => v!["version"]!.GetValue<int>()).ShouldBe([4, 3, 2, 1]);
        history.Select(v => v!["definition"]!["actions"]![0]!["tags"]![0]!.GetValue<string>()).ShouldBe(["v1-tag", "v3-tag", "v2-tag", "v1-tag"]);
        history[0]!["created_by"]!.GetValue<string>().ShouldBe("api (restore of v1)");
        history[3]!["created_by"]!.GetValue<string>().ShouldBe("api");
        history.ShouldAllBe(v => v!["created_at"] != null);

        // The stored rows: four immutable versions, the rule at version 4.
        (await RulesKit.VersionsAsync(app, tenant)).Select(v => v.Version).ShouldBe([1, 2, 3, 4]);
        (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem().CurrentVersion.ShouldBe(4);
        (await RulesKit.ActivitiesAsync(app, tenant)).Last().Kind.ShouldBe("rule-restored");

        // A version that does not exist → 404; nothing stored.
        (await rules.PostAsync($"rules/{id}/versions/9/restore", ifMatch: 4)).ShouldBe(HttpStatusCode.NotFound);
        (await RulesKit.VersionsAsync(app, tenant)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Answer_409_with_the_current_version_for_a_stale_save_and_428_without_one_storing_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var id = await rules.CreateAsync(RulesKit.Rule("Orders"));
        (await rules.PutAsync($"rules/{id}?expected_version=1", RulesKit.Rule("Orders", "second"))).ShouldBe(HttpStatusCode.OK);
        var stamp = await RulesKit.StampAsync(app, tenant);

        var stale = (await rules.PutAsync($"rules/{id}", RulesKit.Rule("Orders", "lost"), ifMatch: 1)).ShouldBe(HttpStatusCode.Conflict);
        stale.Json!["current_version"]!.GetValue<int>().ShouldBe(2);
        stale.Json["expected_version"]!.GetValue<int>().ShouldBe(1);
        (await rules.PutAsync($"rules/{id}/state", """{"state":"shadow"}""", ifMatch: 1)).ShouldBe(HttpStatusCode.Conflict).Json!["current_version"]!.GetValue<int>().ShouldBe(2);
        (await rules.PostAsync($"rules/{id}/versions/1/restore", ifMatch: 1)).ShouldBe(HttpStatusCode.Conflict).Json!["current_version"]!.GetValue<int>().ShouldBe(2);

        (await rules.PutAsync($"rules/{id}", RulesKit.Rule("Orders", "lost"))).ShouldBe(HttpStatusCode.PreconditionRequired);
        (await rules.PutAsync($"rules/{id}/state", """{"state":"shadow"}""")).ShouldBe(HttpStatusCode.PreconditionRequired);
        (await rules.PostAsync($"rules/{id}/versions/1/restore")).ShouldBe(HttpStatusCode.PreconditionRequired);

        (await RulesKit.VersionsAsync(app, tenant)).Count.ShouldBe(2);
        var rule = (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem();
        rule.CurrentVersion.ShouldBe(2);
        rule.State.ShouldBe(RuleState.Enabled);
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp);
    }

    [Fact]
    public async Task Let_one_of_two_racing_saves_of_the_same_version_win_and_answer_409_to_the_other()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var id = await rules.CreateAsync(RulesKit.Rule("Orders"));
        var service = RulesKit.Service<RuleService>(app);

        var saves = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                await service.UpdateAsync(tenant, id, RuleJson.Deserialize(RulesKit.Rule("Orders", $"racer-{i}")), 1, $"racer-{i}", Ct);
                return true;
            }
            catch (RuleVersionConflictException e)
            {
                e.CurrentVersion.ShouldBe(2);
                return false;
            }
        }, Ct)).ToList();
        var outcomes = await Task.WhenAll(saves);

        outcomes.Count(won => won).ShouldBe(1);
        (await RulesKit.VersionsAsync(app, tenant)).Select(v => v.Version).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Reorder_to_exactly_the_listed_ids_and_reject_a_list_that_is_not_the_tenants_rules()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var a = await rules.CreateAsync(RulesKit.Rule("A"));
        var b = await rules.CreateAsync(RulesKit.Rule("B"));
        var c = await rules.CreateAsync(RulesKit.Rule("C"));
        var stamp = await RulesKit.StampAsync(app, tenant);

        var reordered = (await rules.PutAsync("rules/order", $$"""{"ids":["{{c}}","{{a}}","{{b}}"]}""")).ShouldBe(HttpStatusCode.OK);
        reordered.Json!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ShouldBe(["C", "A", "B"]);
        (await RulesKit.RulesAsync(app, tenant)).Select(r => (r.Id, r.Position)).ShouldBe([(c, 0), (a, 1), (b, 2)]);
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp + 1);
        (await RulesKit.ActivitiesAsync(app, tenant)).Last().Kind.ShouldBe("rules-reordered");

        (await rules.PutAsync("rules/order", $$"""{"ids":["{{a}}","{{b}}"]}""")).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["ids"]);
        (await rules.PutAsync("rules/order", $$"""{"ids":["{{a}}","{{b}}","{{c}}","{{a}}"]}""")).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["ids[3]"]);
        (await rules.PutAsync("rules/order", $$"""{"ids":["{{a}}","{{b}}","{{Guid.NewGuid()}}"]}""")).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["ids[2]"]);
        (await rules.PutAsync("rules/order", """{"ids":["not-a-guid"]}""")).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["ids[0]"]);

        (await RulesKit.RulesAsync(app, tenant)).Select(r => (r.Id, r.Position)).ShouldBe([(c, 0), (a, 1), (b, 2)]);
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp + 1);
    }

    [Fact]
    public async Task Change_the_state_as_a_new_version_and_the_compiled_set_sees_each_change_on_its_next_call()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var sets = RulesKit.Service<ITenantRuleSets>(app);
        var id = await rules.CreateAsync(RulesKit.Rule("Orders"));
        var before = await sets.GetAsync(tenant, Ct);
        before.Rules.Rules.ShouldHaveSingleItem().Definition.State.ShouldBe(RuleState.Enabled);

        var shadow = (await rules.PutAsync($"rules/{id}/state", """{"state":"shadow"}""", ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        shadow.Json!["version"]!.GetValue<int>().ShouldBe(2);
        shadow.Json["state"]!.GetValue<string>().ShouldBe("shadow");
        shadow.Json["definition"]!["state"]!.GetValue<string>().ShouldBe("shadow");
        var afterShadow = await sets.GetAsync(tenant, Ct);
        afterShadow.RuleSetVersion.ShouldBeGreaterThan(before.RuleSetVersion);
        afterShadow.Rules.Rules.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            r => r.Version.ShouldBe(2),
            r => r.Definition.State.ShouldBe(RuleState.Shadow));

        (await rules.PutAsync($"rules/{id}/state", """{"state":"disabled"}""", ifMatch: 2)).ShouldBe(HttpStatusCode.OK);
        (await sets.GetAsync(tenant, Ct)).Rules.Rules.ShouldHaveSingleItem().Definition.State.ShouldBe(RuleState.Disabled);
        (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem().State.ShouldBe(RuleState.Disabled);

        // The same state again changes nothing; an unknown state is a field error.
        var stamp = await RulesKit.StampAsync(app, tenant);
        (await rules.PutAsync($"rules/{id}/state", """{"state":"disabled"}""", ifMatch: 3)).ShouldBe(HttpStatusCode.OK).Json!["version"]!.GetValue<int>().ShouldBe(3);
        (await rules.PutAsync($"rules/{id}/state", """{"state":"paused"}""", ifMatch: 3)).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["state"]);
        (await rules.PutAsync($"rules/{id}/state", "{}", ifMatch: 3)).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["state"]);
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp);

        // A new rule is in the compiled set on the next call too; a deleted one is gone.
        var second = await rules.CreateAsync(RulesKit.Rule("Second"));
        (await sets.GetAsync(tenant, Ct)).Rules.Rules.Select(r => r.RuleId).ShouldBe([id, second]);
        (await rules.DeleteAsync($"rules/{id}")).ShouldBe(HttpStatusCode.NoContent);
        (await sets.GetAsync(tenant, Ct)).Rules.Rules.Select(r => r.RuleId).ShouldBe([second]);
    }
}
