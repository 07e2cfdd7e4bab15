using Gorgias.Sandbox.Faults;
using static Gorgias.Sandbox.Tests.OAuth.OAuthTestKit;

namespace Gorgias.Sandbox.Tests.OAuth;

/// <summary>Token requests are in the account's request log, so tests can count refreshes at the sandbox.</summary>
public sealed class OAuthRequestLogShould
{
    [Fact]
    public async Task Log_each_token_request_with_its_client_and_grant_type()
    {
        await using var sandbox = await StartSandboxAsync();
        var tokens = await sandbox.Control.InstallAsync("acme", "demo-app", ["offline", "tickets:read"], cancellationToken: Ct);
        await sandbox.Control.ClearRequestLogAsync("acme", Ct);

        var (first, _) = await RefreshAsync(sandbox, "acme", tokens.RefreshToken!);
        var (second, _) = await RefreshAsync(sandbox, "acme", tokens.RefreshToken!);

        first.IsSuccessStatusCode.ShouldBeTrue();
        second.IsSuccessStatusCode.ShouldBeTrue();
        var log = await sandbox.Control.GetRequestLogAsync("acme", cancellationToken: Ct);
        var refreshes = log.Where(e => e.Path == "/acme/oauth/token").ToList();
        refreshes.Count.ShouldBe(2);
        refreshes.ShouldAllBe(e => e.Method == "POST" && e.Status == 200 && e.ClientId == "demo-app" && e.Credential == "client" && e.Detail == "grant_type=refresh_token");
        log.ShouldNotContain(e => e.Path.Contains("globex", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_the_failing_token_endpoint_fault_in_the_request_log()
    {
        await using var sandbox = await StartSandboxAsync();
        var tokens = await sandbox.Control.InstallAsync("acme", "demo-app", ["offline", "tickets:read"], cancellationToken: Ct);
        await sandbox.Control.SetFaultsAsync("acme", new FaultSettings { TokenEndpointStatus = 503 }, Ct);

        var (response, body) = await RefreshAsync(sandbox, "acme", tokens.RefreshToken!);

        ((int)response.StatusCode).ShouldBe(503);
        body.Text("error").ShouldBe("temporarily_unavailable");
        var entry = (await sandbox.Control.GetRequestLogAsync("acme", cancellationToken: Ct)).Last(e => e.Path == "/acme/oauth/token");
        entry.Status.ShouldBe(503);
        entry.Fault.ShouldBe("token-endpoint");
    }

    [Fact]
    public async Task List_the_registered_apps_with_their_install_state_and_connect_url()
    {
        await using var sandbox = await StartSandboxAsync();

        var before = (await sandbox.Control.GetAccountAsync("acme", Ct)).Apps.Single(a => a.ClientId == "demo-app");
        await sandbox.Control.InstallAsync("acme", "demo-app", ["offline", "tickets:read"], cancellationToken: Ct);
        var after = (await sandbox.Control.GetAccountAsync("acme", Ct)).Apps.Single(a => a.ClientId == "demo-app");
        await sandbox.Control.UninstallAsync("acme", "demo-app", cancellationToken: Ct);
        var uninstalled = (await sandbox.Control.GetAccountAsync("acme", Ct)).Apps.Single(a => a.ClientId == "demo-app");

        before.Installed.ShouldBeFalse();
        before.ConnectUrl.ShouldBe("http://127.0.0.1:5080/gorgias/install?account=acme");
        after.Installed.ShouldBeTrue();
        uninstalled.Installed.ShouldBeFalse();
    }
}
