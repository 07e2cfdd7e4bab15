using System.Collections.Concurrent;
using System.Security.Cryptography;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gorgias.Sandbox.OAuth;

/// <summary>What the token endpoint (or the headless install of the control API) hands out.</summary>
internal sealed record TokenSet(string AccessToken, int ExpiresIn, string Scope, string? RefreshToken, string? IdToken, Installation Installation);

/// <summary>
/// Issues authorization codes, installs apps and mints tokens. The OAuth endpoints and the control API share it so
/// an install made headlessly is the same as one made through the browser flow. Mutations happen under <see cref="Sync"/>.
/// </summary>
internal sealed class OAuthGrants(OAuthStore oauth, TokenService tokens, TimeProvider clock, IOptions<SandboxOptions> options)
{
    /// <summary>Installation of each exchanged code, to revoke what a code produced when it is replayed (RFC 6749 §4.1.2).</summary>
    private readonly ConcurrentDictionary<string, Guid> _installationByCode = new(StringComparer.Ordinal);

    public Lock Sync { get; } = new();

    public SandboxOptions Options => options.Value;

    public static string RandomToken(int bytes = 32) => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Stores a new single-use authorization code bound to everything the token request must repeat.</summary>
    public AuthorizationCode IssueCode(
        string account,
        string clientId,
        long userId,
        IReadOnlyList<string> scopes,
        string redirectUri,
        string? nonce,
        string? codeChallenge)
    {
        var now = clock.GetUtcNow();
        var code = new AuthorizationCode
        {
            Code = RandomToken(),
            Account = account,
            ClientId = clientId,
            UserId = userId,
            Scopes = scopes,
            RedirectUri = redirectUri,
            Nonce = nonce,
            CodeChallenge = codeChallenge,
            ExpiresAt = now + options.Value.AuthorizationCodeLifetime,
        };
        oauth.Codes[code.Code] = code;

        // Forget codes long past their expiry (used ones are kept a while so a replay is still recognised).
        var forgetBefore = now - options.Value.AuthorizationCodeLifetime - TimeSpan.FromHours(1);
        foreach (var (key, old) in oauth.Codes)
        {
            if (old.ExpiresAt < forgetBefore)
            {
                oauth.Codes.TryRemove(key, out _);
                _installationByCode.TryRemove(key, out _);
            }
        }

        return code;
    }

    /// <summary>Remembers which installation a code produced. Callers hold <see cref="Sync"/>.</summary>
    public void RecordExchange(AuthorizationCode code, Installation installation) =>
        _installationByCode[code.Code] = installation.Id;

    /// <summary>A replayed code: revoke the grant it produced, refresh token and access tokens alike. Callers hold <see cref="Sync"/>.</summary>
    public void RevokeExchange(AuthorizationCode code)
    {
        if (_installationByCode.TryGetValue(code.Code, out var id) && oauth.Installations.TryGetValue(id, out var installation))
        {
            Revoke(installation, revokeAccessTokens: true);
        }
    }

    /// <summary>
    /// Revokes one installation: refresh token forgotten, <see cref="Installation.RevokedAt"/> set, and with
    /// <paramref name="revokeAccessTokens"/> every access token issued for it refused at once. Callers hold <see cref="Sync"/>.
    /// </summary>
    public void Revoke(Installation installation, bool revokeAccessTokens)
    {
        installation.RevokedAt ??= clock.GetUtcNow();
        if (installation.RefreshToken is { } refresh)
        {
            oauth.RefreshTokens.TryRemove(refresh, out _);
        }

        if (revokeAccessTokens)
        {
            RevokeAccessTokens(installation);
        }
    }

    /// <summary>Refuses every access token issued so far for the installation; later ones work. Returns how many.</summary>
    public int RevokeAccessTokens(Installation installation)
    {
        var count = 0;
        foreach (var (jti, id) in oauth.AccessTokens)
        {
            if (id == installation.Id && oauth.RevokedAccessTokenIds.TryAdd(jti, true))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Installs the app for the user, or updates the user's live installation of it (a reinstall: new scopes; the
    /// refresh token is kept while <c>offline</c> stays granted). Callers hold <see cref="Sync"/>.
    /// </summary>
    public Installation Install(string account, string clientId, long userId, IReadOnlyList<string> scopes)
    {
        var installation = oauth.ForAccount(account)
            .FirstOrDefault(i => i.ClientId == clientId && i.UserId == userId && i.RevokedAt is null);
        if (installation is null)
        {
            installation = new Installation
            {
                Id = Guid.NewGuid(),
                Account = account,
                ClientId = clientId,
                UserId = userId,
                Scopes = scopes,
                CreatedAt = clock.GetUtcNow(),
            };
            oauth.Installations[installation.Id] = installation;
        }
        else
        {
            installation.Scopes = scopes;
        }

        if (scopes.Contains("offline"))
        {
            if (installation.RefreshToken is null)
            {
                installation.RefreshToken = RandomToken();
                oauth.RefreshTokens[installation.RefreshToken] = installation.Id;
            }
        }
        else if (installation.RefreshToken is { } refresh)
        {
            oauth.RefreshTokens.TryRemove(refresh, out _);
            installation.RefreshToken = null;
        }

        return installation;
    }

    /// <summary>Replaces the installation's refresh token (rotation mode). Callers hold <see cref="Sync"/>.</summary>
    public string RotateRefreshToken(Installation installation)
    {
        if (installation.RefreshToken is { } old)
        {
            oauth.RefreshTokens.TryRemove(old, out _);
        }

        installation.RefreshToken = RandomToken();
        oauth.RefreshTokens[installation.RefreshToken] = installation.Id;
        return installation.RefreshToken;
    }

    /// <summary>
    /// Tokens for a fresh grant: access token, the refresh token only with <c>offline</c>, the id token only with
    /// <c>openid</c> (carrying the nonce, and email/name with the <c>email</c>/<c>profile</c> scopes).
    /// </summary>
    public TokenSet IssueForGrant(Installation installation, User user, string accountBaseUrl, string? nonce)
    {
        var (access, _, expiresIn) = tokens.IssueAccessToken(installation, accountBaseUrl);
        var idToken = installation.Scopes.Contains("openid")
            ? tokens.IssueIdToken(installation, user, accountBaseUrl, nonce, access)
            : null;
        return new TokenSet(access, expiresIn, string.Join(' ', installation.Scopes), installation.RefreshToken, idToken, installation);
    }

    /// <summary>Finds the live installation behind a refresh token.</summary>
    public Installation? FindByRefreshToken(string refreshToken) =>
        oauth.RefreshTokens.TryGetValue(refreshToken, out var id)
        && oauth.Installations.TryGetValue(id, out var installation)
        && installation.RevokedAt is null
        && installation.RefreshToken == refreshToken
            ? installation
            : null;
}
