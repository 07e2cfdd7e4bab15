using System.Net;
using Gorgias.Sandbox.Faults;
using Saas.Core.Rules;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Rules;

/// <summary>
/// Every way a rule can be refused, through the API, with what is stored afterwards: nothing (no rule, no version, no
/// stamp move, no activity line).
/// </summary>
public sealed class RuleValidationShould(AcmeApp acme) : IClassFixture<AcmeApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Tags = """{"type":"add_tags","tags":["x"]}""";

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "unknown member", """{"name":"R","colour":"red","actions":[{"type":"add_tags","tags":["x"]}]}""", "colour" },
        { "unknown member in a condition", $$"""{"name":"R","when":{"field":"subject","op":"contains_any","values":["a"],"colour":"red"},"actions":[{{Tags}}]}""", "when.colour" },
        { "unknown member in an action", """{"name":"R","actions":[{"type":"add_tags","tags":["x"],"colour":"red"}]}""", "actions[0].colour" },
        { "unknown field", $$"""{"name":"R","when":{"field":"subjekt","op":"contains_any","values":["a"]},"actions":[{{Tags}}]}""", "when.field" },
        { "unknown operator", $$"""{"name":"R","when":{"field":"subject","op":"sounds_like","values":["a"]},"actions":[{{Tags}}]}""", "when.op" },
        { "bad regex", $$"""{"name":"R","when":{"all":[{"field":"subject","op":"matches","value":"(unclosed"}]},"actions":[{{Tags}}]}""", "when.all[0].value" },
        { "empty actions", """{"name":"R","actions":[]}""", "actions" },
        { "unknown action type", """{"name":"R","actions":[{"type":"send_email"}]}""", "actions[0].type" },
        { "no name", $$"""{"actions":[{{Tags}}]}""", "name" },
        { "empty name", $$"""{"name":" ","actions":[{{Tags}}]}""", "name" },
        { "unknown state", $$"""{"name":"R","state":"paused","actions":[{{Tags}}]}""", "state" },
        { "unknown trigger", $$"""{"name":"R","triggers":["ticket_closed"],"actions":[{{Tags}}]}""", "triggers[0]" },
        { "wrong type", $$"""{"name":"R","stop_processing":"yes","actions":[{{Tags}}]}""", "stop_processing" },
        { "malformed JSON", """{"name":"R","actions":[""", "actions[0]" },
        { "not an object", "[]", "$" },
        { "null", "null", "$" },
        { "unknown team", """{"name":"R","actions":[{"type":"assign_team","team_id":987654321}]}""", "actions[0].team_id" },
        { "unknown custom field", """{"name":"R","actions":[{"type":"set_custom_field","field_id":987654321,"field_value":"x"}]}""", "actions[0].field_id" },
        { "unknown user", """{"name":"R","actions":[{"type":"assign_user","user_email":"nobody@nowhere.example"}]}""", "actions[0].user_email" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Refuse_an_invalid_rule_on_create_update_and_validate_with_its_field_error_and_store_nothing(string what, string json, string path)
    {
        var (app, rules, tenant, id) = (acme.App, acme.Rules, acme.Tenant, acme.Kept);
        var stamp = await RulesKit.StampAsync(app, tenant);
        var activities = (await RulesKit.ActivitiesAsync(app, tenant)).Count;

        var created = (await rules.PostAsync("rules", json)).ShouldBe(HttpStatusCode.BadRequest);
        var updated = (await rules.PutAsync($"rules/{id}", json, ifMatch: 1)).ShouldBe(HttpStatusCode.BadRequest);
        var validated = (await rules.PostAsync("rules/validate", json)).ShouldBe(HttpStatusCode.BadRequest);

        foreach (var answer in new[] { created, updated, validated })
        {
            answer.Json!["title"]!.GetValue<string>().ShouldBe("The request is invalid", what);
            answer.Errors.Keys.ShouldContain(path, $"{what}: {answer.Text}");
            answer.Errors[path].ShouldAllBe(m => !string.IsNullOrWhiteSpace(m) && !m.Contains("Saas.", StringComparison.Ordinal));
        }

        (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem().CurrentVersion.ShouldBe(1);
        (await RulesKit.VersionsAsync(app, tenant)).ShouldHaveSingleItem();
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp);
        (await RulesKit.ActivitiesAsync(app, tenant)).Count.ShouldBe(activities);
    }

    [Fact]
    public async Task Accept_the_accounts_own_teams_and_users_and_say_valid()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var (teams, users) = await RulesKit.AccountAsync(app);
        var json = $$"""{"name":"Route","actions":[{"type":"assign_team","team_id":{{teams[0]}}},{"type":"assign_user","user_email":"{{users[0].ToUpperInvariant()}}"}]}""";

        (await rules.PostAsync("rules/validate", json)).ShouldBe(HttpStatusCode.OK).Json!["valid"]!.GetValue<bool>().ShouldBeTrue();
        await rules.CreateAsync(json);

        (await RulesKit.RulesAsync(app, tenant)).ShouldHaveSingleItem().Name.ShouldBe("Route");
    }

    [Fact]
    public async Task Refuse_with_503_and_store_nothing_when_the_account_cannot_be_read_to_check_a_team()
    {
        // The client retries the sandbox's 500s (quickly here) and then gives up.
        await using var app = await TestApp.StartAsync(o => o.Settings["Gorgias:Resilience:RetryBaseDelay"] = "00:00:00.010");
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var (teams, _) = await RulesKit.AccountAsync(app);
        RulesKit.Service<ITenantDirectory>(app).Invalidate(tenant);
        await app.Control.SetFaultsAsync("acme", new FaultSettings { ServerErrorRate = 1, ServerErrorStatus = 500 }, Ct);
        var stamp = await RulesKit.StampAsync(app, tenant);

        var answer = (await rules.PostAsync("rules", $$"""{"name":"Route","actions":[{"type":"add_tags","tags":["a"]},{"type":"assign_team","team_id":{{teams[0]}}}]}""")).ShouldBe(HttpStatusCode.ServiceUnavailable);

        answer.Errors.Keys.ShouldBe(["actions[1].team_id"]);
        (await RulesKit.RulesAsync(app, tenant)).ShouldBeEmpty();
        (await RulesKit.StampAsync(app, tenant)).ShouldBe(stamp);

        // A rule that refers to nothing in the account needs no call and saves.
        await rules.CreateAsync(RulesKit.Rule("Plain"));
        await app.Control.ClearFaultsAsync("acme", Ct);
        await rules.CreateAsync($$"""{"name":"Route","actions":[{"type":"assign_team","team_id":{{teams[0]}}}]}""");
        (await rules.NamesAsync()).ShouldBe(["Plain", "Route"]);
    }

    [Fact]
    public async Task Refuse_a_body_over_64_KB_with_413_and_store_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallEmptyAsync(app, rules);
        var words = string.Join(",", Enumerable.Range(0, 8000).Select(i => $"\"word{i}\""));

        (await rules.PostAsync("rules", $$"""{"name":"Big","when":{"field":"subject","op":"contains_any","values":[{{words}}]},"actions":[{{Tags}}]}""")).ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await rules.PostAsync("rules", "")).ShouldBe(HttpStatusCode.BadRequest).Errors.Keys.ShouldBe(["$"]);

        (await RulesKit.RulesAsync(app, tenant)).ShouldBeEmpty();
    }
}
