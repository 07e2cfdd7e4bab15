using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.OAuth;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests;

/// <summary>The install end to end, as a merchant does it: App URL → sandbox sign-in and consent → installed page.</summary>
public sealed class InstallShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_an_active_tenant_with_its_refresh_token_and_its_webhook_integration_and_show_the_installed_page()
    {
        await using var app = await TestApp.StartAsync();

        var result = await app.InstallAsync("acme");

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.LastUri.AbsolutePath.ShouldBe("/gorgias/installed");
        result.Body.ShouldContain("Ticket Autopilot is installed on acme");
        var tenant = (await app.TenantsAsync()).ShouldHaveSingleItem();
        tenant.Account.ShouldBe("acme");
        tenant.State.ShouldBe(TenantState.Active);
        tenant.InstalledBy.ShouldBe((await app.AdminIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        tenant.GrantedScopes.ShouldBe("openid email profile offline write:all");
        tenant.PurgeAfter.ShouldBeNull();

        // The refresh token is in the secret store, and it works.
        var refreshToken = await app.Secrets.GetAsync(SecretNames.RefreshToken(tenant.Id), Ct);
        refreshToken.ShouldNotBeNullOrEmpty();
        GorgiasAccount.TryParse("acme", out var acme).ShouldBeTrue();
        var refreshed = await app.App.Services.GetRequiredService<GorgiasOAuthClient>().RefreshAsync(acme, refreshToken, Ct);
        refreshed.AccessToken.ShouldNotBeNullOrEmpty();

        // One HTTP integration on the account, pointing at the tenant's webhook URL, with the secret header whose hash the tenant keeps.
        var integration = (await app.IntegrationsAsync()).ShouldHaveSingleItem();
        integration.Id.ShouldBe(tenant.WebhookIntegrationId!.Value);
        integration.Active.ShouldBeTrue();
        var full = await SandboxApi.GetIntegrationAsync(app, integration.Id);
        var http = full["http"]!.AsObject();
        http["url"]!.GetValue<string>().ShouldBe($"{app.BaseAddress}webhooks/gorgias/{tenant.Id}");
        http["method"]!.GetValue<string>().ShouldBe("POST");
        http["request_content_type"]!.GetValue<string>().ShouldBe("application/json");
        http["form"]!.GetValue<string>().ShouldBe("{{ticket}}");
        http["triggers"]!.AsObject().Where(t => t.Value!.GetValue<bool>()).Select(t => t.Key)
            .ShouldBe(["ticket-created", "ticket-updated", "ticket-message-created"], ignoreOrder: true);
        var secret = http["headers"]!.AsObject().Single(h => h.Key.Equals("X-Autopilot-Secret", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>();
        secret.Length.ShouldBeGreaterThanOrEqualTo(43);
        tenant.WebhookSecretHash.ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

        // One code exchange at acme's token endpoint (then the test's own refresh), and an "installed" activity line.
        (await app.TokenRequestsAsync()).Select(r => r.Detail).ShouldBe(["grant_type=authorization_code", "grant_type=refresh_token"]);
        (await app.ActivitiesAsync()).ShouldHaveSingleItem().Kind.ShouldBe("installed");
        (await app.LiveInstallationsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Send_the_authorize_request_with_PKCE_S256_a_nonce_the_scopes_and_the_exact_redirect_uri()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();

        var authorize = await browser.StartInstallAsync(app.BaseAddress, "acme");

        authorize.GetLeftPart(UriPartial.Path).ShouldBe(app.Sandbox.AccountBaseAddress("acme") + "/oauth/authorize");
        var query = Browser.Query(authorize);
        query["response_type"].ShouldBe("code");
        query["client_id"].ShouldBe(TestApp.ClientId);
        query["redirect_uri"].ShouldBe(app.BaseAddress + "gorgias/callback");
        query["scope"].ShouldBe("openid email profile offline write:all");
        query["code_challenge_method"].ShouldBe("S256");
        query["code_challenge"].Length.ShouldBe(43);
        query["nonce"].ShouldNotBeNullOrEmpty();
        query["state"].ShouldNotBeNullOrEmpty();
        query["state"].ShouldNotContain("acme"); // protected, not readable
        browser.Cookies.GetCookies(new Uri(app.BaseAddress, "gorgias/callback")).ShouldContain(c => c.Name.StartsWith(".Saas.Gorgias.Correlation.", StringComparison.Ordinal));
        app.Outgoing.All.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reinstall_the_same_tenant_with_one_integration_and_a_new_webhook_secret()
    {
        await using var app = await TestApp.StartAsync();
        (await app.InstallAsync("acme")).Status.ShouldBe(HttpStatusCode.OK);
        var first = (await app.TenantsAsync()).ShouldHaveSingleItem();

        var again = await app.InstallAsync("acme");

        again.Body.ShouldContain("installed on acme");
        var second = (await app.TenantsAsync()).ShouldHaveSingleItem();
        second.Id.ShouldBe(first.Id);
        second.CreatedAt.ShouldBe(first.CreatedAt);
        second.WebhookIntegrationId.ShouldNotBe(first.WebhookIntegrationId);
        second.WebhookSecretHash.ShouldNotBe(first.WebhookSecretHash);
        (await app.IntegrationsAsync()).ShouldHaveSingleItem().Id.ShouldBe(second.WebhookIntegrationId!.Value);
        (await app.ActivitiesAsync()).Select(a => a.Kind).ShouldBe(["installed", "reinstalled"]);
        (await app.LiveInstallationsAsync()).ShouldHaveSingleItem();
        (await app.Secrets.GetAsync(SecretNames.RefreshToken(second.Id), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Show_a_friendly_page_when_the_merchant_declines_and_store_nothing()
    {
        await using var app = await TestApp.StartAsync();

        var result = await app.InstallAsync("acme", decision: "deny");

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.LastUri.AbsolutePath.ShouldBe("/gorgias/declined");
        result.Body.ShouldContain("You declined the connection");
        result.Body.ShouldContain("/gorgias/install?account=acme");
        (await app.TenantsAsync()).ShouldBeEmpty();
        (await app.IntegrationsAsync()).ShouldBeEmpty();
        (await app.TokenRequestsAsync()).ShouldBeEmpty();
        app.Outgoing.All.ShouldBeEmpty();
    }
}
