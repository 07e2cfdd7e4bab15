using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saas.Gorgias.OAuth;

/// <summary>
/// ASP.NET Core's OAuth handler for Gorgias, where every account is its own authorization server (like per-shop
/// providers such as Shopify's): the authorize and token endpoints are built per request from the account bound
/// to the challenge (<c>AuthenticationProperties.Items["account"]</c>, which travels inside the protected
/// <c>state</c>). On top of the base handler (state protected by Data Protection, correlation cookie binding the
/// state to the browser, PKCE S256): a <c>nonce</c>, an expiring single-use state, a check that the callback names
/// no other account, HTTP Basic client authentication at the token endpoint, and a check that the access token's
/// issuer and audience name the bound account. Every refusal is a <see cref="GorgiasAuthenticationException"/> and
/// happens before anything is stored; those about the state happen before any token request.
/// </summary>
public sealed partial class GorgiasAuthenticationHandler(
    IOptionsMonitor<GorgiasAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOAuthStateReplayGuard replayGuard)
    : OAuthHandler<GorgiasAuthenticationOptions>(options, logger, encoder)
{
    private const string CodeVerifierKey = "code_verifier";
    private bool _correlationFailed;

    /// <summary>The exact registered redirect URI (the base handler would build one from the request, wrong behind a proxy).</summary>
    private string RedirectUri(string fromRequest) => Options.RedirectUri?.AbsoluteUri ?? fromRequest;

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        if (!TryGetAccount(properties, out var account))
        {
            throw new InvalidOperationException(
                $"A Gorgias challenge needs a valid account subdomain in AuthenticationProperties.Items[\"{GorgiasAuthenticationDefaults.AccountItem}\"].");
        }

        var scopes = properties.GetParameter<ICollection<string>>(OAuthChallengeProperties.ScopeKey);
        var nonce = RandomText();
        properties.Items[GorgiasAuthenticationDefaults.StateIdItem] = RandomText();
        properties.Items[GorgiasAuthenticationDefaults.IssuedItem] = GorgiasTokenChecks.UnixSeconds(TimeProvider.GetUtcNow());
        properties.Items[GorgiasAuthenticationDefaults.NonceItem] = nonce;

        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = Options.ClientId,
            ["redirect_uri"] = RedirectUri(redirectUri),
            ["scope"] = scopes is null ? FormatScope() : FormatScope(scopes),
            ["nonce"] = nonce,
        };

        if (Options.UsePkce)
        {
            var verifier = RandomText(32);
            properties.Items[CodeVerifierKey] = verifier;
            parameters["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            parameters["code_challenge_method"] = "S256";
        }

        parameters["state"] = Options.StateDataFormat.Protect(properties);
        return QueryHelpers.AddQueryString(Options.AccountBase(account) + "/oauth/authorize", parameters);
    }

    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var properties = Options.StateDataFormat.Unprotect(Request.Query["state"]);
        if (properties is null || !TryGetAccount(properties, out var account))
        {
            return Refuse(GorgiasAuthenticationFailure.InvalidState, null, properties);
        }

        if (!properties.Items.TryGetValue(GorgiasAuthenticationDefaults.IssuedItem, out var issuedText)
            || !long.TryParse(issuedText, NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || DateTimeOffset.FromUnixTimeSeconds(issued) + Options.RemoteAuthenticationTimeout < TimeProvider.GetUtcNow())
        {
            return Refuse(GorgiasAuthenticationFailure.ExpiredState, account, properties);
        }

        // Mix-up defence: a callback that says where it comes from must come from the account of its state.
        if ((Request.Query.TryGetValue("account", out var named) && named.ToString() != account.Subdomain)
            || (Request.Query.TryGetValue("iss", out var iss) && iss.ToString().TrimEnd('/') != Options.AccountBase(account).AbsoluteUri.TrimEnd('/')))
        {
            Log.AccountMismatch(Logger, account.Subdomain);
            return Refuse(GorgiasAuthenticationFailure.AccountMismatch, account, properties);
        }

        var result = await base.HandleRemoteAuthenticateAsync();
        if (result.Failure is null or GorgiasAuthenticationException)
        {
            return result;
        }

        // The base handler's own refusals, named.
        if (_correlationFailed)
        {
            return Refuse(GorgiasAuthenticationFailure.BrowserMismatch, account, properties);
        }

        if (Request.Query.TryGetValue("error", out var error) && error.Count > 0)
        {
            return Refuse(GorgiasAuthenticationFailure.AuthorizationError, account, properties, OAuthErrorCode(error.ToString()));
        }

        if (!Request.Query.ContainsKey("code"))
        {
            return Refuse(GorgiasAuthenticationFailure.MissingCode, account, properties);
        }

        return HandleRequestResult.Fail(new GorgiasAuthenticationException(GorgiasAuthenticationFailure.Unexpected, account, null, result.Failure), properties);
    }

    protected override bool ValidateCorrelationId(AuthenticationProperties properties)
    {
        var valid = base.ValidateCorrelationId(properties);
        _correlationFailed = !valid;
        return valid;
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        if (!TryGetAccount(context.Properties, out var account))
        {
            return OAuthTokenResponse.Failed(new GorgiasAuthenticationException(GorgiasAuthenticationFailure.InvalidState, null));
        }

        // Single use: consumed before the code is spent, so a replay never reaches the token endpoint.
        var issued = DateTimeOffset.FromUnixTimeSeconds(long.Parse(context.Properties.Items[GorgiasAuthenticationDefaults.IssuedItem]!, CultureInfo.InvariantCulture));
        if (!context.Properties.Items.TryGetValue(GorgiasAuthenticationDefaults.StateIdItem, out var stateId)
            || stateId is null
            || !replayGuard.TryConsume(stateId, issued + Options.RemoteAuthenticationTimeout))
        {
            Log.StateReplayed(Logger, account.Subdomain);
            return OAuthTokenResponse.Failed(new GorgiasAuthenticationException(GorgiasAuthenticationFailure.ReplayedState, account));
        }

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = RedirectUri(context.RedirectUri),
        };
        if (context.Properties.Items.Remove(CodeVerifierKey, out var verifier) && verifier is not null)
        {
            form[CodeVerifierKey] = verifier;
        }

        using var request = GorgiasOAuthRequests.Create(new Uri(Options.AccountBase(account) + "/oauth/token"), Options.ClientId, Options.ClientSecret, form);
        try
        {
            using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                var refused = await GorgiasOAuthException.FromResponseAsync("token", response, Context.RequestAborted);
                Log.CodeExchangeRefused(Logger, account.Subdomain, (int)refused.Status, refused.Error);
                var reason = refused.Error switch
                {
                    "invalid_client" or "unauthorized_client" => GorgiasAuthenticationFailure.InvalidClient,
                    "invalid_grant" => GorgiasAuthenticationFailure.CodeRefused,
                    _ => GorgiasAuthenticationFailure.TokenEndpointError,
                };
                return OAuthTokenResponse.Failed(new GorgiasAuthenticationException(reason, account, refused.Error == "unknown" ? $"HTTP {(int)refused.Status}" : refused.Error, refused));
            }

            var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
            try
            {
                return OAuthTokenResponse.Success(JsonDocument.Parse(body));
            }
            catch (JsonException)
            {
                return OAuthTokenResponse.Failed(new GorgiasAuthenticationException(GorgiasAuthenticationFailure.TokenEndpointError, account, "not JSON"));
            }
        }
        catch (HttpRequestException e)
        {
            Log.TokenEndpointUnreachable(Logger, account.Subdomain, e.Message);
            return OAuthTokenResponse.Failed(new GorgiasAuthenticationException(GorgiasAuthenticationFailure.TokenEndpointError, account, "unreachable"));
        }
        catch (TaskCanceledException) when (!Context.RequestAborted.IsCancellationRequested)
        {
            return OAuthTokenResponse.Failed(new GorgiasAuthenticationException(GorgiasAuthenticationFailure.TokenEndpointError, account, "timeout"));
        }
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        if (!TryGetAccount(properties, out var account))
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.InvalidState, null);
        }

        var accountBase = Options.AccountBase(account);
        var claims = GorgiasTokenChecks.AccessToken(tokens.AccessToken!, accountBase, account);
        if (tokens.Response?.RootElement.TryGetProperty("id_token", out var idToken) == true && idToken.ValueKind == JsonValueKind.String)
        {
            properties.Items.TryGetValue(GorgiasAuthenticationDefaults.NonceItem, out var nonce);
            GorgiasTokenChecks.IdToken(idToken.GetString()!, accountBase, account, Options.ClientId, nonce);
        }

        if (string.IsNullOrEmpty(tokens.RefreshToken))
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.NoRefreshToken, account);
        }

        identity.AddClaim(new Claim(GorgiasAuthenticationDefaults.AccountClaim, account.Subdomain, ClaimValueTypes.String, ClaimsIssuer));
        if (claims.Subject is { Length: > 0 } subject)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject, ClaimValueTypes.String, ClaimsIssuer));
        }

        var scope = claims.Scope ?? (tokens.Response!.RootElement.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null);
        if (scope is { Length: > 0 })
        {
            identity.AddClaim(new Claim(GorgiasAuthenticationDefaults.ScopeClaim, scope, ClaimValueTypes.String, ClaimsIssuer));
        }

        Log.TokensAccepted(Logger, account.Subdomain);
        using var user = JsonDocument.Parse("{}");
        var context = new OAuthCreatingTicketContext(new ClaimsPrincipal(identity), properties, Context, Scheme, Options, Backchannel, tokens, user.RootElement);
        await Events.CreatingTicket(context);
        return new AuthenticationTicket(context.Principal!, context.Properties, Scheme.Name);
    }

    /// <summary>The account bound to a challenge, validated again (the state is ours, but a check costs nothing).</summary>
    internal static bool TryGetAccount(AuthenticationProperties properties, out GorgiasAccount account)
    {
        account = default;
        return properties.Items.TryGetValue(GorgiasAuthenticationDefaults.AccountItem, out var text) && GorgiasAccount.TryParse(text, out account);
    }

    private HandleRequestResult Refuse(GorgiasAuthenticationFailure reason, GorgiasAccount? account, AuthenticationProperties? properties, string? oauthError = null)
    {
        Log.CallbackRefused(Logger, reason, account?.Subdomain);
        return HandleRequestResult.Fail(new GorgiasAuthenticationException(reason, account, oauthError), properties);
    }

    private static string RandomText(int bytes = 16) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    private static string? OAuthErrorCode(string text) =>
        text is { Length: > 0 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? text : "unreadable";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Gorgias OAuth callback refused: {Reason} (account {Account})")]
        public static partial void CallbackRefused(ILogger logger, GorgiasAuthenticationFailure reason, string? account);

        [LoggerMessage(2, LogLevel.Warning, "Gorgias OAuth callback for {Account} names another account (account or iss parameter); refused before any token request")]
        public static partial void AccountMismatch(ILogger logger, string account);

        [LoggerMessage(3, LogLevel.Warning, "Gorgias OAuth state for {Account} was already used; refused before any token request")]
        public static partial void StateReplayed(ILogger logger, string account);

        [LoggerMessage(4, LogLevel.Warning, "Gorgias token endpoint of {Account} refused the code: {Status} {Error}")]
        public static partial void CodeExchangeRefused(ILogger logger, string account, int status, string error);

        [LoggerMessage(5, LogLevel.Warning, "Gorgias token endpoint of {Account} unreachable: {Error}")]
        public static partial void TokenEndpointUnreachable(ILogger logger, string account, string error);

        [LoggerMessage(6, LogLevel.Information, "Gorgias tokens for {Account} accepted (issuer and audience name the account)")]
        public static partial void TokensAccepted(ILogger logger, string account);
    }
}
