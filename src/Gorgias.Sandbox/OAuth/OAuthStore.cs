using System.Collections.Concurrent;

namespace Gorgias.Sandbox.OAuth;

/// <summary>An OAuth app registered with the sandbox (the Gorgias Developer Portal's draft app).</summary>
internal sealed class AppRegistration
{
    public required string ClientId { get; init; }
    public required string ClientSecret { get; set; }
    public required string Name { get; set; }
    public required string AppUrl { get; set; }
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>The placeholder older Gorgias docs put in App URLs (<c>{gorgias_account}</c>) [O G-demo].</summary>
    public const string AccountPlaceholder = "{gorgias_account}";

    /// <summary>
    /// Where the App Store's "Connect app" sends the browser: the App URL with the account, <c>{gorgias_account}</c>
    /// replaced when present, else <c>account={domain}</c> added to the query (keeping any query and fragment).
    /// Null when the App URL is not an absolute http(s) URL.
    /// </summary>
    public static string? ConnectUrl(string appUrl, string account)
    {
        if (!Uri.TryCreate(appUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return appUrl.Contains(AccountPlaceholder, StringComparison.Ordinal)
            ? appUrl.Replace(AccountPlaceholder, Uri.EscapeDataString(account), StringComparison.Ordinal)
            : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(appUrl, "account", account);
    }
}

/// <summary>An app installed on an account by one of its users: the grant behind a refresh token.</summary>
internal sealed class Installation
{
    public required Guid Id { get; init; }
    public required string Account { get; init; }
    public required string ClientId { get; init; }
    public required long UserId { get; init; }
    public required IReadOnlyList<string> Scopes { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The current refresh token (null when the grant has no <c>offline</c> scope).</summary>
    public string? RefreshToken { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Access tokens issued before this instant are refused (revoke-at-once uninstall, control API).</summary>
    public DateTimeOffset AccessTokensValidFrom { get; set; } = DateTimeOffset.MinValue;
}

/// <summary>A one-time authorization code waiting to be exchanged.</summary>
internal sealed class AuthorizationCode
{
    public required string Code { get; init; }
    public required string Account { get; init; }
    public required string ClientId { get; init; }
    public required long UserId { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required string RedirectUri { get; init; }
    public string? Nonce { get; init; }
    public string? CodeChallenge { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public int Used;
}

/// <summary>Apps, installations, codes and issued tokens. Thread-safe.</summary>
internal sealed class OAuthStore
{
    public ConcurrentDictionary<string, AppRegistration> Apps { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<Guid, Installation> Installations { get; } = new();

    public ConcurrentDictionary<string, AuthorizationCode> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>Refresh token → installation.</summary>
    public ConcurrentDictionary<string, Guid> RefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Access-token jti → installation (for revocation and the request log).</summary>
    public ConcurrentDictionary<string, Guid> AccessTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens refused from now on (<c>/oauth/revoke</c> of an access token).</summary>
    public ConcurrentDictionary<string, bool> RevokedAccessTokenIds { get; } = new(StringComparer.Ordinal);

    public IEnumerable<Installation> ForAccount(string account) =>
        Installations.Values.Where(i => i.Account == account).OrderBy(i => i.CreatedAt);

    public void Reset()
    {
        Installations.Clear();
        Codes.Clear();
        RefreshTokens.Clear();
        AccessTokens.Clear();
        RevokedAccessTokenIds.Clear();
    }
}

/// <summary>Install lifecycle operations shared by the OAuth endpoints, the control API and the helpdesk UI.</summary>
internal static class OAuthOperations
{
    /// <summary>
    /// Uninstalls an app from an account the way Gorgias does: every refresh token of the app on the account is revoked
    /// (refresh → <c>invalid_grant</c>); access tokens keep working until they expire unless <paramref name="revokeAccessTokens"/>.
    /// Returns how many installations were revoked.
    /// </summary>
    public static int Uninstall(OAuthStore oauth, string account, string clientId, DateTimeOffset now, bool revokeAccessTokens)
    {
        var count = 0;
        foreach (var installation in oauth.ForAccount(account).Where(i => i.ClientId == clientId && i.RevokedAt is null))
        {
            installation.RevokedAt = now;
            if (installation.RefreshToken is { } refresh)
            {
                oauth.RefreshTokens.TryRemove(refresh, out _);
            }

            if (revokeAccessTokens)
            {
                installation.AccessTokensValidFrom = now.AddTicks(1);
            }

            count++;
        }

        return count;
    }
}
