using System.Net;
using System.Net.Http.Json;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;
using static Gorgias.Sandbox.Tests.OAuth.OAuthTestKit;

namespace Gorgias.Sandbox.Tests.OAuth;

public sealed class OAuthControlShould(SandboxFixture fixture)
{
    private SandboxHost Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Install_headlessly_and_return_working_tokens()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var tokens = await Sandbox.Control.InstallAsync(account.Domain, ClientId, ["offline", "tickets:read"], cancellationToken: Ct);

        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(86400);
        tokens.Scope.ShouldBe("offline tickets:read");
        tokens.UserId.ShouldBe(account.Admin.Id);
        (await TicketsStatusAsync(Sandbox, account.Domain, tokens.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await RefreshAsync(Sandbox, account.Domain, tokens.RefreshToken!)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var installation = (await Sandbox.Control.GetAccountAsync(account.Domain, Ct)).Installations.Single();
        installation.Id.ShouldBe(tokens.InstallationId);
        installation.ClientId.ShouldBe(ClientId);
    }

    [Fact]
    public async Task Install_for_a_chosen_user_without_a_refresh_token_unless_offline()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");

        var tokens = await Sandbox.Control.InstallAsync(account.Domain, ClientId, ["tickets:read"], agent.Id, Ct);

        tokens.RefreshToken.ShouldBeNull();
        Decode(tokens.AccessToken).GetPayloadValue<long>("sub").ShouldBe(agent.Id);
    }

    [Fact]
    public async Task Refuse_an_install_with_an_unknown_scope_or_app()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var scope = await Sandbox.Control.Http.PostAsJsonAsync($"_sandbox/accounts/{account.Domain}/installations", new { client_id = ClientId, scopes = new[] { "tickets:destroy" } }, Ct);
        var app = await Sandbox.Control.Http.PostAsJsonAsync($"_sandbox/accounts/{account.Domain}/installations", new { client_id = "nope", scopes = new[] { "tickets:read" } }, Ct);
        var unknownAccount = await Sandbox.Control.Http.PostAsJsonAsync("_sandbox/accounts/no-such/installations", new { client_id = ClientId, scopes = new[] { "tickets:read" } }, Ct);

        scope.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await scope.Content.ReadAsStringAsync(Ct)).ShouldContain("tickets:destroy");
        app.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownAccount.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Register_and_list_apps()
    {
        var registered = await Sandbox.Control.RegisterAppAsync(
            new RegisterAppRequest(["http://127.0.0.1:9999/callback"], Name: "Listed app", AppUrl: "http://127.0.0.1:9999/install"),
            Ct);

        registered.ClientId.ShouldNotBeNullOrEmpty();
        registered.ClientSecret.ShouldNotBeNullOrEmpty();
        var apps = await Sandbox.Control.ListAppsAsync(Ct);
        apps.ShouldContain(a => a.ClientId == ClientId);
        apps.Single(a => a.ClientId == registered.ClientId).ShouldBe(registered with { RedirectUris = apps.Single(a => a.ClientId == registered.ClientId).RedirectUris });
        apps.Single(a => a.ClientId == registered.ClientId).RedirectUris.ShouldBe(["http://127.0.0.1:9999/callback"]);

        var replaced = await Sandbox.Control.RegisterAppAsync(new RegisterAppRequest(["http://127.0.0.1:9999/other"], registered.ClientId), Ct);
        replaced.ClientSecret.ShouldBe(registered.ClientSecret);
        replaced.RedirectUris.ShouldBe(["http://127.0.0.1:9999/other"]);
    }

    [Fact]
    public async Task Refuse_an_app_without_valid_redirect_uris()
    {
        var response = await Sandbox.Control.Http.PostAsJsonAsync("_sandbox/apps", new { name = "bad", redirect_uris = new[] { "not a url", "http://x.example/cb#frag" } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("redirect_uris");
    }

    [Fact]
    public async Task Uninstall_only_the_named_app()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var other = await Sandbox.Control.RegisterAppAsync(new RegisterAppRequest(["http://127.0.0.1:9999/cb"]), Ct);
        var demo = await Sandbox.Control.InstallAsync(account.Domain, ClientId, ["offline", "tickets:read"], cancellationToken: Ct);
        var kept = await Sandbox.Control.InstallAsync(account.Domain, other.ClientId, ["offline", "tickets:read"], cancellationToken: Ct);

        (await Sandbox.Control.UninstallAsync(account.Domain, ClientId, cancellationToken: Ct)).ShouldBe(1);

        (await RefreshAsync(Sandbox, account.Domain, demo.RefreshToken!)).Body.Text("error").ShouldBe("invalid_grant");
        var (response, _) = await PostTokenAsync(
            Sandbox,
            account.Domain,
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = kept.RefreshToken! },
            (other.ClientId, other.ClientSecret));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Expire_only_the_tokens_of_the_named_app()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var other = await Sandbox.Control.RegisterAppAsync(new RegisterAppRequest(["http://127.0.0.1:9999/cb"]), Ct);
        var demo = await Sandbox.Control.InstallAsync(account.Domain, ClientId, ["tickets:read"], cancellationToken: Ct);
        var kept = await Sandbox.Control.InstallAsync(account.Domain, other.ClientId, ["tickets:read"], cancellationToken: Ct);

        (await Sandbox.Control.ExpireTokensAsync(account.Domain, ClientId, Ct)).ShouldBe(1);

        (await TicketsStatusAsync(Sandbox, account.Domain, demo.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await TicketsStatusAsync(Sandbox, account.Domain, kept.AccessToken)).ShouldBe(HttpStatusCode.OK);
    }
}
