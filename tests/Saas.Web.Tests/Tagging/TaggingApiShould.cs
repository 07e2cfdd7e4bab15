using System.Net;
using System.Text.Json;
using Saas.Core.Tagging;
using Saas.Rules.Definitions;

namespace Saas.Web.Tests.Tagging;

/// <summary>The dry run and the "why" list on the tenant API, against the real app and sandbox.</summary>
public sealed class TaggingApiShould
{
    private const string RefundRule = """
        {"name":"Refund","when":{"field":"last_customer_message","op":"contains_any","values":["refund","money back"]},
         "actions":[{"type":"add_tags","tags":["refund"]},{"type":"set_priority","priority":"high"}]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dry_run_an_unsaved_rule_against_a_ticket_id_and_write_nothing()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(); // no saved rules (not even the starter pack installed with the tenant): only the posted one runs
        var ticketId = await h.WriteInAsync("Help", "Please, I want my money back");
        await h.SettledAsync(ticketId);

        using var response = await h.PostJsonAsync("api/tenants/acme/rules/dry-run", $$"""{"ticket_id":{{ticketId}},"rule":{{RefundRule}}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = body.RootElement;
        root.GetProperty("ticket_id").GetInt64().ShouldBe(ticketId);
        root.GetProperty("outcome").GetString().ShouldBe("dry_run");
        root.GetProperty("rules").GetString().ShouldBe("posted_rule");
        root.GetProperty("plan").GetProperty("add_tags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["refund"]);
        root.GetProperty("writes").GetProperty("add_tags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["refund"]);
        root.GetProperty("writes").GetProperty("priority").GetString().ShouldBe("high");
        root.GetProperty("write_requests").GetInt32().ShouldBe(2);
        var entry = root.GetProperty("trace").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("outcome").GetString().ShouldBe("matched");
        entry.GetRawText().ShouldContain("money back");
        (await h.WritesAsync(ticketId)).ShouldBeEmpty();
        (await h.TagsAsync(ticketId)).ShouldBeEmpty();
        (await h.RunsAsync(ticketId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Dry_run_the_saved_set_against_posted_ticket_json_showing_only_the_writes_that_change_something()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(RuleJson.Deserialize(RefundRule));
        const string ticket = """
            {"id":5,"subject":"Refund","status":"open","priority":"high","messages_count":1,
             "tags":[{"id":1,"name":"refund"}],
             "messages":[{"id":9,"from_agent":false,"public":true,"body_text":"I want a refund"}]}
            """;

        using var response = await h.PostJsonAsync("api/tenants/acme/rules/dry-run", $$"""{"ticket":{{ticket}},"trigger":"customer_message_added"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        body.RootElement.GetProperty("rules").GetString().ShouldBe("saved_set");
        body.RootElement.GetProperty("trigger").GetString().ShouldBe("customer_message_added");
        body.RootElement.GetProperty("plan").GetProperty("add_tags").GetArrayLength().ShouldBe(1);
        body.RootElement.GetProperty("writes").GetProperty("add_tags").GetArrayLength().ShouldBe(0);
        body.RootElement.GetProperty("write_requests").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Reject_an_invalid_dry_run_with_a_field_error_and_call_nothing()
    {
        (string Json, string Key)[] cases =
        [
            ("""{"rule":{"name":"x","actions":[{"type":"add_tags","tags":["a"]}]}}""", "ticket_id"),
            ("""{"ticket_id":1,"ticket":{"id":1}}""", "ticket_id"),
            ("""{"ticket_id":-3}""", "ticket_id"),
            ("""{"ticket":[1,2]}""", "ticket"),
            ("""{"ticket_id":1,"trigger":"sometimes"}""", "trigger"),
            ("""{"ticket_id":1,"colour":"red"}""", "colour"),
            ("""{"ticket_id":1,"rule":{"name":"x","actions":[],"bogus":1}}""", "rule"),
            ("""{"ticket_id":1,"rule":{"name":"x","when":{"field":"subject","op":"sounds_like","value":"a"},"actions":[{"type":"add_tags","tags":["a"]}]}}""", "rule.when"),
            ("""[1]""", "body"),
            ("""{"ticket_id":""", "body"),
        ];
        await using var h = await TaggingHarness.StartAsync();
        await h.App.Control.ClearRequestLogAsync("acme", Ct);

        foreach (var (json, key) in cases)
        {
            using var response = await h.PostJsonAsync("api/tenants/acme/rules/dry-run", json);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(n => n.StartsWith(key, StringComparison.Ordinal), json);
        }

        (await h.App.RequestLogAsync()).ShouldNotContain(r => r.Path.Contains("/api/tickets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answer_404_for_a_ticket_the_account_does_not_have()
    {
        await using var h = await TaggingHarness.StartAsync();

        using var response = await h.PostJsonAsync("api/tenants/acme/rules/dry-run", """{"ticket_id":987654321}""");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("No such ticket");
    }

    [Fact]
    public async Task List_a_tickets_rule_runs_newest_first_with_trace_and_writes()
    {
        await using var h = await TaggingHarness.StartAsync();
        await h.SetRulesAsync(RuleJson.Deserialize(RefundRule));
        var ticketId = await h.WriteInAsync("Refund", "I want a refund");
        await h.RunsUntilAsync(ticketId, rs => rs.Count(r => r.Outcome == RuleRunOutcome.Echo) >= 2, "both echoes");
        await h.SettledAsync(ticketId);

        using var body = await h.GetJsonAsync($"api/tenants/{h.Tenant.Id}/tickets/{ticketId}/rule-runs");

        var runs = body.RootElement.GetProperty("runs").EnumerateArray().ToList();
        runs.Count.ShouldBe((await h.RunsAsync(ticketId)).Count);
        runs.Select(r => r.GetProperty("id").GetInt64()).ShouldBeInOrder(SortDirection.Descending);
        var applied = runs[^1];
        applied.GetProperty("outcome").GetString().ShouldBe("applied");
        applied.GetProperty("trigger").GetString().ShouldBe("ticket_created");
        applied.GetProperty("writes").EnumerateArray().Select(w => w.GetProperty("kind").GetString()).ShouldBe(["add_tags", "update_ticket"]);
        applied.GetProperty("trace").GetProperty("entries")[0].GetProperty("outcome").GetString().ShouldBe("matched");
        runs[0].GetProperty("outcome").GetString().ShouldBe("echo");

        using var none = await h.GetJsonAsync($"api/tenants/acme/tickets/1/rule-runs");
        none.RootElement.GetProperty("runs").GetArrayLength().ShouldBe(0);
    }
}
