namespace Saas.Gorgias.Calls;

/// <summary>
/// Where the Gorgias client gets a tenant's access token. In the app this is the tenant grain, the only place in
/// the cluster that refreshes a tenant's token (single flight, ahead of expiry). Implementations never log tokens.
/// </summary>
public interface IGorgiasAccessTokens
{
    /// <summary>The tenant's current access token, refreshed first when it is missing or about to expire.</summary>
    ValueTask<string> GetAsync(GorgiasCaller caller, CancellationToken cancellationToken);

    /// <summary>
    /// The API answered 401 to <paramref name="rejectedToken"/>: a newer token, refreshed unless another caller
    /// already did. When a freshly refreshed token is refused too, or the refresh answers <c>invalid_grant</c>, the
    /// tenant is disconnected and this throws.
    /// </summary>
    ValueTask<string> RenewAsync(GorgiasCaller caller, string rejectedToken, CancellationToken cancellationToken);
}
