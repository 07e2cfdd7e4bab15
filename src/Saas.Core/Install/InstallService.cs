using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Data;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Gorgias.OAuth;

namespace Saas.Core.Install;

/// <summary>What Gorgias granted at the callback (tokens already checked to belong to <paramref name="Account"/>).</summary>
internal sealed record InstallGrant(GorgiasAccount Account, string AccessToken, string RefreshToken, string? InstalledBy, string? Scopes)
{
    public override string ToString() => $"InstallGrant {{ Account = {Account}, InstalledBy = {InstalledBy}, Scopes = {Scopes} }}";
}

/// <summary>
/// Turns a granted install into a working tenant, all or nothing:
/// <list type="number">
/// <item>the refresh token goes to the secret store (on a reinstall the previous value is kept aside to restore);</item>
/// <item>the webhook integration is created on the account with a fresh secret;</item>
/// <item>the tenant is created (Active) or, on a reinstall, the same row is reactivated, with an activity line, in one save;</item>
/// <item>then, best effort, the integrations it registered before are deleted, and a replaced refresh token is revoked.</item>
/// </list>
/// A failure undoes what was done (integration deleted, secret restored or deleted, the new grant revoked at
/// Gorgias unless a live tenant already uses it) and throws <see cref="InstallException"/>: no tenant without a
/// secret, no secret without a tenant, no orphaned integration.
/// </summary>
internal sealed partial class InstallService(
    SaasDbContext db,
    TenantContext tenants,
    ISecretStore secrets,
    GorgiasApiClient api,
    GorgiasOAuthClient oauth,
    IOptions<AppOptions> appOptions,
    TimeProvider clock,
    ILogger<InstallService> logger)
{
    private readonly AppOptions _app = appOptions.Value;

    public async Task<Tenant> InstallAsync(InstallGrant grant, CancellationToken cancellationToken)
    {
        var account = grant.Account;
        var existing = await db.Tenants.SingleOrDefaultAsync(t => t.Account == account.Subdomain, cancellationToken);
        var tenantId = existing?.Id ?? Guid.NewGuid();
        var secretName = SecretNames.RefreshToken(tenantId);
        string? previousRefreshToken = null;
        var previousKnown = existing is null;

        // 1. The refresh token.
        try
        {
            if (existing is not null)
            {
                previousRefreshToken = await secrets.GetAsync(secretName, cancellationToken);
                previousKnown = true;
            }

            await secrets.SetAsync(secretName, grant.RefreshToken, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStepFailed(account.Subdomain, InstallStep.SecretStore, e.GetType().Name);
            if (previousKnown)
            {
                await RevokeUnusedGrantAsync(grant, previousRefreshToken, cancellationToken);
            }

            throw new InstallException(account, InstallStep.SecretStore, e);
        }

        // 2. The webhook integration, with a fresh secret.
        var webhookSecret = WebhookRegistration.NewSecret();
        GorgiasIntegration integration;
        try
        {
            integration = await api.CreateIntegrationAsync(Caller(account, tenantId, grant.AccessToken), WebhookRegistration.Request(_app, tenantId, webhookSecret), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStepFailed(account.Subdomain, InstallStep.Webhook, e.Message);
            await RestoreSecretAsync(account, secretName, previousRefreshToken, cancellationToken);
            await RevokeUnusedGrantAsync(grant, previousRefreshToken, cancellationToken);
            throw new InstallException(account, InstallStep.Webhook, e);
        }

        // 3. The tenant, in one save.
        var now = clock.GetUtcNow();
        var previousIntegrationId = existing?.WebhookIntegrationId;
        var tenant = existing ?? new Tenant { Id = tenantId, Account = account.Subdomain, CreatedAt = now };
        var wasState = existing?.State;
        tenant.State = TenantState.Active;
        tenant.UpdatedAt = now;
        tenant.InstalledAt = now;
        tenant.InstalledBy = Truncate(grant.InstalledBy, 100);
        tenant.GrantedScopes = Truncate(grant.Scopes, 1000);
        tenant.DisconnectedAt = null;
        tenant.DisconnectReason = null;
        tenant.PurgeAfter = null;
        tenant.WebhookIntegrationId = integration.Id;
        tenant.WebhookSecretHash = WebhookRegistration.Hash(webhookSecret);
        tenant.Version++;
        if (existing is null)
        {
            db.Tenants.Add(tenant);
        }

        var activity = new TenantActivity
        {
            TenantId = tenantId,
            At = now,
            Kind = existing is null ? "installed" : "reinstalled",
            Message = existing is null
                ? $"Installed on {account.Subdomain} by Gorgias user {grant.InstalledBy ?? "unknown"}; webhook integration {integration.Id} registered."
                : $"Reinstalled on {account.Subdomain} by Gorgias user {grant.InstalledBy ?? "unknown"} (was {wasState}); webhook integration {integration.Id} registered.",
        };
        db.TenantActivities.Add(activity);

        try
        {
            using (tenants.Begin(tenantId))
            {
                // The starter pack comes with the tenant, in the same save, once: a reinstall does not bring back rules the merchant removed.
                var starterRules = await Rules.StarterPackInstaller.AddIfNeverInstalledAsync(db, tenantId, now, cancellationToken);
                if (starterRules > 0)
                {
                    activity.Message += $" Starter pack installed ({starterRules} rules).";
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStepFailed(account.Subdomain, InstallStep.Database, e.GetType().Name);
            db.ChangeTracker.Clear();
            await DeleteIntegrationAsync(Caller(account, tenantId, grant.AccessToken), integration.Id, cancellationToken);
            await RestoreSecretAsync(account, secretName, previousRefreshToken, cancellationToken);
            await RevokeUnusedGrantAsync(grant, previousRefreshToken, cancellationToken);
            throw new InstallException(account, InstallStep.Database, e);
        }

        LogInstalled(account.Subdomain, tenantId, existing is null ? "installed" : "reinstalled", integration.Id);

        // 4. Tidy up after a reinstall: the integrations registered before, the refresh token replaced.
        await DeleteEarlierIntegrationsAsync(Caller(account, tenantId, grant.AccessToken), integration.Id, previousIntegrationId, cancellationToken);
        if (previousRefreshToken is not null && previousRefreshToken != grant.RefreshToken)
        {
            await RevokeQuietlyAsync(account, previousRefreshToken, cancellationToken);
        }

        return tenant;
    }

    private async Task DeleteEarlierIntegrationsAsync(GorgiasCaller caller, long keep, long? previous, CancellationToken cancellationToken)
    {
        var stale = new HashSet<long>();
        if (previous is { } id && id != keep)
        {
            stale.Add(id);
        }

        try
        {
            await foreach (var integration in api.ListIntegrationsAsync(caller, "http", cancellationToken))
            {
                if (integration.Id != keep && WebhookRegistration.IsOurs(_app, integration))
                {
                    stale.Add(integration.Id);
                }
            }
        }
        catch (Exception e) when (e is GorgiasApiException or HttpRequestException)
        {
            LogCleanupFailed(caller.Account.Subdomain, e.Message);
        }

        foreach (var id2 in stale)
        {
            await DeleteIntegrationAsync(caller, id2, cancellationToken);
        }
    }

    private static GorgiasCaller Caller(GorgiasAccount account, Guid tenantId, string accessToken) =>
        GorgiasCaller.WithAccessToken(account, tenantId.ToString(), GorgiasLane.Live, accessToken);

    private async Task DeleteIntegrationAsync(GorgiasCaller caller, long integrationId, CancellationToken cancellationToken)
    {
        try
        {
            await api.DeleteIntegrationAsync(caller, integrationId, cancellationToken);
            LogIntegrationDeleted(caller.Account.Subdomain, integrationId);
        }
        catch (Exception e) when (e is GorgiasApiException or HttpRequestException or TaskCanceledException)
        {
            LogIntegrationNotDeleted(caller.Account.Subdomain, integrationId, e.Message);
        }
    }

    /// <summary>Puts the secret back as it was before this install: the previous refresh token, or none.</summary>
    private async Task RestoreSecretAsync(GorgiasAccount account, string secretName, string? previous, CancellationToken cancellationToken)
    {
        try
        {
            if (previous is null)
            {
                await secrets.DeleteAsync(secretName, cancellationToken);
            }
            else
            {
                await secrets.SetAsync(secretName, previous, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSecretNotRestored(account.Subdomain, e.GetType().Name);
        }
    }

    /// <summary>
    /// Withdraws the grant the failed install got, so Gorgias does not show an app that holds nothing; not when a
    /// live tenant already uses the same refresh token (Gorgias may hand the same one back on a reinstall).
    /// </summary>
    private Task RevokeUnusedGrantAsync(InstallGrant grant, string? previousRefreshToken, CancellationToken cancellationToken) =>
        previousRefreshToken == grant.RefreshToken ? Task.CompletedTask : RevokeQuietlyAsync(grant.Account, grant.RefreshToken, cancellationToken);

    private async Task RevokeQuietlyAsync(GorgiasAccount account, string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            await oauth.RevokeAsync(account, refreshToken, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is GorgiasOAuthException or HttpRequestException or TaskCanceledException)
        {
            LogRevokeFailed(account.Subdomain, e.Message);
        }
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId} {What} on {Account}; webhook integration {IntegrationId}")]
    private partial void LogInstalled(string account, Guid tenantId, string what, long integrationId);

    [LoggerMessage(2, LogLevel.Error, "Install on {Account} failed at the {Step} step ({Error}); undoing what was done")]
    private partial void LogStepFailed(string account, InstallStep step, string error);

    [LoggerMessage(3, LogLevel.Information, "Deleted webhook integration {IntegrationId} on {Account}")]
    private partial void LogIntegrationDeleted(string account, long integrationId);

    [LoggerMessage(4, LogLevel.Warning, "Could not delete webhook integration {IntegrationId} on {Account}: {Error}")]
    private partial void LogIntegrationNotDeleted(string account, long integrationId, string error);

    [LoggerMessage(5, LogLevel.Error, "Could not restore the refresh token secret of {Account} after a failed install ({Error})")]
    private partial void LogSecretNotRestored(string account, string error);

    [LoggerMessage(6, LogLevel.Warning, "Could not revoke a refresh token on {Account}: {Error}")]
    private partial void LogRevokeFailed(string account, string error);

    [LoggerMessage(7, LogLevel.Warning, "Could not list the integrations of {Account} to remove earlier ones: {Error}")]
    private partial void LogCleanupFailed(string account, string error);
}
