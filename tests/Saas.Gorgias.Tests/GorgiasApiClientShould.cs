using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Saas.Gorgias.Api;

namespace Saas.Gorgias.Tests;

public sealed class GorgiasApiClientShould
{
    private static CancellationToken Ct => SandboxKit.Ct;

    private static GorgiasIntegrationRequest Webhook(string url = "https://app.example.com/webhooks/gorgias/1") =>
        new("Test webhook", new GorgiasHttpSettings(
            url,
            Headers: new Dictionary<string, string> { ["X-Autopilot-Secret"] = "s3cret" },
            Form: JsonValue.Create("{{ticket}}"),
            Triggers: new Dictionary<string, bool> { [GorgiasTriggers.TicketCreated] = true, [GorgiasTriggers.TicketMessageCreated] = true }));

    [Fact]
    public async Task Create_read_list_update_and_delete_an_http_integration()
    {
        await using var kit = await SandboxKit.StartAsync();
        var token = (await kit.InstallAsync()).AccessToken;
        var caller = SandboxKit.Fixed(token);

        var created = await kit.Api.CreateIntegrationAsync(caller, Webhook(), Ct);

        created.Id.ShouldBeGreaterThan(0);
        created.Type.ShouldBe("http");
        created.IsActive.ShouldBeTrue();
        created.Http!.Url.ShouldBe("https://app.example.com/webhooks/gorgias/1");
        created.Http.Method.ShouldBe("POST");
        created.Http.RequestContentType.ShouldBe("application/json");
        created.Http.Form!.GetValue<string>().ShouldBe("{{ticket}}");
        created.Http.Headers!["X-Autopilot-Secret"].ShouldBe("s3cret");
        created.Http.Triggers!.Where(t => t.Value).Select(t => t.Key).ShouldBe(["ticket-created", "ticket-message-created"], ignoreOrder: true);
        created.Http.ToString().ShouldNotContain("s3cret");

        (await kit.Api.GetIntegrationAsync(caller, created.Id, Ct)).Name.ShouldBe("Test webhook");
        var listed = new List<GorgiasIntegration>();
        await foreach (var integration in kit.Api.ListIntegrationsAsync(caller, "http", Ct))
        {
            listed.Add(integration);
        }

        listed.ShouldHaveSingleItem().Id.ShouldBe(created.Id);

        var updated = await kit.Api.UpdateIntegrationAsync(caller, created.Id, new GorgiasIntegrationUpdate(Name: "Renamed"), Ct);
        updated.Name.ShouldBe("Renamed");
        updated.Http!.Url.ShouldBe(created.Http.Url);

        (await kit.Api.DeleteIntegrationAsync(caller, created.Id, Ct)).ShouldBeTrue();
        (await kit.Api.DeleteIntegrationAsync(caller, created.Id, Ct)).ShouldBeFalse();
        (await Should.ThrowAsync<GorgiasApiException>(kit.Api.GetIntegrationAsync(caller, created.Id, Ct))).IsNotFound.ShouldBeTrue();
    }

    [Fact]
    public async Task List_every_page()
    {
        await using var kit = await SandboxKit.StartAsync(configure: o => o.RateLimits.Enabled = false);
        var caller = await kit.CallerAsync();
        for (var i = 0; i < 105; i++)
        {
            await kit.Api.CreateIntegrationAsync(caller, Webhook($"https://app.example.com/webhooks/gorgias/{i}"), Ct);
        }

        var count = 0;
        await foreach (var _ in kit.Api.ListIntegrationsAsync(caller, cancellationToken: Ct))
        {
            count++;
        }

        count.ShouldBe(105);
    }

    [Fact]
    public async Task Turn_a_Gorgias_error_body_into_a_typed_exception_with_status_and_message()
    {
        await using var kit = await SandboxKit.StartAsync();
        var token = (await kit.InstallAsync()).AccessToken;

        var refused = await Should.ThrowAsync<GorgiasApiException>(
            kit.Api.CreateIntegrationAsync(SandboxKit.Fixed(token), Webhook("not a url"), Ct));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorMessage.ShouldNotBeNullOrEmpty();
        refused.Fields.ShouldContain("http.url");
        refused.Message.ShouldStartWith("Gorgias answered 400 to POST /api/integrations");
        refused.ToString().ShouldNotContain(token);
    }

    [Fact]
    public async Task Report_401_for_a_token_of_another_account()
    {
        await using var kit = await SandboxKit.StartAsync();
        var globex = (await kit.InstallAsync("globex")).AccessToken;

        var refused = await Should.ThrowAsync<GorgiasApiException>(kit.Api.GetIntegrationAsync(SandboxKit.Fixed(globex), 1, Ct));

        refused.IsUnauthorized.ShouldBeTrue();
        refused.ToString().ShouldNotContain(globex);
    }
}
