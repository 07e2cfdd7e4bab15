using System.Net;
using Saas.Core.Rules;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Rules;

/// <summary>The tenant's time zone and business hours: read, set, validated per field, and in the compiled set's hours.</summary>
public sealed class RuleSettingsShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_the_defaults_set_a_zone_and_week_and_hand_them_to_the_compiled_set()
    {
        await using var app = await TestApp.StartAsync();
        using var rules = new RulesClient(app, "acme");
        var tenant = await RulesKit.InstallAsync(app);

        var defaults = (await rules.GetAsync("rules/settings")).ShouldBe(HttpStatusCode.OK).Json!;
        defaults["time_zone"].ShouldBeNull();
        defaults["business_hours"].ShouldBeNull();
        defaults["rule_set_version"]!.GetValue<long>().ShouldBe(1);
        defaults["starter_pack_installed_at"].ShouldNotBeNull();

        var set = (await rules.PutAsync("rules/settings", """{"time_zone":"Europe/Berlin","business_hours":{"saturday":[["10:00","14:00"]],"monday":[["08:00","12:00"],["13:00","18:00"]]}}""")).ShouldBe(HttpStatusCode.OK).Json!;

        set["time_zone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        set["business_hours"]!["monday"]!.ToJsonString().ShouldBe("""[["08:00","12:00"],["13:00","18:00"]]""");
        set["rule_set_version"]!.GetValue<long>().ShouldBe(2);
        var stored = (await RulesKit.SettingsAsync(app, tenant))!;
        stored.TimeZone.ShouldBe("Europe/Berlin");
        stored.BusinessHours.ShouldBe("""{"monday":[["08:00","12:00"],["13:00","18:00"]],"saturday":[["10:00","14:00"]]}""");
        (await RulesKit.ActivitiesAsync(app, tenant)).Last().Kind.ShouldBe("rule-settings");

        var hours = (await RulesKit.Service<ITenantRuleSets>(app).GetAsync(tenant, Ct)).BusinessHours;
        hours.TimeZone.Id.ShouldBe("Europe/Berlin");
        hours.Contains(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(1))).ShouldBeTrue(); // Saturday 12:00 Berlin
        hours.Contains(new DateTimeOffset(2026, 11, 30, 12, 30, 0, TimeSpan.FromHours(1))).ShouldBeFalse(); // Monday lunch break
        hours.Contains(new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.FromHours(1))).ShouldBeTrue();

        // Back to the defaults.
        (await rules.PutAsync("rules/settings", """{"time_zone":null,"business_hours":null}""")).ShouldBe(HttpStatusCode.OK);
        (await RulesKit.SettingsAsync(app, tenant))!.ShouldSatisfyAllConditions(s => s.TimeZone.ShouldBeNull(), s => s.BusinessHours.ShouldBeNull());
    }
}

/// <summary>Bad settings, each case on one shared app (each case checks that nothing moved).</summary>
public sealed class RuleSettingsValidationShould(AcmeApp acme) : IClassFixture<AcmeApp>
{
    public static TheoryData<string, string[]> Invalid => new()
    {
        { """{"time_zone":"Mars/Olympus","business_hours":null}""", ["time_zone"] },
        { """{"business_hours":{"monday":[["17:00","09:00"]]}}""", ["business_hours.monday[0]"] },
        { """{"business_hours":{"monday":[["9am","5pm"]]}}""", ["business_hours.monday[0]"] },
        { """{"business_hours":{"monday":[["09:00"]]}}""", ["business_hours.monday[0]"] },
        { """{"business_hours":{"funday":[["09:00","17:00"]]}}""", ["business_hours.funday"] },
        { """{"business_hours":{"1":[["09:00","17:00"]]}}""", ["business_hours.1"] },
        { """{"business_hours":{"monday":"09:00-17:00"}}""", ["business_hours.monday"] },
        { """{"business_hours":["09:00","17:00"]}""", ["business_hours"] },
        { """{"time_zone":"Nowhere/City","business_hours":{"tuesday":[["09:00","17:00"],["18:00","18:00"]]}}""", ["time_zone", "business_hours.tuesday[1]"] },
        { """{"time_zone":"UTC","opening":"always"}""", ["opening"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Refuse_a_bad_zone_or_interval_with_field_errors_and_keep_the_settings(string json, string[] paths)
    {
        var (app, rules, tenant) = (acme.App, acme.Rules, acme.Tenant);
        (await rules.PutAsync("rules/settings", """{"time_zone":"Europe/Paris"}""")).ShouldBe(HttpStatusCode.OK);
        var before = (await RulesKit.SettingsAsync(app, tenant))!;

        var answer = (await rules.PutAsync("rules/settings", json)).ShouldBe(HttpStatusCode.BadRequest);

        answer.Errors.Keys.ShouldBe(paths, ignoreOrder: true);
        var after = (await RulesKit.SettingsAsync(app, tenant))!;
        after.TimeZone.ShouldBe("Europe/Paris");
        after.BusinessHours.ShouldBeNull();
        after.RuleSetVersion.ShouldBe(before.RuleSetVersion);
    }
}
