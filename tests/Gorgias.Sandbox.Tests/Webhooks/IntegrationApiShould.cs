using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Webhooks;

public sealed class IntegrationApiShould(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject ValidBody(string url = "https://hooks.example.com/gorgias") => new()
    {
        ["name"] = "Order bot",
        ["description"] = "Sends new tickets to the bot",
        ["type"] = "http",
        ["http"] = new JsonObject
        {
            ["url"] = url,
            ["method"] = "POST",
            ["request_content_type"] = "application/json",
            ["response_content_type"] = "application/json",
            ["headers"] = new JsonObject { ["x-api-key"] = "s3cret" },
            ["form"] = "{{context}}",
            ["triggers"] = new JsonObject { ["ticket-created"] = true, ["ticket-updated"] = false },
        },
    };

    [Fact]
    public async Task Create_an_http_integration_and_read_it_back()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        var created = await ApiIntegrations.CreateAsync(api, ValidBody());
        var id = created["id"]!.GetValue<long>();
        var fetched = await ApiIntegrations.GetAsync(api, id);

        created["name"]!.GetValue<string>().ShouldBe("Order bot");
        created["type"]!.GetValue<string>().ShouldBe("http");
        created["uri"]!.GetValue<string>().ShouldBe($"/api/integrations/{id}/");
        created["deactivated_datetime"].ShouldBeNull();
        created["http"]!["url"]!.GetValue<string>().ShouldBe("https://hooks.example.com/gorgias");
        created["http"]!["form"]!.GetValue<string>().ShouldBe("{{context}}");
        created["http"]!["headers"]!["x-api-key"]!.GetValue<string>().ShouldBe("s3cret");
        created["http"]!["triggers"]!["ticket-created"]!.GetValue<bool>().ShouldBeTrue();
        created["http"]!["triggers"]!["ticket-updated"]!.GetValue<bool>().ShouldBeFalse();
        fetched.ToJsonString().ShouldBe(created.ToJsonString());
    }

    [Fact]
    public async Task List_integrations_with_the_type_filter()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var first = await ApiIntegrations.CreateAsync(api, ValidBody());
        var second = await ApiIntegrations.CreateAsync(api, ValidBody());

        var all = JsonNode.Parse(await api.GetStringAsync("api/integrations", Ct))!;
        var http = JsonNode.Parse(await api.GetStringAsync("api/integrations?type=http", Ct))!;
        var shopify = JsonNode.Parse(await api.GetStringAsync("api/integrations?type=shopify", Ct))!;

        all["object"]!.GetValue<string>().ShouldBe("list");
        all["data"]!.AsArray().Select(i => i!["id"]!.GetValue<long>())
            .ShouldBe([second["id"]!.GetValue<long>(), first["id"]!.GetValue<long>()]);
        http["data"]!.AsArray().Count.ShouldBe(2);
        shopify["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Store_legacy_underscore_trigger_keys_hyphenated()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var body = ValidBody();
        body["http"]!["triggers"] = new JsonObject { ["ticket_created"] = true, ["ticket_message_created"] = true };

        var created = await ApiIntegrations.CreateAsync(api, body);

        var triggers = created["http"]!["triggers"]!.AsObject();
        triggers.Select(t => t.Key).ShouldBe(["ticket-created", "ticket-message-created"]);
    }

    [Fact]
    public async Task Refuse_to_create_a_native_integration_type()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var body = ValidBody();
        body["type"] = "shopify";

        using var response = await api.PostAsJsonAsync("api/integrations", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
        error["msg"]!.GetValue<string>().ShouldBe("Only http integrations can be created through the API.");
        error["data"]!["type"]![0]!.GetValue<string>().ShouldBe("Only http integrations can be created through the API.");
    }

    [Fact]
    public async Task Refuse_invalid_input_naming_every_bad_field()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var body = new JsonObject
        {
            ["type"] = "http",
            ["colour"] = "red",
            ["http"] = new JsonObject
            {
                ["url"] = "ftp://files.example.com/{{ticket.id}}",
                ["method"] = "TRACE",
                ["request_content_type"] = "text/xml",
                ["headers"] = new JsonObject { ["Bad Header"] = "x", ["X-Id"] = "{{ ticket.id " },
                ["form"] = new JsonObject { ["status"] = "{% if ticket.spam %}spam{% endif %}", ["id"] = "{{ticket.id | shout}}" },
                ["triggers"] = new JsonObject { ["customer-created"] = true, ["ticket-created"] = "yes" },
                ["retries"] = 3,
            },
        };

        using var response = await api.PostAsJsonAsync("api/integrations", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["data"]!.AsObject();
        data.Select(d => d.Key).Order(StringComparer.Ordinal).ShouldBe(
        [
            "colour", "http.form.id", "http.form.status", "http.headers.Bad Header", "http.headers.X-Id", "http.method",
            "http.request_content_type", "http.retries", "http.triggers.customer-created", "http.triggers.ticket-created",
            "http.url", "name",
        ]);
        data["name"]![0]!.GetValue<string>().ShouldBe("Missing data for required field.");
        data["http.form.id"]![0]!.GetValue<string>().ShouldContain("unknown filter 'shout'");
        data["http.form.status"]![0]!.GetValue<string>().ShouldContain("not supported");
    }

    [Fact]
    public async Task Require_the_http_block_and_a_url_on_create()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();

        using var noHttp = await api.PostAsJsonAsync("api/integrations", new JsonObject { ["name"] = "x", ["type"] = "http" }, Ct);
        using var noUrl = await api.PostAsJsonAsync("api/integrations", new JsonObject { ["name"] = "x", ["type"] = "http", ["http"] = new JsonObject() }, Ct);
        using var notJson = await api.PostAsync("api/integrations", new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"), Ct);

        noHttp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noHttp.Content.ReadAsStringAsync(Ct)).ShouldContain("\"http\":[\"Missing data for required field.\"]");
        noUrl.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noUrl.Content.ReadAsStringAsync(Ct)).ShouldContain("\"http.url\":[\"Missing data for required field.\"]");
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Update_only_the_fields_given_and_delete()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var created = await ApiIntegrations.CreateAsync(api, ValidBody());
        var id = created["id"]!.GetValue<long>();

        using var put = await api.PutAsJsonAsync(
            $"api/integrations/{id}",
            new JsonObject { ["name"] = "Renamed", ["http"] = new JsonObject { ["triggers"] = new JsonObject { ["ticket-message-created"] = true } } },
            Ct);
        var updated = JsonNode.Parse(await put.Content.ReadAsStringAsync(Ct))!;
        using var delete = await api.DeleteAsync($"api/integrations/{id}", Ct);
        using var afterDelete = await api.GetAsync($"api/integrations/{id}", Ct);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        updated["name"]!.GetValue<string>().ShouldBe("Renamed");
        updated["description"]!.GetValue<string>().ShouldBe("Sends new tickets to the bot");
        updated["http"]!["url"]!.GetValue<string>().ShouldBe("https://hooks.example.com/gorgias");
        updated["http"]!["headers"]!["x-api-key"]!.GetValue<string>().ShouldBe("s3cret");
        updated["http"]!["triggers"]!.AsObject().Select(t => t.Key).ShouldBe(["ticket-message-created"]);
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterDelete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var state = StoreTickets.Account(fixture.Sandbox, account.Domain);
        lock (state.Sync)
        {
            state.Events.All.Where(e => e.ObjectType == "Integration" && e.ObjectId == id).Select(e => e.Type)
                .ShouldBe(["integration-created", "integration-updated", "integration-deleted"], ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Deactivate_and_reactivate_through_deactivated_datetime()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = (await ApiIntegrations.CreateAsync(api, ValidBody()))["id"]!.GetValue<long>();

        using var off = await api.PutAsJsonAsync($"api/integrations/{id}", new JsonObject { ["deactivated_datetime"] = "2025-01-02T03:04:05+00:00" }, Ct);
        var deactivated = await ApiIntegrations.GetAsync(api, id);
        using var on = await api.PutAsJsonAsync($"api/integrations/{id}", new JsonObject { ["deactivated_datetime"] = null }, Ct);
        var reactivated = await ApiIntegrations.GetAsync(api, id);

        off.StatusCode.ShouldBe(HttpStatusCode.OK);
        deactivated["deactivated_datetime"]!.GetValue<string>().ShouldBe("2025-01-02T03:04:05.000000+00:00");
        on.StatusCode.ShouldBe(HttpStatusCode.OK);
        reactivated["deactivated_datetime"].ShouldBeNull();
    }

    [Fact]
    public async Task Answer_404_for_an_unknown_integration_and_refuse_changing_the_type()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var api = account.AdminApi();
        var id = (await ApiIntegrations.CreateAsync(api, ValidBody()))["id"]!.GetValue<long>();

        using var missing = await api.GetAsync("api/integrations/1", Ct);
        using var retype = await api.PutAsJsonAsync($"api/integrations/{id}", new JsonObject { ["type"] = "zendesk-like" }, Ct);
        using var query = await api.GetAsync($"api/integrations/{id}?expand=all", Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        retype.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await retype.Content.ReadAsStringAsync(Ct)).ShouldContain("cannot be changed");
        query.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Record_the_oauth_app_that_created_it_and_require_the_integrations_scope()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var withScope = MintedTokens.Issue(fixture.Sandbox, account.Domain, "integrations:write");
        var readOnly = MintedTokens.Issue(fixture.Sandbox, account.Domain, "integrations:read");
        using var app = TestAccount.BearerClient(fixture.Sandbox, account.Domain, withScope);
        using var reader = TestAccount.BearerClient(fixture.Sandbox, account.Domain, readOnly);

        var created = await ApiIntegrations.CreateAsync(app, ValidBody());
        using var refused = await reader.PostAsJsonAsync("api/integrations", ValidBody(), Ct);
        using var listed = await reader.GetAsync("api/integrations", Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var state = StoreTickets.Account(fixture.Sandbox, account.Domain);
        lock (state.Sync)
        {
            state.Integrations.Find(created["id"]!.GetValue<long>())!.CreatedByClientId.ShouldBe("demo-app");
        }
    }
}
