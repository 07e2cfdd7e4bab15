using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Saas.Web.Tests.Infrastructure;

/// <summary>One HTML form of a page: its action and its hidden fields.</summary>
internal sealed record PageForm(string Action, Dictionary<string, string> Hidden);

/// <summary>What a browser went through: every URL it requested, and the last answer with its body.</summary>
internal sealed record BrowserResult(HttpResponseMessage Response, string Body, IReadOnlyList<Uri> Visited)
{
    public HttpStatusCode Status => Response.StatusCode;

    public Uri LastUri => Visited[^1];
}

/// <summary>
/// A browser for two hosts: keeps cookies, follows redirects itself (so each hop is seen), and drives the
/// sandbox's sign-in and consent pages like a person.
/// </summary>
internal sealed partial class Browser : IDisposable
{
    private readonly HttpClient _http;

    public Browser()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseProxy = false });
    }

    public CookieContainer Cookies { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenPattern();

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url, Ct);

    public Task<HttpResponseMessage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields), Ct);

    /// <summary>GETs <paramref name="url"/> and follows redirects (relative or to another host) to the end.</summary>
    public async Task<BrowserResult> FollowAsync(Uri url, int maxHops = 10)
    {
        var visited = new List<Uri>();
        var response = await GetAsync(url);
        visited.Add(url);
        while (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect && maxHops-- > 0)
        {
            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
            response = await GetAsync(url);
            visited.Add(url);
        }

        return new BrowserResult(response, await response.Content.ReadAsStringAsync(Ct), visited);
    }

    /// <summary>
    /// At the sandbox's authorize URL: signs in as <paramref name="userId"/> and answers the consent page with
    /// <paramref name="decision"/>; returns where the sandbox sends the browser back (the app's callback), not followed.
    /// </summary>
    public async Task<Uri> AuthorizeAsync(Uri authorizeUrl, long userId, string decision = "approve")
    {
        var signIn = await GetAsync(authorizeUrl);
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await signIn.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Sign in to");
        var form = Forms(html).Single();
        var signedIn = await PostFormAsync(new Uri(authorizeUrl, form.Action), With(form, ("user_id", userId.ToString(CultureInfo.InvariantCulture))));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var consentPage = await GetAsync(new Uri(authorizeUrl, signedIn.Headers.Location!));
        consentPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var consentHtml = await consentPage.Content.ReadAsStringAsync(Ct);
        var consent = Forms(consentHtml).First(f => f.Action.EndsWith("/consent", StringComparison.Ordinal));
        var answered = await PostFormAsync(new Uri(authorizeUrl, consent.Action), With(consent, ("decision", decision)));
        answered.StatusCode.ShouldBe(HttpStatusCode.Found);
        return new Uri(authorizeUrl, answered.Headers.Location!);
    }

    /// <summary>GET the app's install URL; returns the redirect to the sandbox's authorize endpoint.</summary>
    public async Task<Uri> StartInstallAsync(Uri app, string account)
    {
        using var response = await GetAsync(new Uri(app, "gorgias/install?account=" + Uri.EscapeDataString(account)));
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        return response.Headers.Location!;
    }

    public static List<PageForm> Forms(string html) =>
        [.. FormPattern().Matches(html).Select(m => new PageForm(
            WebUtility.HtmlDecode(m.Groups["action"].Value),
            HiddenPattern().Matches(m.Groups["body"].Value).ToDictionary(h => h.Groups["name"].Value, h => WebUtility.HtmlDecode(h.Groups["value"].Value))))];

    private static IEnumerable<KeyValuePair<string, string>> With(PageForm form, params (string Key, string Value)[] fields) =>
        form.Hidden.Concat(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    public static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));

    public void Dispose() => _http.Dispose();
}
