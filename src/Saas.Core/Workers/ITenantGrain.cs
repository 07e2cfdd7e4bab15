using Orleans.Concurrency;

namespace Saas.Core.Workers;

/// <summary>
/// A tenant's worker (key: the tenant id), one activation in the cluster. It is the only place that refreshes the
/// tenant's access token (single flight, ahead of expiry, kept in memory only) and it runs the tenant's inbox, one
/// pass at a time. When the tenant is disconnected it refuses with <see cref="Install.TenantDisconnectedException"/>.
/// </summary>
public interface ITenantGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The current access token, refreshed first when missing or within <see cref="WorkersOptions.TokenRefreshAhead"/>
    /// of expiry. Interleaves, so the tenant's own inbox work can ask for it; concurrent askers share one refresh.
    /// </summary>
    [AlwaysInterleave]
    Task<TenantAccessToken> GetAccessTokenAsync();

    /// <summary>
    /// The API answered 401 to <paramref name="rejectedToken"/>: the newer token if another caller already renewed it,
    /// else a refresh. A token that was itself refreshed after a 401 and is refused again means access was revoked:
    /// the tenant is disconnected and this throws.
    /// </summary>
    [AlwaysInterleave]
    Task<TenantAccessToken> RenewAccessTokenAsync(string rejectedToken);

    /// <summary>A nudge: the inbox has new rows. One-way; nudges that arrive during a pass cause one more pass.</summary>
    [OneWay]
    [AlwaysInterleave]
    Task NotifyInboxAsync();

    /// <summary>Where this activation runs and what it holds (never the token itself): for tests and support.</summary>
    [AlwaysInterleave]
    Task<TenantGrainStatus> GetStatusAsync();
}

/// <summary>
/// An access token handed out by the tenant grain. <see cref="ToString"/> hides the value, so a record logged or put in
/// an exception by mistake leaks nothing.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record TenantAccessToken([property: Id(0)] string Value, [property: Id(1)] DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"TenantAccessToken {{ Value = [hidden], ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>What a tenant grain activation is and holds, without secrets.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TenantGrainStatus(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] string Silo,
    [property: Id(2)] string ActivationId,
    [property: Id(3)] DateTimeOffset ActivatedAt,
    [property: Id(4)] bool HasToken,
    [property: Id(5)] DateTimeOffset? TokenExpiresAt,
    [property: Id(6)] int Refreshes,
    [property: Id(7)] bool Disconnected,
    [property: Id(8)] int InboxPasses,
    [property: Id(9)] int InboxNudges);

/// <summary>
/// The tenant grain could not get an access token for a reason other than a disconnect (Gorgias unreachable, a 5xx,
/// the secret store down): the caller may retry. The message names the tenant and the failure, never a token.
/// </summary>
[GenerateSerializer]
public sealed class TenantAccessTokenException : Exception
{
    public TenantAccessTokenException()
    {
    }

    public TenantAccessTokenException(string message)
        : base(message)
    {
    }

    public TenantAccessTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
