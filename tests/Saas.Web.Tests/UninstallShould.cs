using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Install;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests;

/// <summary>Uninstall from Gorgias (seen as invalid_grant), from the app, a revoked token, the purge, and coming back.</summary>
public sealed class UninstallShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Disconnect_the_tenant_when_a_refresh_answers_invalid_grant_after_an_uninstall_in_Gorgias()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => o.Clock = clock);
        await InstalledAsync(app);
        var tenant = (await app.TenantsAsync()).Single();
        (await app.Control.UninstallAsync("acme", TestApp.ClientId, cancellationToken: Ct)).ShouldBe(1);

        var refused = await Should.ThrowAsync<TenantDisconnectedException>(
            app.ScopedAsync<TenantTokens, string>(tokens => tokens.RefreshAccessTokenAsync(tenant.Id, Ct)));

        refused.Cause.ShouldBe(DisconnectCause.InvalidGrant);
        var after = (await app.TenantsAsync()).Single();
        after.State.ShouldBe(TenantState.Disconnected);
        after.DisconnectedAt.ShouldBe(clock.GetUtcNow());
        after.PurgeAfter.ShouldBe(clock.GetUtcNow() + TimeSpan.FromDays(30));
        after.DisconnectReason!.ShouldContain("invalid_grant");
        (await app.Secrets.GetAsync(SecretNames.RefreshToken(tenant.Id), Ct)).ShouldBeNull();
        app.SecretFiles().ShouldBeEmpty();
        (await app.ActivitiesAsync()).Last().Kind.ShouldBe("disconnected");
        var refresh = (await app.TokenRequestsAsync()).Last();
        (refresh.Detail, refresh.Status).ShouldBe(("grant_type=refresh_token", 400));
        app.Logs.Lines.ShouldContain(l => l.Contains("disconnected", StringComparison.Ordinal) && l.Contains("InvalidGrant", StringComparison.Ordinal));
        app.Outgoing.Tokens.ShouldNotBeEmpty();
        foreach (var secret in app.KnownSecrets())
        {
            app.Logs.Text.ShouldNotContain(secret);
            refused.ToString().ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Disconnect_the_tenant_when_a_fresh_access_token_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        await InstalledAsync(app);
        var tenant = (await app.TenantsAsync()).Single();

        await app.ScopedAsync<TenantTokens, bool>(async tokens =>
        {
            await tokens.OnUnauthorizedWithFreshTokenAsync(tenant.Id, Ct);
            return true;
        });

        var after = (await app.TenantsAsync()).Single();
        after.State.ShouldBe(TenantState.Disconnected);
        after.DisconnectReason!.ShouldContain("401");
        (await app.Secrets.GetAsync(SecretNames.RefreshToken(tenant.Id), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Revoke_at_Gorgias_delete_the_integration_and_disconnect_when_the_merchant_uninstalls_from_the_app()
    {
        await using var app = await TestApp.StartAsync();
        await InstalledAsync(app);
        var tenant = (await app.TenantsAsync()).Single();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var response = await http.PostAsync("tenants/acme/uninstall", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Disconnected");
        (await app.LiveInstallationsAsync()).ShouldBeEmpty();
        (await app.IntegrationsAsync()).ShouldBeEmpty();
        var after = (await app.TenantsAsync()).Single();
        after.State.ShouldBe(TenantState.Disconnected);
        after.DisconnectReason!.ShouldContain("Uninstalled from the app");
        (await app.Secrets.GetAsync(SecretNames.RefreshToken(tenant.Id), Ct)).ShouldBeNull();
        (await app.ActivitiesAsync()).Last().Kind.ShouldBe("uninstalled");
        app.Outgoing.All.Select(r => $"{r.Method} {r.Uri.AbsolutePath}").ShouldContain("POST /acme/oauth/revoke");
        app.Outgoing.All.Select(r => $"{r.Method} {r.Uri.AbsolutePath}").ShouldContain($"DELETE /acme/api/integrations/{tenant.WebhookIntegrationId}");

        using var again = await http.PostAsync("tenants/acme/uninstall", null, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var unknown = await http.PostAsync("tenants/globex/uninstall", null, Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Not_offer_the_unauthenticated_uninstall_endpoint_outside_Development()
    {
        await using var app = await TestApp.StartAsync(o => o.EnvironmentName = Environments.Production);
        await InstalledAsync(app);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var response = await http.PostAsync("tenants/acme/uninstall", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.TenantsAsync()).Single().State.ShouldBe(TenantState.Active);
    }

    [Fact]
    public async Task Restore_the_same_tenant_when_reinstalled_before_the_purge()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => (o.Clock, o.PurgeInBackground) = (clock, false));
        await InstalledAsync(app);
        var tenant = (await app.TenantsAsync()).Single();
        await UninstallFromAppAsync(app);
        clock.Advance(TimeSpan.FromDays(10));

        (await app.InstallAsync("acme")).Body.ShouldContain("installed on acme");

        var back = (await app.TenantsAsync()).ShouldHaveSingleItem();
        back.Id.ShouldBe(tenant.Id);
        back.State.ShouldBe(TenantState.Active);
        back.PurgeAfter.ShouldBeNull();
        back.DisconnectedAt.ShouldBeNull();
        back.DisconnectReason.ShouldBeNull();
        (await app.IntegrationsAsync()).ShouldHaveSingleItem().Id.ShouldBe(back.WebhookIntegrationId!.Value);
        (await app.ActivitiesAsync()).Select(a => a.Kind).ShouldBe(["installed", "uninstalled", "reinstalled"]);

        clock.Advance(TimeSpan.FromDays(30));
        (await app.ScopedAsync<TenantPurger, int>(purger => purger.PurgeDueAsync(Ct))).ShouldBe(0);
        (await app.TenantsAsync()).ShouldHaveSingleItem().State.ShouldBe(TenantState.Active);
    }

    [Fact]
    public async Task Purge_the_tenant_data_after_the_grace_period_with_a_deletion_receipt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => (o.Clock, o.PurgeInBackground) = (clock, false));
        await InstalledAsync(app);
        var tenant = (await app.TenantsAsync()).Single();
        await UninstallFromAppAsync(app);

        clock.Advance(TimeSpan.FromDays(29));
        (await app.ScopedAsync<TenantPurger, int>(purger => purger.PurgeDueAsync(Ct))).ShouldBe(0);
        (await app.TenantsAsync()).ShouldHaveSingleItem();

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        (await app.ScopedAsync<TenantPurger, int>(purger => purger.PurgeDueAsync(Ct))).ShouldBe(1);

        (await app.TenantsAsync()).ShouldBeEmpty();
        (await app.ActivitiesAsync()).ShouldBeEmpty();
        app.SecretFiles().ShouldBeEmpty();
        var receipt = (await app.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DeletionReceipts, Ct))).ShouldHaveSingleItem();
        receipt.TenantId.ShouldBe(tenant.Id);
        receipt.Account.ShouldBe("acme");
        receipt.DeletedAt.ShouldBe(clock.GetUtcNow());
        receipt.Summary.ShouldContain("tenant row");
        receipt.Summary.ShouldContain("2 TenantActivity row(s)");
        receipt.Summary.ShouldContain("refresh token");

        // Coming back after the purge starts afresh.
        (await app.InstallAsync("acme")).Body.ShouldContain("installed on acme");
        var fresh = (await app.TenantsAsync()).ShouldHaveSingleItem();
        fresh.Id.ShouldNotBe(tenant.Id);
        (await app.ActivitiesAsync()).ShouldHaveSingleItem().Kind.ShouldBe("installed");
    }

    [Fact]
    public async Task Purge_on_its_own_every_interval_of_the_app_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => o.Clock = clock);
        await InstalledAsync(app);
        await UninstallFromAppAsync(app);
        var service = app.App.Services.GetServices<IHostedService>().OfType<TenantPurgeService>().Single();
        var purged = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.RoundCompleted += count =>
        {
            if (count != 0)
            {
                purged.TrySetResult(count);
            }
        };

        clock.Advance(TimeSpan.FromDays(31));

        (await purged.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBe(1);
        (await app.TenantsAsync()).ShouldBeEmpty();
        (await app.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DeletionReceipts, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Keep_tokens_and_secrets_out_of_logs_pages_and_exceptions()
    {
        await using var app = await TestApp.StartAsync();
        var installed = await app.InstallAsync("acme");
        var reinstalled = await app.InstallAsync("acme");
        var tenant = (await app.TenantsAsync()).Single();
        var webhookSecret = (await SandboxApi.GetIntegrationAsync(app, tenant.WebhookIntegrationId!.Value))["http"]!["headers"]!["X-Autopilot-Secret"]!.GetValue<string>();
        SHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret)).ShouldBe(tenant.WebhookSecretHash);
        await UninstallFromAppAsync(app);

        var secrets = app.KnownSecrets([webhookSecret]).ToList();
        secrets.Count.ShouldBeGreaterThanOrEqualTo(5); // access, refresh and id tokens, the client secret, the webhook secret
        app.Logs.Lines.Count.ShouldBeGreaterThan(50);
        app.Logs.Lines.ShouldContain(l => l.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal)); // request lines are captured too
        app.Logs.Lines.ShouldContain(l => l.Contains("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            app.Logs.Text.ShouldNotContain(secret);
            installed.Body.ShouldNotContain(secret);
            reinstalled.Body.ShouldNotContain(secret);
        }
    }

    private static async Task InstalledAsync(TestApp app) =>
        (await app.InstallAsync("acme")).Body.ShouldContain("installed on acme");

    private static async Task UninstallFromAppAsync(TestApp app)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.PostAsync("tenants/acme/uninstall", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
