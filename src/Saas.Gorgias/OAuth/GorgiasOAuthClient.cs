using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Saas.Gorgias.OAuth;

/// <summary>
/// Gorgias' OAuth endpoints after the install: refresh an access token and revoke a token, at the account's own
/// authorization server (<c>{account base}/oauth/token</c>, <c>/oauth/revoke</c>), with HTTP Basic client
/// authentication. Typed <see cref="HttpClient"/>; tokens are never logged or put in exception messages.
/// </summary>
public sealed class GorgiasOAuthClient(HttpClient http, IOptions<GorgiasOptions> options)
{
    /// <summary>
    /// A new access token for the refresh token (<c>grant_type=refresh_token</c>). Gorgias' refresh tokens do not
    /// rotate, so the answer usually has no new refresh token.
    /// </summary>
    /// <exception cref="GorgiasOAuthException">Refused; <see cref="GorgiasOAuthException.IsInvalidGrant"/> means uninstalled or revoked.</exception>
    public async Task<GorgiasTokens> RefreshAsync(GorgiasAccount account, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        using var request = GorgiasOAuthRequests.Token(
            options.Value,
            account,
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]);
        using var response = await http.SendAsync(request, cancellationToken);
        return await GorgiasOAuthRequests.ReadTokensAsync("token", response, cancellationToken);
    }

    /// <summary>Revokes a token (<c>/oauth/revoke</c>); for a refresh token this uninstalls the app from the account.</summary>
    /// <exception cref="GorgiasOAuthException">The revoke endpoint refused (e.g. <c>invalid_client</c>) or failed.</exception>
    public async Task RevokeAsync(GorgiasAccount account, string token, string tokenTypeHint = "refresh_token", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var request = GorgiasOAuthRequests.Create(
            options.Value,
            account,
            "oauth/revoke",
            [new("token", token), new("token_type_hint", tokenTypeHint)]);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await GorgiasOAuthException.FromResponseAsync("revoke", response, cancellationToken);
        }
    }
}

/// <summary>The requests to an account's OAuth endpoints, shared by <see cref="GorgiasOAuthClient"/> and the authentication handler.</summary>
internal static class GorgiasOAuthRequests
{
    public static HttpRequestMessage Token(GorgiasOptions options, GorgiasAccount account, IEnumerable<KeyValuePair<string, string>> form) =>
        Create(options, account, "oauth/token", form);

    public static HttpRequestMessage Create(GorgiasOptions options, GorgiasAccount account, string path, IEnumerable<KeyValuePair<string, string>> form) =>
        Create(new Uri(options.AccountBase(account) + "/" + path), options.ClientId, options.ClientSecret, form);

    /// <summary>A form POST with HTTP Basic client authentication (RFC 6749 §2.3.1: both parts form-encoded).</summary>
    public static HttpRequestMessage Create(Uri endpoint, string clientId, string clientSecret, IEnumerable<KeyValuePair<string, string>> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = BasicCredentials(clientId, clientSecret);
        return request;
    }

    public static AuthenticationHeaderValue BasicCredentials(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret))));

    public static async Task<GorgiasTokens> ReadTokensAsync(string endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await GorgiasOAuthException.FromResponseAsync(endpoint, response, cancellationToken);
        }

        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return GorgiasTokens.Read(body.RootElement)
                ?? throw new GorgiasOAuthException($"Gorgias' {endpoint} endpoint answered {(int)response.StatusCode} without an access token.");
        }
        catch (JsonException)
        {
            throw new GorgiasOAuthException($"Gorgias' {endpoint} endpoint answered {(int)response.StatusCode} with a body that is not JSON.");
        }
    }
}
