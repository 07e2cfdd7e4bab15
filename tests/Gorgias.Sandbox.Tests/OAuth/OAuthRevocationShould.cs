using System.Net;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Gorgias.Sandbox.Tests.OAuth.OAuthTestKit;

namespace Gorgias.Sandbox.Tests.OAuth;

public sealed class OAuthRevocationShould(SandboxFixture fixture)
{
    private SandboxHost Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Keep_the_access_token_until_it_expires_after_an_uninstall()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await StartSandboxAsync(clock: clock);
        var admin = await AdminIdAsync(sandbox, "acme");
        var (_, tokens) = await ExchangeAsync(sandbox, "acme", await CodeAsync(sandbox, "acme", admin, "offline tickets:read"));

        var revoked = await sandbox.Control.UninstallAsync("acme", ClientId, cancellationToken: Ct);

        revoked.ShouldBe(1);
        var (refresh, refreshBody) = await RefreshAsync(sandbox, "acme", tokens.Text("refresh_token"));
        refresh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refreshBody.Text("error").ShouldBe("invalid_grant");
        (await TicketsStatusAsync(sandbox, "acme", tokens.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        (await TicketsStatusAsync(sandbox, "acme", tokens.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(2));
        (await TicketsStatusAsync(sandbox, "acme", tokens.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await sandbox.Control.GetAccountAsync("acme", Ct)).Installations.Single().RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Refuse_the_access_token_at_once_when_uninstall_revokes_access_tokens()
    {
        await using var sandbox = await StartSandboxAsync(o => o.RevokeAccessTokensOnUninstall = true);
        var admin = await AdminIdAsync(sandbox, "acme");
        var (_, tokens) = await ExchangeAsync(sandbox, "acme", await CodeAsync(sandbox, "acme", admin, "offline tickets:read"));

        await sandbox.Control.UninstallAsync("acme", ClientId, cancellationToken: Ct);

        (await TicketsStatusAsync(sandbox, "acme", tokens.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_access_tokens_on_uninstall_when_the_request_asks()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));

        (await Sandbox.Control.UninstallAsync(account.Domain, ClientId, revokeAccessTokens: true, Ct)).ShouldBe(1);

        (await TicketsStatusAsync(Sandbox, account.Domain, tokens.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(Sandbox, account.Domain, tokens.Text("refresh_token"))).Body.Text("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Install_again_after_an_uninstall()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));
        await Sandbox.Control.UninstallAsync(account.Domain, ClientId, revokeAccessTokens: true, Ct);

        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));

        (await TicketsStatusAsync(Sandbox, account.Domain, tokens.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
        (await RefreshAsync(Sandbox, account.Domain, tokens.Text("refresh_token"))).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Sandbox.Control.GetAccountAsync(account.Domain, Ct)).Installations.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Revoke_a_refresh_token_through_the_revoke_endpoint()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));

        var (response, body) = await RevokeAsync(Sandbox, account.Domain, tokens.Text("refresh_token"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.Count.ShouldBe(0);
        (await RefreshAsync(Sandbox, account.Domain, tokens.Text("refresh_token"))).Body.Text("error").ShouldBe("invalid_grant");
        (await TicketsStatusAsync(Sandbox, account.Domain, tokens.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
        (await Sandbox.Control.GetAccountAsync(account.Domain, Ct)).Installations.Single().RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Revoke_an_access_token_through_the_revoke_endpoint()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));

        var (response, _) = await RevokeAsync(Sandbox, account.Domain, tokens.Text("access_token"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TicketsStatusAsync(Sandbox, account.Domain, tokens.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
        var (_, refreshed) = await RefreshAsync(Sandbox, account.Domain, tokens.Text("refresh_token"));
        (await TicketsStatusAsync(Sandbox, account.Domain, refreshed.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Answer_200_for_an_unknown_token_and_401_for_a_bad_client()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var (unknown, body) = await RevokeAsync(Sandbox, account.Domain, "never-issued");
        var (badClient, badBody) = await PostTokenAsync(Sandbox, account.Domain, new Dictionary<string, string> { ["token"] = "x" }, (ClientId, "wrong"), "oauth/revoke");

        unknown.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ToJsonString().ShouldBe("{}");
        badClient.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        badBody.Text("error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task Refuse_every_access_token_issued_before_an_expire_tokens_call()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));
        var (_, refreshed) = await RefreshAsync(Sandbox, account.Domain, tokens.Text("refresh_token"));

        var expired = await Sandbox.Control.ExpireTokensAsync(account.Domain, cancellationToken: Ct);

        expired.ShouldBe(2);
        (await TicketsStatusAsync(Sandbox, account.Domain, tokens.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await TicketsStatusAsync(Sandbox, account.Domain, refreshed.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
        var (_, after) = await RefreshAsync(Sandbox, account.Domain, tokens.Text("refresh_token"));
        (await TicketsStatusAsync(Sandbox, account.Domain, after.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
    }
}
