using Saas.Gorgias.Calls;

namespace Saas.Core.Workers;

/// <summary>
/// The Gorgias client's access tokens, from the tenant grain (the caller's <see cref="GorgiasCaller.Tenant"/> is the
/// tenant id): every silo asks the one activation of the tenant's grain, so a token is refreshed once for the whole
/// cluster. A disconnected tenant surfaces as <see cref="Install.TenantDisconnectedException"/>.
/// </summary>
internal sealed class GrainAccessTokens(IGrainFactory grains) : IGorgiasAccessTokens
{
    public async ValueTask<string> GetAsync(GorgiasCaller caller, CancellationToken cancellationToken) =>
        (await Grain(caller).GetAccessTokenAsync().WaitAsync(cancellationToken)).Value;

    public async ValueTask<string> RenewAsync(GorgiasCaller caller, string rejectedToken, CancellationToken cancellationToken) =>
        (await Grain(caller).RenewAccessTokenAsync(rejectedToken).WaitAsync(cancellationToken)).Value;

    private ITenantGrain Grain(GorgiasCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Guid.TryParse(caller.Tenant, out var tenantId)
            ? grains.GetGrain<ITenantGrain>(tenantId)
            : throw new ArgumentException($"The caller's tenant '{caller.Tenant}' is not a tenant id.", nameof(caller));
    }
}
