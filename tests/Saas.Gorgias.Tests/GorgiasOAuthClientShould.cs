using System.Net;
using Gorgias.Sandbox.Faults;
using Saas.Gorgias.OAuth;

namespace Saas.Gorgias.Tests;

public sealed class GorgiasOAuthClientShould
{
    private static CancellationToken Ct => SandboxKit.Ct;

    [Fact]
    public async Task Refresh_an_access_token_with_Basic_client_authentication()
    {
        await using var kit = await SandboxKit.StartAsync();
        var installed = await kit.InstallAsync();

        var tokens = await kit.OAuth.RefreshAsync(SandboxKit.Acme, installed.RefreshToken!, Ct);

        tokens.AccessToken.ShouldNotBeNullOrEmpty();
        tokens.AccessToken.ShouldNotBe(installed.AccessToken);
        tokens.RefreshToken.ShouldBeNull(); // Gorgias' refresh tokens do not rotate
        tokens.Scope.ShouldBe("openid offline write:all");
        tokens.ExpiresIn.ShouldBe(86400);
        tokens.ToString().ShouldNotContain(tokens.AccessToken);
        var log = await kit.Sandbox.Control.GetRequestLogAsync("acme", 10, Ct);
        var request = log[^1];
        (request.Path, request.Detail, request.ClientId, request.Status).ShouldBe(("/acme/oauth/token", "grant_type=refresh_token", SandboxKit.ClientId, 200));
    }

    [Fact]
    public async Task Report_invalid_grant_after_the_app_was_uninstalled()
    {
        await using var kit = await SandboxKit.StartAsync();
        var installed = await kit.InstallAsync();
        await kit.Sandbox.Control.UninstallAsync("acme", SandboxKit.ClientId, cancellationToken: Ct);

        var refused = await Should.ThrowAsync<GorgiasOAuthException>(kit.OAuth.RefreshAsync(SandboxKit.Acme, installed.RefreshToken!, Ct));

        refused.IsInvalidGrant.ShouldBeTrue();
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Message.ShouldBe("Gorgias' token endpoint answered 400 invalid_grant.");
        refused.ToString().ShouldNotContain(installed.RefreshToken!);
    }

    [Fact]
    public async Task Report_invalid_grant_for_a_refresh_token_of_another_account()
    {
        await using var kit = await SandboxKit.StartAsync();
        var globex = await kit.InstallAsync("globex");

        var refused = await Should.ThrowAsync<GorgiasOAuthException>(kit.OAuth.RefreshAsync(SandboxKit.Acme, globex.RefreshToken!, Ct));

        refused.IsInvalidGrant.ShouldBeTrue();
    }

    [Fact]
    public async Task Report_invalid_client_for_a_wrong_client_secret()
    {
        await using var kit = await SandboxKit.StartAsync(clientSecret: "wrong");
        var installed = await kit.InstallAsync();

        var refused = await Should.ThrowAsync<GorgiasOAuthException>(kit.OAuth.RefreshAsync(SandboxKit.Acme, installed.RefreshToken!, Ct));

        refused.IsInvalidClient.ShouldBeTrue();
        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        refused.ToString().ShouldNotContain("wrong");
    }

    [Fact]
    public async Task Report_a_failing_token_endpoint_by_its_status()
    {
        await using var kit = await SandboxKit.StartAsync();
        var installed = await kit.InstallAsync();
        await kit.Sandbox.Control.SetFaultsAsync("acme", new FaultSettings { TokenEndpointStatus = 503 }, Ct);

        var refused = await Should.ThrowAsync<GorgiasOAuthException>(kit.OAuth.RefreshAsync(SandboxKit.Acme, installed.RefreshToken!, Ct));

        refused.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Error.ShouldBe("temporarily_unavailable");
        refused.IsInvalidGrant.ShouldBeFalse();
    }

    [Fact]
    public async Task Revoke_a_refresh_token_which_uninstalls_the_app()
    {
        await using var kit = await SandboxKit.StartAsync();
        var installed = await kit.InstallAsync();

        await kit.OAuth.RevokeAsync(SandboxKit.Acme, installed.RefreshToken!, cancellationToken: Ct);

        (await kit.Sandbox.Control.GetAccountAsync("acme", Ct)).Installations.Single(i => i.ClientId == SandboxKit.ClientId).RevokedAt.ShouldNotBeNull();
        (await Should.ThrowAsync<GorgiasOAuthException>(kit.OAuth.RefreshAsync(SandboxKit.Acme, installed.RefreshToken!, Ct))).IsInvalidGrant.ShouldBeTrue();
    }
}
