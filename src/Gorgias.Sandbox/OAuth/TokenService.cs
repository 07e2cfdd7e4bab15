using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gorgias.Sandbox.OAuth;

/// <summary>Who is calling the API: an OAuth access token of an app, or a user's API key.</summary>
internal sealed record Caller(CredentialKind Kind, User User, string? ClientId, IReadOnlySet<string> Scopes, string? TokenId)
{
    public string Label => Kind == CredentialKind.OAuth ? "oauth" : "api_key";
}

internal enum CredentialKind
{
    OAuth,
    ApiKey,
}

/// <summary>Issues and checks RS256 JWTs the way Gorgias does (access tokens and OpenID id tokens).</summary>
internal sealed class TokenService : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly SigningCredentials _signing;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, JsonWebToken> _validated = new(StringComparer.Ordinal);
    private readonly OAuthStore _oauth;
    private readonly TimeProvider _clock;
    private readonly IOptions<SandboxOptions> _options;

    public TokenService(OAuthStore oauth, TimeProvider clock, IOptions<SandboxOptions> options)
    {
        _oauth = oauth;
        _clock = clock;
        _options = options;
        var key = new RsaSecurityKey(_rsa) { KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };
        _signing = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        PublicKey = key;
    }

    public RsaSecurityKey PublicKey { get; }

    public static string Issuer(string accountBaseUrl) => accountBaseUrl;

    public static string Audience(string accountBaseUrl) => accountBaseUrl + "/api";

    /// <summary>Issues an access token for an installation; <paramref name="accountBaseUrl"/> is e.g. <c>http://127.0.0.1:5081/acme</c>.</summary>
    public (string Token, string Jti, int ExpiresIn) IssueAccessToken(Installation installation, string accountBaseUrl)
    {
        var now = _clock.GetUtcNow();
        var lifetime = _options.Value.AccessTokenLifetime;
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer(accountBaseUrl),
            Audience = Audience(accountBaseUrl),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = _signing,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = installation.UserId,
                ["azp"] = installation.ClientId,
                ["scope"] = string.Join(' ', installation.Scopes),
                ["jti"] = jti,
            },
        });
        _oauth.AccessTokens[jti] = installation.Id;
        return (token, jti, (int)lifetime.TotalSeconds);
    }

    /// <summary>An OpenID id token (only with the <c>openid</c> scope): audience is the client id.</summary>
    public string IssueIdToken(Installation installation, User user, string accountBaseUrl, string? nonce, string accessToken)
    {
        var now = _clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Id,
            ["auth_time"] = now.ToUnixTimeSeconds(),
            ["at_hash"] = AtHash(accessToken),

            // Gorgias writes the id token audience as an array: "aud": ["<client_id>"].
            ["aud"] = new[] { installation.ClientId },
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (installation.Scopes.Contains("email"))
        {
            claims["email"] = user.Email;
        }

        if (installation.Scopes.Contains("profile"))
        {
            claims["name"] = user.Name;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer(accountBaseUrl),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.Value.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = _signing,
            Claims = claims,
        });
    }

    private static string AtHash(string accessToken)
    {
        var hash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash[..16]);
    }

    /// <summary>
    /// Checks a bearer token for <paramref name="account"/>: signature, audience naming this account, expiry,
    /// revocation. Returns the caller, or an error message for a 401.
    /// </summary>
    public Caller? Validate(AccountState account, string token, out string? error)
    {
        error = null;
        if (!_validated.TryGetValue(token, out var jwt))
        {
            try
            {
                jwt = _handler.ReadJsonWebToken(token);
            }
            catch (ArgumentException)
            {
                error = "Invalid access token.";
                return null;
            }

            var result = _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
            {
                IssuerSigningKey = PublicKey,
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = false,
                RequireExpirationTime = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            }).GetAwaiter().GetResult();
            if (!result.IsValid)
            {
                error = "Invalid access token.";
                return null;
            }

            if (_validated.Count > 100_000)
            {
                _validated.Clear();
            }

            _validated[token] = jwt;
        }

        if (!jwt.TryGetPayloadValue<string>("aud", out var audience)
            || !audience.EndsWith("/" + account.Domain + "/api", StringComparison.Ordinal))
        {
            error = "This access token was not issued for this account.";
            return null;
        }

        if (jwt.ValidTo <= _clock.GetUtcNow().UtcDateTime)
        {
            error = "The access token has expired.";
            return null;
        }

        var jti = jwt.Id;
        if (!_oauth.AccessTokens.TryGetValue(jti, out var installationId)
            || !_oauth.Installations.TryGetValue(installationId, out var installation)
            || _oauth.RevokedAccessTokenIds.ContainsKey(jti)
            || jwt.IssuedAt < installation.AccessTokensValidFrom.UtcDateTime)
        {
            error = "The access token has been revoked.";
            return null;
        }

        lock (account.Sync)
        {
            if (account.Users.Find(installation.UserId) is not { Active: true } user)
            {
                error = "The user of this access token no longer exists.";
                return null;
            }

            // The token's own scope claim counts (a stateless JWT): a later reinstall with other scopes does not change it.
            var scopes = jwt.TryGetPayloadValue<string>("scope", out var scopeText)
                ? scopeText.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
            return new Caller(CredentialKind.OAuth, user, installation.ClientId, scopes, jti);
        }
    }

    public void Dispose() => _rsa.Dispose();
}
