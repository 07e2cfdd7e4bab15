using System.Net;
using System.Net.Http.Json;
using Gorgias.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Secrets;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests;

/// <summary>
/// Failures after the merchant approved: each shows what went wrong and how to retry, and leaves nothing half-made
/// (no tenant, no secret, no integration, and the grant withdrawn at Gorgias).
/// </summary>
public sealed class InstallFailuresShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_nothing_when_the_token_endpoint_fails()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);
        await app.Control.SetFaultsAsync("acme", new FaultSettings { TokenEndpointStatus = 500 }, Ct);

        var result = await browser.FollowAsync(callback);

        result.Status.ShouldBe(HttpStatusCode.BadGateway);
        result.Body.ShouldContain("Gorgias could not complete the connection");
        result.Body.ShouldContain("try again");
        result.Body.ShouldContain("/gorgias/install?account=acme");
        var token = (await app.TokenRequestsAsync()).ShouldHaveSingleItem();
        token.Status.ShouldBe(500);
        token.Fault.ShouldNotBeNull();
        await ShouldHaveStoredNothingAsync(app);
    }

    [Fact]
    public async Task Store_nothing_when_Gorgias_refuses_the_app_credentials()
    {
        await using var app = await TestApp.StartAsync(o => o.ClientSecret = "not-the-secret");

        var result = await app.InstallAsync("acme");

        result.Status.ShouldBe(HttpStatusCode.BadGateway);
        result.Body.ShouldContain("could not identify itself to Gorgias");
        result.Body.ShouldContain("contact our support");
        (await app.TokenRequestsAsync()).ShouldHaveSingleItem().Status.ShouldBe(401);
        await ShouldHaveStoredNothingAsync(app);
        (await app.LiveInstallationsAsync()).ShouldBeEmpty();
        app.Logs.Text.ShouldNotContain("not-the-secret");
    }

    [Fact]
    public async Task Refuse_a_token_issued_for_another_account_and_store_nothing()
    {
        await using var app = await TestApp.StartAsync();

        // The token endpoint of acme answers with a real token of globex (a mixed-up or malicious authorization server).
        var globex = await app.Control.InstallAsync("globex", TestApp.ClientId, ["openid", "offline", "write:all"], cancellationToken: Ct);
        app.Outgoing.AddToken(globex.AccessToken);
        app.Outgoing.AddToken(globex.RefreshToken!);
        app.Outgoing.Intercept = request => request.RequestUri!.AbsolutePath.EndsWith("/acme/oauth/token", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new Dictionary<string, object>
                {
                    ["access_token"] = globex.AccessToken,
                    ["expires_in"] = 86400,
                    ["refresh_token"] = globex.RefreshToken!,
                    ["scope"] = globex.Scope,
                    ["token_type"] = "Bearer",
                }),
            }
            : null;

        var result = await app.InstallAsync("acme");

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("different Gorgias account");
        app.Outgoing.All.ShouldHaveSingleItem().Uri.AbsolutePath.ShouldEndWith("/acme/oauth/token");
        await ShouldHaveStoredNothingAsync(app);
        (await app.IntegrationsAsync("globex")).ShouldBeEmpty();
        foreach (var secret in app.KnownSecrets())
        {
            app.Logs.Text.ShouldNotContain(secret);
            result.Body.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Store_nothing_and_withdraw_the_grant_when_the_secret_store_is_down()
    {
        await using var app = await TestApp.StartAsync(o => o.Services = s => s.AddSingleton<ISecretStore, UnavailableSecretStore>());

        var result = await app.InstallAsync("acme");

        result.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        result.Body.ShouldContain("could not store your connection securely");
        result.Body.ShouldContain("/gorgias/install?account=acme");
        (await app.TenantsAsync()).ShouldBeEmpty();
        (await app.IntegrationsAsync()).ShouldBeEmpty();
        (await app.LiveInstallationsAsync()).ShouldBeEmpty();
        (await app.InstallationsAsync()).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
        app.Outgoing.All.Select(r => r.Uri.AbsolutePath).ShouldBe(["/acme/oauth/token", "/acme/oauth/revoke"]);
    }

    [Fact]
    public async Task Undo_the_secret_and_withdraw_the_grant_when_the_webhook_cannot_be_registered()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);
        await app.Control.SetFaultsAsync("acme", new FaultSettings { ServerErrorRate = 1 }, Ct);

        var result = await browser.FollowAsync(callback);

        result.Status.ShouldBe(HttpStatusCode.BadGateway);
        result.Body.ShouldContain("could not register our webhook");
        result.Body.ShouldContain("Gorgias answered 500");
        await ShouldHaveStoredNothingAsync(app);
        (await app.InstallationsAsync()).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
        app.Outgoing.All.Select(r => $"{r.Method} {r.Uri.AbsolutePath} {r.Status}")
            .ShouldBe(["POST /acme/oauth/token 200", "POST /acme/api/integrations 500", "POST /acme/oauth/revoke 200"]);
    }

    [Fact]
    public async Task Delete_the_new_integration_and_secret_when_the_tenant_cannot_be_saved()
    {
        await using var app = await TestApp.StartAsync();
        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_tenants BEFORE INSERT ON Tenants BEGIN SELECT RAISE(FAIL, 'database unavailable (test)'); END;", Ct));

        var result = await app.InstallAsync("acme");

        result.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        result.Body.ShouldContain("could not save your installation");
        await ShouldHaveStoredNothingAsync(app);
        (await app.InstallationsAsync()).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
        var calls = app.Outgoing.All.Select(r => $"{r.Method} {r.Uri.AbsolutePath} {r.Status}").ToList();
        calls.Count.ShouldBe(4);
        calls[0].ShouldBe("POST /acme/oauth/token 200");
        calls[1].ShouldBe("POST /acme/api/integrations 201");
        calls[2].ShouldMatch(@"^DELETE /acme/api/integrations/\d+ 204$");
        calls[3].ShouldBe("POST /acme/oauth/revoke 200");
    }

    [Fact]
    public async Task Keep_the_working_tenant_as_it_was_when_a_reinstall_fails()
    {
        await using var app = await TestApp.StartAsync();
        (await app.InstallAsync("acme")).Status.ShouldBe(HttpStatusCode.OK);
        var before = (await app.TenantsAsync()).ShouldHaveSingleItem();
        var secretBefore = await app.Secrets.GetAsync(SecretNames.RefreshToken(before.Id), Ct);
        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_tenant_updates BEFORE UPDATE ON Tenants BEGIN SELECT RAISE(FAIL, 'database unavailable (test)'); END;", Ct));

        var result = await app.InstallAsync("acme");

        result.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var after = (await app.TenantsAsync()).ShouldHaveSingleItem();
        after.State.ShouldBe(before.State);
        after.WebhookIntegrationId.ShouldBe(before.WebhookIntegrationId);
        after.WebhookSecretHash.ShouldBe(before.WebhookSecretHash);
        (await app.IntegrationsAsync()).ShouldHaveSingleItem().Id.ShouldBe(before.WebhookIntegrationId!.Value);
        (await app.Secrets.GetAsync(SecretNames.RefreshToken(before.Id), Ct)).ShouldBe(secretBefore);

        // Gorgias handed back the same refresh token, so it was not revoked: the tenant keeps working.
        (await app.LiveInstallationsAsync()).ShouldHaveSingleItem();
    }

    private static async Task<Uri> CallbackAsync(TestApp app, Browser browser)
    {
        var authorize = await browser.StartInstallAsync(app.BaseAddress, "acme");
        return await browser.AuthorizeAsync(authorize, await app.AdminIdAsync());
    }

    private static async Task ShouldHaveStoredNothingAsync(TestApp app)
    {
        (await app.TenantsAsync()).ShouldBeEmpty();
        (await app.ActivitiesAsync()).ShouldBeEmpty();
        (await app.IntegrationsAsync()).ShouldBeEmpty();
        app.SecretFiles().ShouldBeEmpty();
    }

    /// <summary>A secret store that is down (Key Vault unreachable): the fake at the edge.</summary>
    private sealed class UnavailableSecretStore : ISecretStore
    {
        public Task<string?> GetAsync(string name, CancellationToken cancellationToken = default) => throw Down();

        public Task SetAsync(string name, string value, CancellationToken cancellationToken = default) => throw Down();

        public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => throw Down();

        private static HttpRequestException Down() => new("The secret store is unavailable (test).");
    }
}
