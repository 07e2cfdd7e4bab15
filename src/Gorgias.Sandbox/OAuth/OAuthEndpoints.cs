using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Api;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace Gorgias.Sandbox.OAuth;

/// <summary>
/// The OAuth 2.0 server of an account, as Gorgias documents it (reference §1): <c>/{account}/oauth/authorize</c> with
/// sign-in and consent pages, <c>/oauth/token</c> (authorization_code, refresh_token), <c>/oauth/revoke</c>, plus a
/// discovery document and JWKS (sandbox extensions).
/// </summary>
internal static partial class OAuthEndpoints
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}\\z")]
    private static partial Regex PkceValuePattern();

    public static IEndpointRouteBuilder MapGorgiasOAuth(this IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("/{account}/oauth").AddEndpointFilter<OAuthRequestLog>();
        oauth.MapGet("/authorize", Authorize);
        oauth.MapPost("/authorize/sign-in", SignInAsync);
        oauth.MapPost("/authorize/consent", ConsentAsync);
        oauth.MapPost("/authorize/sign-out", SignOutAsync);
        oauth.MapPost("/token", TokenAsync);
        oauth.MapPost("/revoke", RevokeAsync);
        app.MapGet("/{account}/.well-known/openid-configuration", Discovery);
        app.MapGet("/{account}/.well-known/jwks.json", Jwks);
        return app;
    }

    // ---------------------------------------------------------------- authorize

    private static IResult Authorize(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthGrants grants,
        OAuthBrowserState browser)
    {
        var query = http.Request.Query;
        var state = store.Find(account);
        if (state is null)
        {
            return OAuthPages.Error(400, "Unknown helpdesk", $"There is no Gorgias account '{account}' in this sandbox.");
        }

        if (!TrySingle(query, "client_id", out var clientId) || clientId is null)
        {
            return OAuthPages.Error(400, "Invalid request", "The client_id parameter is missing or repeated.");
        }

        if (!oauth.Apps.TryGetValue(clientId, out var app))
        {
            return OAuthPages.Error(400, "Unknown app", $"No app with client_id '{clientId}' is registered with this sandbox.");
        }

        if (!TrySingle(query, "redirect_uri", out var redirectUri) || redirectUri is null)
        {
            return OAuthPages.Error(400, "Invalid request", "The redirect_uri parameter is missing or repeated.");
        }

        if (!app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return OAuthPages.Error(
                400,
                "Redirect URI mismatch",
                $"'{redirectUri}' is not one of the Redirect URLs registered for {app.Name}; it must match one exactly.");
        }

        // The redirect URI is trusted from here on: errors go back to the app (RFC 6749 §4.1.2.1).
        var appState = query["state"].FirstOrDefault(s => !string.IsNullOrEmpty(s));
        IResult Fail(string error, string description) =>
            Results.Redirect(AppendQuery(redirectUri, [("error", error), ("error_description", description), ("state", appState)]));

        foreach (var name in (string[])["response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method"])
        {
            if (!TrySingle(query, name, out _))
            {
                return Fail("invalid_request", $"The {name} parameter is repeated.");
            }
        }

        TrySingle(query, "response_type", out var responseType);
        if (responseType is null)
        {
            return Fail("invalid_request", "The response_type parameter is required (response_type=code).");
        }

        if (responseType != "code")
        {
            return Fail("unsupported_response_type", $"Only response_type=code is supported, not '{responseType}'.");
        }

        TrySingle(query, "scope", out var scopeText);
        var scopes = OAuthScopes.Parse(scopeText);
        if (scopes.Count == 0)
        {
            return Fail("invalid_scope", "The scope parameter is required, e.g. 'openid email profile offline tickets:read'.");
        }

        var unknown = scopes.Where(s => !OAuthScopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            return Fail("invalid_scope", $"Unknown scope: {string.Join(", ", unknown)}.");
        }

        TrySingle(query, "code_challenge", out var challenge);
        TrySingle(query, "code_challenge_method", out var challengeMethod);
        if (challenge is null && challengeMethod is not null)
        {
            return Fail("invalid_request", "code_challenge_method was sent without a code_challenge.");
        }

        if (challenge is not null)
        {
            if (challengeMethod != "S256")
            {
                return Fail("invalid_request", "Only code_challenge_method=S256 is supported (the plain method is refused).");
            }

            if (!PkceValuePattern().IsMatch(challenge))
            {
                return Fail("invalid_request", "The code_challenge must be the base64url SHA-256 of the code verifier (43 to 128 characters).");
            }
        }

        TrySingle(query, "nonce", out var nonce);

        if (grants.Options.AutoApprove)
        {
            User? admin;
            lock (state.Sync)
            {
                admin = state.Admin;
            }

            if (admin is null)
            {
                return Fail("server_error", "The account has no admin to approve the request.");
            }

            var code = grants.IssueCode(account, clientId, admin.Id, scopes, redirectUri, nonce, challenge);
            return Results.Redirect(AppendQuery(redirectUri, [("code", code.Code), ("state", appState)]));
        }

        var session = browser.GetOrStart(http, account);
        var pending = browser.AddPending(session, clientId, redirectUri, scopes, appState, nonce, challenge, http.Request.QueryString.Value ?? "");
        return ShowStep(http, state, app, session, pending, error: null);
    }

    /// <summary>The consent page for a signed-in browser, the sign-in page otherwise.</summary>
    private static IResult ShowStep(HttpContext http, AccountState state, AppRegistration app, BrowserSession session, PendingAuthorization pending, string? error)
    {
        List<User> users;
        lock (state.Sync)
        {
            if (error is null && session.UserId is { } userId && state.Users.Find(userId) is { Active: true } user)
            {
                pending.UserId = user.Id;
                return OAuthPages.Consent(http, state.Domain, pending, app, user);
            }

            users = [.. state.Users.All.Where(u => u.Active).OrderBy(u => u.Id)];
        }

        return OAuthPages.SignIn(http, state.Domain, pending, app, users, error);
    }

    private static async Task<IResult> SignInAsync(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthBrowserState browser)
    {
        var (state, pending, app, form, error) = await ReadPageFormAsync(account, http, store, oauth, browser);
        if (error is not null)
        {
            return error;
        }

        User? user = null;
        var userIdText = form!["user_id"].ToString();
        var email = form["email"].ToString().Trim();
        lock (state!.Sync)
        {
            if (userIdText.Length > 0)
            {
                if (long.TryParse(userIdText, System.Globalization.CultureInfo.InvariantCulture, out var userId)
                    && state.Users.Find(userId) is { Active: true } byId)
                {
                    user = byId;
                }
            }
            else if (email.Length > 0)
            {
                user = state.Users.All.FirstOrDefault(u => u.Active && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            }
        }

        if (user is null)
        {
            return browser.Find(http, account) is { } anonymous
                ? ShowStep(http, state, app!, anonymous, pending!, "No active user of this account matches. Pick one of the list, or type the email address of one.")
                : OAuthPages.Error(400, "Session expired", "Your session expired. Start again from the app.");
        }

        browser.Complete(pending!);
        browser.Start(http, account, user.Id);
        return new SeeOtherResult($"{http.Request.PathBase}/{account}/oauth/authorize{pending!.Query}");
    }

    private static async Task<IResult> SignOutAsync(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthBrowserState browser)
    {
        var (_, pending, _, _, error) = await ReadPageFormAsync(account, http, store, oauth, browser);
        if (error is not null)
        {
            return error;
        }

        browser.Complete(pending!);
        browser.Start(http, account, userId: null);
        return new SeeOtherResult($"{http.Request.PathBase}/{account}/oauth/authorize{pending!.Query}");
    }

    private static async Task<IResult> ConsentAsync(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthGrants grants,
        OAuthBrowserState browser)
    {
        var (state, pending, _, form, error) = await ReadPageFormAsync(account, http, store, oauth, browser);
        if (error is not null)
        {
            return error;
        }

        var session = browser.Find(http, account);
        bool signedIn;
        lock (state!.Sync)
        {
            signedIn = session?.UserId is { } userId && userId == pending!.UserId && state.Users.Find(userId) is { Active: true };
        }

        if (!signedIn)
        {
            return OAuthPages.Error(400, "Not signed in", "You are no longer signed in as the user this request was shown to. Start again from the app.");
        }

        var decision = form!["decision"].ToString();
        if (decision is not ("approve" or "deny"))
        {
            return OAuthPages.Error(400, "Invalid request", "Choose Approve or Deny.");
        }

        if (!browser.Complete(pending!))
        {
            return OAuthPages.Error(400, "Already answered", "This request was already approved or denied. Start again from the app.");
        }

        if (decision == "deny")
        {
            return Results.Redirect(AppendQuery(
                pending!.RedirectUri,
                [("error", "access_denied"), ("error_description", "The user denied the request."), ("state", pending.State)]));
        }

        var code = grants.IssueCode(account, pending!.ClientId, pending.UserId!.Value, pending.Scopes, pending.RedirectUri, pending.Nonce, pending.CodeChallenge);
        return Results.Redirect(AppendQuery(pending.RedirectUri, [("code", code.Code), ("state", pending.State)]));
    }

    /// <summary>Reads a form posted by one of the pages and finds its pending request (anti-forgery checked).</summary>
    private static async Task<(AccountState? State, PendingAuthorization? Pending, AppRegistration? App, IFormCollection? Form, IResult? Error)> ReadPageFormAsync(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthBrowserState browser)
    {
        var state = store.Find(account);
        if (state is null)
        {
            return (null, null, null, null, OAuthPages.Error(400, "Unknown helpdesk", $"There is no Gorgias account '{account}' in this sandbox."));
        }

        var (form, formError) = await TryReadFormAsync(http);
        if (form is null)
        {
            return (null, null, null, null, OAuthPages.Error(400, "Invalid request", formError!));
        }

        var pending = browser.FindPending(http, account, form["request_id"].FirstOrDefault(), form["csrf_token"].FirstOrDefault());
        if (pending is null || !oauth.Apps.TryGetValue(pending.ClientId, out var app))
        {
            return (null, null, null, null, OAuthPages.Error(
                400,
                "Request expired",
                "This form has expired, was already used, or was not sent from the browser it was shown in. Start again from the app."));
        }

        return (state, pending, app, form, null);
    }

    // ---------------------------------------------------------------- token

    private static async Task<IResult> TokenAsync(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthGrants grants,
        TokenService tokens)
    {
        NoStore(http);
        var state = store.Find(account);
        if (state is null)
        {
            return OAuthError(404, "invalid_request", $"Account '{account}' does not exist.");
        }

        int? faultStatus;
        lock (state.Faults.Sync)
        {
            faultStatus = state.Faults.TokenEndpointStatus;
        }

        var log = RequestLogScope.Of(http);
        if (faultStatus is { } status)
        {
            log.AddFault("token-endpoint");
            return OAuthError(
                status,
                status == 503 ? "temporarily_unavailable" : "server_error",
                $"The token endpoint answered {status} (fault injected by the sandbox).");
        }

        var (form, app, error) = await ReadClientRequestAsync(http, oauth);
        if (error is not null)
        {
            return error;
        }

        log.Detail = "grant_type=" + form!["grant_type"];
        var baseUrl = ControlEndpoints.AccountBaseUrl(http, account);
        return form!["grant_type"].ToString() switch
        {
            "" => OAuthError(400, "invalid_request", "The grant_type parameter is required."),
            "authorization_code" => ExchangeCode(account, form, app!, state, oauth, grants, baseUrl),
            "refresh_token" => Refresh(account, form, app!, state, grants, tokens, baseUrl),
            var other => OAuthError(400, "unsupported_grant_type", $"The grant_type '{other}' is not supported (authorization_code, refresh_token)."),
        };
    }

    private static IResult ExchangeCode(
        string account,
        IFormCollection form,
        AppRegistration app,
        AccountState state,
        OAuthStore oauth,
        OAuthGrants grants,
        string baseUrl)
    {
        var codeText = form["code"].ToString();
        var redirectUri = form["redirect_uri"].ToString();
        var verifier = form["code_verifier"].ToString();
        if (codeText.Length == 0)
        {
            return OAuthError(400, "invalid_request", "The code parameter is required.");
        }

        if (redirectUri.Length == 0)
        {
            return OAuthError(400, "invalid_request", "The redirect_uri parameter is required (identical to the one of the authorize request).");
        }

        if (!oauth.Codes.TryGetValue(codeText, out var code))
        {
            return OAuthError(400, "invalid_grant", "The authorization code is invalid.");
        }

        if (code.Account != account)
        {
            return OAuthError(400, "invalid_grant", "The authorization code was not issued for this account.");
        }

        if (code.ClientId != app.ClientId)
        {
            return OAuthError(400, "invalid_grant", "The authorization code was issued to another client.");
        }

        TokenSet issued;
        lock (grants.Sync)
        {
            if (code.Used != 0)
            {
                grants.RevokeExchange(code);
                return OAuthError(400, "invalid_grant", "The authorization code has already been used; the tokens issued with it are revoked.");
            }

            if (state.Clock.GetUtcNow() >= code.ExpiresAt)
            {
                return OAuthError(400, "invalid_grant", "The authorization code has expired.");
            }

            if (!string.Equals(redirectUri, code.RedirectUri, StringComparison.Ordinal))
            {
                return OAuthError(400, "invalid_grant", "The redirect_uri does not match the one of the authorize request.");
            }

            if (code.CodeChallenge is { } challenge)
            {
                if (verifier.Length == 0)
                {
                    return OAuthError(400, "invalid_grant", "The code_verifier parameter is required: the authorize request sent a code_challenge.");
                }

                var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
                if (!PkceValuePattern().IsMatch(verifier)
                    || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge)))
                {
                    return OAuthError(400, "invalid_grant", "The code_verifier does not match the code_challenge.");
                }
            }
            else if (verifier.Length > 0)
            {
                return OAuthError(400, "invalid_grant", "A code_verifier was sent but the authorize request had no code_challenge.");
            }

            User? user;
            lock (state.Sync)
            {
                user = state.Users.Find(code.UserId) is { Active: true } active ? active : null;
            }

            if (user is null)
            {
                return OAuthError(400, "invalid_grant", "The user who approved the request no longer exists.");
            }

            code.Used = 1;
            var installation = grants.Install(account, app.ClientId, user.Id, code.Scopes);
            grants.RecordExchange(code, installation);
            issued = grants.IssueForGrant(installation, user, baseUrl, code.Nonce);
        }

        return TokenResponse(issued.AccessToken, issued.ExpiresIn, issued.IdToken, issued.RefreshToken, issued.Scope);
    }

    private static IResult Refresh(
        string account,
        IFormCollection form,
        AppRegistration app,
        AccountState state,
        OAuthGrants grants,
        TokenService tokens,
        string baseUrl)
    {
        var refreshToken = form["refresh_token"].ToString();
        if (refreshToken.Length == 0)
        {
            return OAuthError(400, "invalid_request", "The refresh_token parameter is required.");
        }

        var requested = OAuthScopes.Parse(form["scope"].ToString());
        string access, scope;
        string? rotated = null;
        int expiresIn;
        lock (grants.Sync)
        {
            var installation = grants.FindByRefreshToken(refreshToken);
            if (installation is null)
            {
                return OAuthError(400, "invalid_grant", "The refresh token is invalid or has been revoked.");
            }

            if (installation.Account != account)
            {
                return OAuthError(400, "invalid_grant", "The refresh token was not issued for this account.");
            }

            if (installation.ClientId != app.ClientId)
            {
                return OAuthError(400, "invalid_grant", "The refresh token was issued to another client.");
            }

            var beyond = requested.Where(s => !installation.Scopes.Contains(s)).ToList();
            if (beyond.Count > 0)
            {
                return OAuthError(400, "invalid_scope", $"The scope exceeds the grant: {string.Join(", ", beyond)}.");
            }

            lock (state.Sync)
            {
                if (state.Users.Find(installation.UserId) is not { Active: true })
                {
                    return OAuthError(400, "invalid_grant", "The user of this grant no longer exists.");
                }
            }

            (access, _, expiresIn) = tokens.IssueAccessToken(installation, baseUrl);
            scope = string.Join(' ', installation.Scopes);
            if (grants.Options.RotateRefreshTokens)
            {
                rotated = grants.RotateRefreshToken(installation);
            }
        }

        return TokenResponse(access, expiresIn, idToken: null, rotated, scope);
    }

    private static IResult TokenResponse(string accessToken, int expiresIn, string? idToken, string? refreshToken, string scope) =>
        Respond.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", accessToken);
            w.WriteNumber("expires_in", expiresIn);
            if (idToken is not null)
            {
                w.WriteString("id_token", idToken);
            }

            if (refreshToken is not null)
            {
                w.WriteString("refresh_token", refreshToken);
            }

            w.WriteString("scope", scope);
            w.WriteString("token_type", "Bearer");
            w.WriteEndObject();
        });

    // ---------------------------------------------------------------- revoke

    private static async Task<IResult> RevokeAsync(
        string account,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthGrants grants)
    {
        NoStore(http);
        if (store.Find(account) is null)
        {
            return OAuthError(404, "invalid_request", $"Account '{account}' does not exist.");
        }

        var (form, app, error) = await ReadClientRequestAsync(http, oauth);
        if (error is not null)
        {
            return error;
        }

        var token = form!["token"].ToString();
        if (token.Length == 0)
        {
            return OAuthError(400, "invalid_request", "The token parameter is required.");
        }

        // token_type_hint is only a hint (RFC 7009 §2.1): both kinds are looked up. Tokens of another client or
        // account, and unknown tokens, are answered 200 {} without effect (RFC 7009 §2.2).
        lock (grants.Sync)
        {
            if (oauth.RefreshTokens.TryGetValue(token, out var id)
                && oauth.Installations.TryGetValue(id, out var installation)
                && installation.Account == account
                && installation.ClientId == app!.ClientId)
            {
                grants.Revoke(installation, grants.Options.RevokeAccessTokensOnUninstall);
            }
            else if (TryReadTokenId(token) is { } jti
                && oauth.AccessTokens.TryGetValue(jti, out var owner)
                && oauth.Installations.TryGetValue(owner, out var ownerInstallation)
                && ownerInstallation.Account == account
                && ownerInstallation.ClientId == app!.ClientId)
            {
                oauth.RevokedAccessTokenIds[jti] = true;
            }
        }

        return Respond.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });
    }

    private static string? TryReadTokenId(string token)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            return handler.ReadJsonWebToken(token).Id is { Length: > 0 } jti ? jti : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // ---------------------------------------------------------------- discovery (sandbox extension)

    private static IResult Discovery(string account, HttpContext http, SandboxStore store)
    {
        if (store.Find(account) is null)
        {
            return ApiErrors.Error(404, $"Account '{account}' does not exist.");
        }

        var baseUrl = ControlEndpoints.AccountBaseUrl(http, account);
        return Respond.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("issuer", TokenService.Issuer(baseUrl));
            w.WriteString("authorization_endpoint", baseUrl + "/oauth/authorize");
            w.WriteString("token_endpoint", baseUrl + "/oauth/token");
            w.WriteString("revocation_endpoint", baseUrl + "/oauth/revoke");
            w.WriteString("jwks_uri", baseUrl + "/.well-known/jwks.json");
            WriteArray(w, "response_types_supported", ["code"]);
            WriteArray(w, "grant_types_supported", ["authorization_code", "refresh_token"]);
            WriteArray(w, "scopes_supported", OAuthScopes.All);
            WriteArray(w, "token_endpoint_auth_methods_supported", ["client_secret_basic", "client_secret_post"]);
            WriteArray(w, "revocation_endpoint_auth_methods_supported", ["client_secret_basic", "client_secret_post"]);
            WriteArray(w, "code_challenge_methods_supported", ["S256"]);
            WriteArray(w, "subject_types_supported", ["public"]);
            WriteArray(w, "id_token_signing_alg_values_supported", ["RS256"]);
            WriteArray(w, "claims_supported", ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "email", "name"]);
            w.WriteEndObject();
        });
    }

    private static IResult Jwks(string account, SandboxStore store, TokenService tokens)
    {
        if (store.Find(account) is null)
        {
            return ApiErrors.Error(404, $"Account '{account}' does not exist.");
        }

        var key = tokens.PublicKey;
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return Respond.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            w.WriteStartObject();
            w.WriteString("kty", "RSA");
            w.WriteString("use", "sig");
            w.WriteString("alg", "RS256");
            w.WriteString("kid", key.KeyId);
            w.WriteString("n", Base64UrlEncoder.Encode(parameters.Modulus));
            w.WriteString("e", Base64UrlEncoder.Encode(parameters.Exponent));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteArray(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Reads a token/revoke request: an <c>application/x-www-form-urlencoded</c> body without repeated parameters, and
    /// the client authenticated by HTTP Basic <c>client_id:client_secret</c> or by <c>client_id</c> + <c>client_secret</c>
    /// in the body (one method only).
    /// </summary>
    private static async Task<(IFormCollection? Form, AppRegistration? App, IResult? Error)> ReadClientRequestAsync(HttpContext http, OAuthStore oauth)
    {
        var (form, formError) = await TryReadFormAsync(http);
        if (form is null)
        {
            return (null, null, OAuthError(400, "invalid_request", formError!));
        }

        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                return (null, null, OAuthError(400, "invalid_request", $"The {name} parameter is repeated."));
            }
        }

        var header = http.Request.Headers.Authorization.ToString();
        var usedBasic = header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        string? clientId = null, secret = null;
        if (usedBasic)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                return (null, null, InvalidClient(http, usedBasic, "Malformed HTTP Basic credentials."));
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (null, null, InvalidClient(http, usedBasic, "HTTP Basic credentials must be client_id:client_secret."));
            }

            clientId = decoded[..colon];
            secret = decoded[(colon + 1)..];
            if (form.ContainsKey("client_secret"))
            {
                return (null, null, OAuthError(400, "invalid_request", "Authenticate the client with one method only: HTTP Basic or client_secret in the body."));
            }

            if (form["client_id"].FirstOrDefault() is { Length: > 0 } bodyId && bodyId != clientId && bodyId != WebUtility.UrlDecode(clientId))
            {
                return (null, null, OAuthError(400, "invalid_request", "The client_id of the body differs from the one of the HTTP Basic credentials."));
            }
        }
        else
        {
            clientId = form["client_id"].FirstOrDefault();
            secret = form["client_secret"].FirstOrDefault();
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return (null, null, InvalidClient(http, usedBasic, "Client authentication is required: HTTP Basic client_id:client_secret, or client_id and client_secret in the body."));
        }

        // RFC 6749 §2.3.1 form-encodes the Basic credentials; most clients send them raw. Both are accepted.
        if (!oauth.Apps.TryGetValue(clientId, out var app) && !(usedBasic && oauth.Apps.TryGetValue(WebUtility.UrlDecode(clientId), out app)))
        {
            return (null, null, InvalidClient(http, usedBasic, "Unknown client."));
        }

        if (string.IsNullOrEmpty(secret)
            || !(SecretMatches(secret, app.ClientSecret) || (usedBasic && SecretMatches(WebUtility.UrlDecode(secret), app.ClientSecret))))
        {
            return (null, null, InvalidClient(http, usedBasic, "Invalid client credentials."));
        }

        var log = RequestLogScope.Of(http);
        log.Credential = "client";
        log.ClientId = app.ClientId;
        return (form, app, null);
    }

    /// <summary>Constant-time comparison (both sides hashed first so the length does not leak either).</summary>
    private static bool SecretMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static IResult InvalidClient(HttpContext http, bool usedBasic, string description)
    {
        if (usedBasic)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"gorgias\", charset=\"UTF-8\"";
        }

        return OAuthError(401, "invalid_client", description);
    }

    /// <summary>Reads an <c>application/x-www-form-urlencoded</c> body, or says why it cannot.</summary>
    private static async Task<(IFormCollection? Form, string? Error)> TryReadFormAsync(HttpContext http)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(FormContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"The request body must be {FormContentType}.");
        }

        try
        {
            return (await http.Request.ReadFormAsync(http.RequestAborted), null);
        }
        catch (InvalidDataException e)
        {
            return (null, "The form body is malformed: " + e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return (null, "The form body could not be read: " + e.Message);
        }
    }

    /// <summary>An RFC 6749 §5.2 error: <c>{"error":"invalid_grant","error_description":"..."}</c>.</summary>
    private static IResult OAuthError(int status, string error, string description) =>
        Respond.Object(status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    /// <summary>False when the parameter is repeated; <paramref name="value"/> is null when absent or empty (RFC 6749 §3.1).</summary>
    private static bool TrySingle(IQueryCollection query, string name, out string? value)
    {
        var values = query[name];
        value = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        return values.Count <= 1;
    }

    /// <summary>Appends parameters to a redirect URI, keeping the query it already has (e.g. <c>?account=acme</c>).</summary>
    internal static string AppendQuery(string uri, IEnumerable<(string Key, string? Value)> parameters)
    {
        var fragment = "";
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = uri[hash..];
            uri = uri[..hash];
        }

        var builder = new StringBuilder(uri);
        var separator = !uri.Contains('?', StringComparison.Ordinal) ? "?" : uri.EndsWith('?') || uri.EndsWith('&') ? "" : "&";
        foreach (var (key, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = "&";
        }

        return builder.Append(fragment).ToString();
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
