using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Api;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;

namespace Gorgias.Sandbox.Control;

/// <summary>
/// Control API for apps and installs (sandbox only): uninstall an app, expire an account's access tokens, install
/// headlessly (tokens without a browser), list and register apps.
/// </summary>
internal static partial class OAuthControlEndpoints
{
    private static readonly HashSet<string> UninstallFields = new(StringComparer.Ordinal) { "revoke_access_tokens" };
    private static readonly HashSet<string> ExpireFields = new(StringComparer.Ordinal) { "client_id" };
    private static readonly HashSet<string> InstallFields = new(StringComparer.Ordinal) { "client_id", "user_id", "scopes" };
    private static readonly HashSet<string> AppFields = new(StringComparer.Ordinal) { "client_id", "client_secret", "name", "app_url", "redirect_uris" };

    [GeneratedRegex("^[A-Za-z0-9._~-]{1,100}\\z")]
    private static partial Regex ClientIdPattern();

    public static RouteGroupBuilder MapOAuthControl(this RouteGroupBuilder control)
    {
        control.MapPost("/accounts/{account}/apps/{clientId}/uninstall", UninstallAsync);
        control.MapPost("/accounts/{account}/tokens/expire", ExpireTokensAsync);
        control.MapPost("/accounts/{account}/installations", InstallAsync);
        control.MapGet("/apps", (OAuthStore oauth) => Results.Ok(oauth.Apps.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal).Select(Describe).ToList()));
        control.MapGet("/apps/{clientId}", (string clientId, OAuthStore oauth) =>
            oauth.Apps.TryGetValue(clientId, out var app) ? Results.Ok(Describe(app)) : AppNotFound(clientId));
        control.MapPost("/apps", RegisterAppAsync);
        return control;
    }

    private static SandboxApp Describe(AppRegistration app) =>
        new(app.ClientId, app.ClientSecret, app.Name, app.AppUrl, [.. app.RedirectUris]);

    private static IResult AppNotFound(string clientId) =>
        Results.NotFound(new { error = new { msg = $"App '{clientId}' is not registered." } });

    private static async Task<IResult> UninstallAsync(
        string account,
        string clientId,
        HttpContext http,
        SandboxStore store,
        OAuthStore oauth,
        OAuthGrants grants,
        TimeProvider clock)
    {
        if (store.Find(account) is null)
        {
            return ControlEndpoints.NotFound(account);
        }

        if (!oauth.Apps.ContainsKey(clientId))
        {
            return AppNotFound(clientId);
        }

        var (body, error) = await RequestBody.ReadObjectAsync(http, allowEmpty: true);
        if (body is null)
        {
            return error!;
        }

        var errors = new FieldErrors();
        var r = new BodyReader(body, errors);
        r.RejectUnknown(UninstallFields);
        var revoke = grants.Options.RevokeAccessTokensOnUninstall;
        if (r.Bool("revoke_access_tokens", out var flag))
        {
            revoke = flag;
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid uninstall request.", errors);
        }

        int revoked;
        lock (grants.Sync)
        {
            revoked = OAuthOperations.Uninstall(oauth, account, clientId, clock.GetUtcNow(), revoke);
        }

        return Results.Ok(new UninstallResult(revoked));
    }

    private static async Task<IResult> ExpireTokensAsync(string account, HttpContext http, SandboxStore store, OAuthStore oauth, OAuthGrants grants)
    {
        if (store.Find(account) is null)
        {
            return ControlEndpoints.NotFound(account);
        }

        var (body, error) = await RequestBody.ReadObjectAsync(http, allowEmpty: true);
        if (body is null)
        {
            return error!;
        }

        var errors = new FieldErrors();
        var r = new BodyReader(body, errors);
        r.RejectUnknown(ExpireFields);
        r.String("client_id", out var clientId);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid expire request.", errors);
        }

        // Each token issued so far is refused by its id: tokens issued afterwards (refresh, reinstall) work again,
        // even within the same second (iat has a one-second resolution).
        var expired = 0;
        lock (grants.Sync)
        {
            foreach (var installation in oauth.ForAccount(account).Where(i => clientId is null || i.ClientId == clientId))
            {
                expired += grants.RevokeAccessTokens(installation);
            }
        }

        return Results.Ok(new ExpireTokensResult(expired));
    }

    private static async Task<IResult> InstallAsync(string account, HttpContext http, SandboxStore store, OAuthStore oauth, OAuthGrants grants)
    {
        var state = store.Find(account);
        if (state is null)
        {
            return ControlEndpoints.NotFound(account);
        }

        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (body is null)
        {
            return error!;
        }

        var errors = new FieldErrors();
        var r = new BodyReader(body, errors);
        r.RejectUnknown(InstallFields);
        if (r.String("client_id", out var clientId, required: true) && !oauth.Apps.ContainsKey(clientId!))
        {
            r.Error("client_id", $"App '{clientId}' is not registered.");
        }

        r.Long("user_id", out var userId);

        var scopes = ReadScopes(body, errors);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid installation.", errors);
        }

        User? user;
        lock (state.Sync)
        {
            user = userId is { } uid ? state.Users.Find(uid) : state.Admin;
        }

        if (user is not { Active: true })
        {
            return ApiErrors.BadRequest("Invalid installation.", "user_id", userId is null ? "The account has no admin." : "No active user with this id on the account.");
        }

        TokenSet issued;
        lock (grants.Sync)
        {
            var installation = grants.Install(account, clientId!, user.Id, scopes);
            issued = grants.IssueForGrant(installation, user, ControlEndpoints.AccountBaseUrl(http, account), nonce: null);
        }

        return Results.Ok(new SandboxTokens(issued.AccessToken, issued.RefreshToken, issued.ExpiresIn, issued.Scope, "Bearer", issued.IdToken, issued.Installation.Id, user.Id));
    }

    /// <summary><c>scopes</c>: an array of scope names or one space-separated string; every scope must be known.</summary>
    private static List<string> ReadScopes(JsonObject body, FieldErrors errors)
    {
        var scopes = new List<string>();
        if (!body.TryGetPropertyValue("scopes", out var node) || node is null)
        {
            errors.Add("scopes", BodyReader.Missing);
            return scopes;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            scopes = OAuthScopes.Parse(node.GetValue<string>());
        }
        else if (node is JsonArray array && array.All(n => n?.GetValueKind() == JsonValueKind.String))
        {
            scopes = OAuthScopes.Parse(string.Join(' ', array.Select(n => n!.GetValue<string>())));
        }
        else
        {
            errors.Add("scopes", "An array of scope names.");
            return scopes;
        }

        if (scopes.Count == 0)
        {
            errors.Add("scopes", "At least one scope.");
        }

        foreach (var scope in scopes.Where(s => !OAuthScopes.IsKnown(s)))
        {
            errors.Add("scopes", $"Unknown scope '{scope}'.");
        }

        return scopes;
    }

    private static async Task<IResult> RegisterAppAsync(HttpContext http, OAuthStore oauth)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (body is null)
        {
            return error!;
        }

        var errors = new FieldErrors();
        var r = new BodyReader(body, errors);
        r.RejectUnknown(AppFields);
        if (r.String("client_id", out var clientId) && !ClientIdPattern().IsMatch(clientId!))
        {
            errors.Add("client_id", "1 to 100 characters: letters, digits, '.', '_', '~', '-'.");
        }

        if (r.String("client_secret", out var secret, maxLength: 200) && secret!.Length == 0)
        {
            errors.Add("client_secret", "Must not be empty.");
        }

        r.String("name", out var name, maxLength: 200);
        r.String("app_url", out var appUrl, maxLength: 2000);
        if (appUrl is { Length: > 0 } && !Uri.TryCreate(appUrl, UriKind.Absolute, out _))
        {
            errors.Add("app_url", "Not a valid absolute URL.");
        }

        var redirects = new List<string>();
        if (!body.TryGetPropertyValue("redirect_uris", out var node) || node is not JsonArray array || array.Count == 0)
        {
            errors.Add("redirect_uris", "At least one redirect URL (an array of absolute URLs).");
        }
        else
        {
            foreach (var item in array)
            {
                if (item?.GetValueKind() != JsonValueKind.String
                    || item.GetValue<string>() is not { } text
                    || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
                    || uri.Scheme is not ("http" or "https")
                    || text.Contains('#', StringComparison.Ordinal))
                {
                    errors.Add("redirect_uris", $"Not an absolute http(s) URL without fragment: {item?.ToJsonString()}.");
                }
                else if (!redirects.Contains(text, StringComparer.Ordinal))
                {
                    redirects.Add(text);
                }
            }
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid app.", errors);
        }

        clientId ??= "app-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var existing = oauth.Apps.GetValueOrDefault(clientId);
        var app = new AppRegistration
        {
            ClientId = clientId,
            ClientSecret = secret ?? existing?.ClientSecret ?? OAuthGrants.RandomToken(),
            Name = string.IsNullOrEmpty(name) ? clientId : name,
            AppUrl = appUrl ?? "",
            RedirectUris = redirects,
        };
        oauth.Apps[clientId] = app;
        return existing is not null ? Results.Ok(Describe(app)) : Results.Created($"/_sandbox/apps/{clientId}", Describe(app));
    }
}
