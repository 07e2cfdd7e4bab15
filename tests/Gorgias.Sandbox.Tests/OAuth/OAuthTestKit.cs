using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gorgias.Sandbox.Tests.OAuth;

/// <summary>A browser: keeps cookies, never follows redirects (so 302s are seen).</summary>
internal sealed class TestBrowser : IDisposable
{
    private readonly HttpClient _http;

    public TestBrowser(SandboxHost sandbox)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = sandbox.BaseAddress,
        };
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public void Dispose() => _http.Dispose();
}

/// <summary>One HTML form of a page: its action and its hidden fields.</summary>
internal sealed record PageForm(string Action, Dictionary<string, string> Hidden);

/// <summary>Helpers to drive the OAuth flow like an app and a person would.</summary>
internal static partial class OAuthTestKit
{
    public const string ClientId = "demo-app";
    public const string ClientSecret = "demo-secret";
    public const string RedirectUri = "http://127.0.0.1:5080/gorgias/callback";
    public const string State = "state-xyz";
    public const string Nonce = "nonce-123";

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenPattern();

    [GeneratedRegex("name=\"user_id\" value=\"(?<id>\\d+)\"")]
    private static partial Regex UserIdPattern();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string AuthorizeUrl(
        string account,
        string scope = "openid email profile offline write:all",
        string? state = State,
        string? nonce = Nonce,
        string? codeChallenge = null,
        string clientId = ClientId,
        string redirectUri = RedirectUri,
        string responseType = "code",
        string? codeChallengeMethod = "S256")
    {
        var query = new List<string>
        {
            "response_type=" + Uri.EscapeDataString(responseType),
            "client_id=" + Uri.EscapeDataString(clientId),
            "scope=" + Uri.EscapeDataString(scope),
            "redirect_uri=" + Uri.EscapeDataString(redirectUri),
        };
        if (state is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(state));
        }

        if (nonce is not null)
        {
            query.Add("nonce=" + Uri.EscapeDataString(nonce));
        }

        if (codeChallenge is not null)
        {
            query.Add("code_challenge=" + Uri.EscapeDataString(codeChallenge));
            if (codeChallengeMethod is not null)
            {
                query.Add("code_challenge_method=" + codeChallengeMethod);
            }
        }

        return $"{account}/oauth/authorize?{string.Join('&', query)}";
    }

    /// <summary>A sandbox of its own with small seeded accounts <c>acme</c> and <c>globex</c>.</summary>
    public static Task<SandboxHost> StartSandboxAsync(Action<SandboxOptions>? configure = null, TimeProvider? clock = null) =>
        SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new(StringComparer.Ordinal)
                {
                    ["acme"] = new AccountSeedOptions { Tickets = 3, Customers = 2, Agents = 2 },
                    ["globex"] = new AccountSeedOptions { Tickets = 3, Customers = 2, Agents = 2 },
                };
                configure?.Invoke(o);
            },
            clock,
            Ct);

    public static async Task<long> AdminIdAsync(SandboxHost sandbox, string account) =>
        (await sandbox.Control.GetAccountAsync(account, Ct)).Users.First(u => u.Role == "admin").Id;

    public static List<PageForm> Forms(string html) =>
        [.. FormPattern().Matches(html).Select(m => new PageForm(
            WebUtility.HtmlDecode(m.Groups["action"].Value),
            HiddenPattern().Matches(m.Groups["body"].Value).ToDictionary(h => h.Groups["name"].Value, h => WebUtility.HtmlDecode(h.Groups["value"].Value))))];

    public static List<long> UserIds(string html) =>
        [.. UserIdPattern().Matches(html).Select(m => long.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture))];

    public static IEnumerable<KeyValuePair<string, string>> With(this PageForm form, params (string Key, string Value)[] fields) =>
        form.Hidden.Concat(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>GET authorize → sign-in page → sign in as <paramref name="userId"/> → consent page (returned with its HTML).</summary>
    public static async Task<(PageForm Consent, string Html)> SignInAsync(TestBrowser browser, string authorizeUrl, long userId)
    {
        var signIn = await browser.GetAsync(authorizeUrl);
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await signIn.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Sign in to");
        var form = Forms(html).Single();
        var signedIn = await browser.PostFormAsync(form.Action, form.With(("user_id", userId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var again = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var consentHtml = await again.Content.ReadAsStringAsync(Ct);
        consentHtml.ShouldContain("Approve");
        return (Forms(consentHtml).First(f => f.Action.EndsWith("/consent", StringComparison.Ordinal)), consentHtml);
    }

    /// <summary>The whole browser flow, approved by <paramref name="userId"/>; returns the redirect back to the app.</summary>
    public static async Task<Uri> ApproveAsync(SandboxHost sandbox, string authorizeUrl, long userId)
    {
        using var browser = new TestBrowser(sandbox);
        var (consent, _) = await SignInAsync(browser, authorizeUrl, userId);
        var approved = await browser.PostFormAsync(consent.Action, consent.With(("decision", "approve")));
        approved.StatusCode.ShouldBe(HttpStatusCode.Found);
        return approved.Headers.Location!;
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));

    /// <summary>An authorization code for the demo app approved by the account's admin.</summary>
    public static async Task<string> CodeAsync(SandboxHost sandbox, string account, long userId, string scope = "openid email profile offline write:all", string? codeChallenge = null)
    {
        var location = await ApproveAsync(sandbox, AuthorizeUrl(account, scope, codeChallenge: codeChallenge), userId);
        return Query(location)["code"];
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostTokenAsync(
        SandboxHost sandbox,
        string account,
        IEnumerable<KeyValuePair<string, string>> form,
        (string Id, string Secret)? basic = null,
        string path = "oauth/token")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{account}/{path}") { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Id}:{credentials.Secret}")));
        }

        var response = await sandbox.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response, (JsonObject)JsonNode.Parse(text)!);
    }

    public static Task<(HttpResponseMessage Response, JsonObject Body)> ExchangeAsync(SandboxHost sandbox, string account, string code, string? verifier = null, string redirectUri = RedirectUri)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return PostTokenAsync(sandbox, account, form, (ClientId, ClientSecret));
    }

    public static Task<(HttpResponseMessage Response, JsonObject Body)> RefreshAsync(SandboxHost sandbox, string account, string refreshToken) =>
        PostTokenAsync(sandbox, account, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, (ClientId, ClientSecret));

    public static Task<(HttpResponseMessage Response, JsonObject Body)> RevokeAsync(SandboxHost sandbox, string account, string token) =>
        PostTokenAsync(sandbox, account, new Dictionary<string, string> { ["token"] = token }, (ClientId, ClientSecret), "oauth/revoke");

    /// <summary>The status of <c>GET /{account}/api/tickets</c> with the token.</summary>
    public static async Task<HttpStatusCode> TicketsStatusAsync(SandboxHost sandbox, string account, string accessToken)
    {
        using var client = Infrastructure.TestAccount.BearerClient(sandbox, account, accessToken);
        using var response = await client.GetAsync("api/tickets", Ct);
        return response.StatusCode;
    }

    public static string Text(this JsonObject body, string name) => body[name]!.GetValue<string>();

    public static JsonWebToken Decode(string token) => new JsonWebTokenHandler().ReadJsonWebToken(token);

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}
