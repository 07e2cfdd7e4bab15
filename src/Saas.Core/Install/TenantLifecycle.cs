using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Saas.Core.Data;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Gorgias.OAuth;

namespace Saas.Core.Install;

/// <summary>Why a tenant was disconnected.</summary>
[GenerateSerializer]
public enum DisconnectCause
{
    /// <summary>Gorgias answered <c>invalid_grant</c> to a refresh: the merchant uninstalled the app (or access was revoked).</summary>
    InvalidGrant,

    /// <summary>The API answered 401 to a freshly refreshed access token: access was revoked.</summary>
    Unauthorized,

    /// <summary>The merchant uninstalled from the app; the refresh token was revoked at Gorgias.</summary>
    Uninstalled,
}

/// <summary>The outcome of a merchant-initiated uninstall.</summary>
public enum UninstallOutcome
{
    Uninstalled,
    NotFound,
    AlreadyDisconnected,
}

/// <summary>
/// The end of a tenant's connection: <see cref="DisconnectAsync"/> marks it Disconnected with a reason, sets
/// <c>PurgeAfter = now + App:PurgeGracePeriod</c>, deletes its refresh token from the secret store, tries to delete
/// its webhook integration (only possible with a still-valid access token), writes an activity line and logs why.
/// The workers call it when a refresh answers <c>invalid_grant</c> or a fresh token gets a 401 (see
/// <see cref="TenantTokens"/>); <see cref="UninstallAsync"/> is the merchant's uninstall, which revokes the refresh
/// token at Gorgias first. A reinstall before the purge restores the same tenant (<see cref="InstallService"/>).
/// </summary>
internal sealed partial class TenantLifecycle(
    SaasDbContext db,
    TenantContext tenants,
    ISecretStore secrets,
    GorgiasApiClient api,
    GorgiasOAuthClient oauth,
    IOptions<AppOptions> appOptions,
    TimeProvider clock,
    ILogger<TenantLifecycle> logger)
{
    public static string Describe(DisconnectCause cause) => cause switch
    {
        DisconnectCause.InvalidGrant => "Gorgias refused the refresh token (invalid_grant): the app was uninstalled from the Gorgias account or its access was revoked.",
        DisconnectCause.Unauthorized => "Gorgias refused a freshly refreshed access token (401): the app's access to the account was revoked.",
        DisconnectCause.Uninstalled => "Uninstalled from the app: the refresh token was revoked at Gorgias.",
        _ => "Disconnected.",
    };

    /// <summary>
    /// Disconnects the tenant; false when it does not exist or is already disconnected. <paramref name="accessToken"/>,
    /// a still-valid access token if the caller has one, lets the webhook integration be deleted.
    /// </summary>
    public async Task<bool> DisconnectAsync(Guid tenantId, DisconnectCause cause, string? accessToken = null, CancellationToken cancellationToken = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null || tenant.State is TenantState.Disconnected or TenantState.Purged)
        {
            return false;
        }

        var integrationNote = GorgiasAccount.TryParse(tenant.Account, out var account)
            ? await DeleteIntegrationAsync(tenant, account, accessToken, cancellationToken)
            : "The account name is not valid; no webhook integration was deleted.";
        var now = clock.GetUtcNow();
        var reason = Describe(cause);
        tenant.State = TenantState.Disconnected;
        tenant.DisconnectedAt = now;
        tenant.DisconnectReason = reason;
        tenant.PurgeAfter = now + appOptions.Value.PurgeGracePeriod;
        tenant.UpdatedAt = now;
        tenant.Version++;
        db.TenantActivities.Add(new TenantActivity
        {
            TenantId = tenant.Id,
            At = now,
            Kind = cause == DisconnectCause.Uninstalled ? "uninstalled" : "disconnected",
            Message = $"{reason} {integrationNote} Data is purged after {tenant.PurgeAfter:yyyy-MM-dd HH:mm} UTC unless the app is reinstalled.",
        });
        using (tenants.Begin(tenant.Id))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        LogDisconnected(tenant.Account, tenant.Id, cause, tenant.PurgeAfter.Value);

        // After the save: a tenant is never Active without its secret. If this fails the purge deletes it later.
        try
        {
            await secrets.DeleteAsync(SecretNames.RefreshToken(tenant.Id), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSecretNotDeleted(tenant.Account, tenant.Id, e.GetType().Name);
        }

        return true;
    }

    /// <summary>
    /// The merchant's uninstall: a fresh access token (to delete the webhook integration), the refresh token revoked
    /// at Gorgias, then <see cref="DisconnectAsync"/>. If Gorgias cannot be reached to revoke, nothing changes and
    /// the exception tells the caller to try again; a refresh token Gorgias already refuses means it is uninstalled.
    /// </summary>
    public async Task<UninstallOutcome> UninstallAsync(GorgiasAccount account, CancellationToken cancellationToken = default)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Account == account.Subdomain, cancellationToken);
        if (tenant is null)
        {
            return UninstallOutcome.NotFound;
        }

        if (tenant.State is TenantState.Disconnected or TenantState.Purged)
        {
            return UninstallOutcome.AlreadyDisconnected;
        }

        var refreshToken = await secrets.GetAsync(SecretNames.RefreshToken(tenant.Id), cancellationToken);
        string? accessToken = null;
        var cause = DisconnectCause.Uninstalled;
        if (refreshToken is not null)
        {
            try
            {
                accessToken = (await oauth.RefreshAsync(account, refreshToken, cancellationToken)).AccessToken;
                await oauth.RevokeAsync(account, refreshToken, cancellationToken: cancellationToken);
            }
            catch (GorgiasOAuthException e) when (e.IsInvalidGrant)
            {
                cause = DisconnectCause.InvalidGrant;
            }
        }

        await DisconnectAsync(tenant.Id, cause, accessToken, cancellationToken);
        return UninstallOutcome.Uninstalled;
    }

    private async Task<string> DeleteIntegrationAsync(Tenant tenant, GorgiasAccount account, string? accessToken, CancellationToken cancellationToken)
    {
        if (tenant.WebhookIntegrationId is not { } id)
        {
            return "No webhook integration was registered.";
        }

        if (accessToken is null)
        {
            return $"Webhook integration {id} could not be deleted (no valid access token; Gorgias stops calling it once the app is uninstalled, or the merchant can delete it).";
        }

        try
        {
            await api.DeleteIntegrationAsync(GorgiasCaller.WithAccessToken(account, tenant.Id.ToString(), GorgiasLane.Live, accessToken), id, cancellationToken);
            return $"Webhook integration {id} deleted.";
        }
        catch (Exception e) when (e is GorgiasApiException or HttpRequestException or TaskCanceledException)
        {
            LogIntegrationNotDeleted(tenant.Account, id, e.Message);
            return $"Webhook integration {id} could not be deleted ({(e is GorgiasApiException api2 ? $"Gorgias answered {(int)api2.Status}" : "Gorgias unreachable")}).";
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Tenant {TenantId} on {Account} disconnected: {Cause}; purge after {PurgeAfter:O}")]
    private partial void LogDisconnected(string account, Guid tenantId, DisconnectCause cause, DateTimeOffset purgeAfter);

    [LoggerMessage(2, LogLevel.Error, "Could not delete the refresh token secret of tenant {TenantId} on {Account} ({Error}); the purge retries")]
    private partial void LogSecretNotDeleted(string account, Guid tenantId, string error);

    [LoggerMessage(3, LogLevel.Warning, "Could not delete webhook integration {IntegrationId} on {Account}: {Error}")]
    private partial void LogIntegrationNotDeleted(string account, long integrationId, string error);
}

/// <summary>
/// Thrown to a worker when its tenant was disconnected (its work must stop). Serializable by Orleans, so the tenant
/// grain's refusal reaches callers on other silos as this type, with its tenant and cause.
/// </summary>
[GenerateSerializer]
public sealed class TenantDisconnectedException : Exception
{
    public TenantDisconnectedException()
    {
    }

    public TenantDisconnectedException(string message)
        : base(message)
    {
    }

    public TenantDisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TenantDisconnectedException(Guid tenantId, DisconnectCause cause)
        : base($"Tenant {tenantId} is disconnected: {TenantLifecycle.Describe(cause)}")
    {
        TenantId = tenantId;
        Cause = cause;
    }

    [Id(0)]
    public Guid TenantId { get; private set; }

    [Id(1)]
    public DisconnectCause Cause { get; private set; }
}

/// <summary>
/// A tenant's access token from its refresh token, turning Gorgias' "uninstalled" answers into a disconnect. The
/// workers issue puts caching and single-flight around this (the tenant grain owns the token); this is the part
/// that must not be forgotten.
/// </summary>
internal sealed class TenantTokens(SaasDbContext db, ISecretStore secrets, GorgiasOAuthClient oauth, TenantLifecycle lifecycle)
{
    /// <summary>A fresh access token; on <c>invalid_grant</c> the tenant is disconnected and <see cref="TenantDisconnectedException"/> thrown.</summary>
    public async Task<string> RefreshAccessTokenAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        (await RefreshAsync(tenantId, cancellationToken)).AccessToken;

    /// <summary>
    /// As <see cref="RefreshAccessTokenAsync"/>, with the whole token response (its <c>expires_in</c> tells the tenant
    /// grain when to refresh next).
    /// </summary>
    public async Task<GorgiasTokens> RefreshAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {tenantId} does not exist.");
        if (tenant.State is TenantState.Disconnected or TenantState.Purged || !GorgiasAccount.TryParse(tenant.Account, out var account))
        {
            throw new TenantDisconnectedException(tenantId, DisconnectCause.InvalidGrant);
        }

        var refreshToken = await secrets.GetAsync(SecretNames.RefreshToken(tenantId), cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {tenantId} has no refresh token in the secret store.");
        try
        {
            return await oauth.RefreshAsync(account, refreshToken, cancellationToken);
        }
        catch (GorgiasOAuthException e) when (e.IsInvalidGrant)
        {
            await lifecycle.DisconnectAsync(tenantId, DisconnectCause.InvalidGrant, cancellationToken: cancellationToken);
            throw new TenantDisconnectedException(tenantId, DisconnectCause.InvalidGrant);
        }
    }

    /// <summary>The API refused an access token that was just refreshed: the access was revoked.</summary>
    public Task OnUnauthorizedWithFreshTokenAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        lifecycle.DisconnectAsync(tenantId, DisconnectCause.Unauthorized, cancellationToken: cancellationToken);
}
