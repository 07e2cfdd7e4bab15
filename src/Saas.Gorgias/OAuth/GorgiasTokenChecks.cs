using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Saas.Gorgias.OAuth;

/// <summary>What the app takes from an access token it accepted.</summary>
public sealed record GorgiasAccessTokenClaims(string? Subject, string? Scope, DateTimeOffset? ExpiresAt);

/// <summary>
/// Checks on the tokens from an account's token endpoint. The tokens come straight from that endpoint over the
/// back channel (TLS in production), so, as OpenID Connect Core §3.1.3.7 allows for the code flow, the signature is
/// not checked; the claims are: the access token must be issued by the account
/// (<c>iss</c> = <c>{account base}</c>, or <c>{account base}/idp</c> as a 2026 token had it) for its API
/// (<c>aud</c> = <c>{account base}/api</c>), and an id token must carry our nonce and client id.
/// </summary>
internal static class GorgiasTokenChecks
{
    public static GorgiasAccessTokenClaims AccessToken(string accessToken, Uri accountBase, GorgiasAccount account)
    {
        var token = Read(accessToken, account, "access token");
        var issuer = Trim(token.Issuer);
        var expected = Trim(accountBase.AbsoluteUri);
        if (issuer != expected && issuer != expected + "/idp")
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.TokenForAnotherAccount, account);
        }

        if (!token.Audiences.Any(a => Trim(a) == expected + "/api"))
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.TokenForAnotherAccount, account);
        }

        return new GorgiasAccessTokenClaims(
            ClaimText(token, "sub"),
            ClaimText(token, "scope"),
            token.TryGetPayloadValue<long>("exp", out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null);
    }

    public static void IdToken(string idToken, Uri accountBase, GorgiasAccount account, string clientId, string? nonce)
    {
        var token = Read(idToken, account, "id token");
        var issuer = Trim(token.Issuer);
        var expected = Trim(accountBase.AbsoluteUri);
        if (issuer != expected && issuer != expected + "/idp")
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.TokenForAnotherAccount, account);
        }

        if (!token.Audiences.Contains(clientId, StringComparer.Ordinal))
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.InvalidToken, account, "id token audience");
        }

        if (nonce is not null && ClaimText(token, "nonce") != nonce)
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.InvalidToken, account, "id token nonce");
        }
    }

    private static JsonWebToken Read(string text, GorgiasAccount account, string what)
    {
        try
        {
            return new JsonWebToken(text);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or Microsoft.IdentityModel.Tokens.SecurityTokenException)
        {
            // The inner exception is left out on purpose: its message could quote the token.
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.InvalidToken, account, what + " is not a JWT");
        }
    }

    private static string? ClaimText(JsonWebToken token, string name) =>
        token.TryGetClaim(name, out var claim) ? claim.Value : null;

    private static string Trim(string? url) => (url ?? "").TrimEnd('/');

    internal static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
