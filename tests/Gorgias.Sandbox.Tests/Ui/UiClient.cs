using System.Net;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Gorgias.Sandbox.Tests.Ui;

/// <summary>A browser-like client for the helpdesk pages: keeps cookies, does not follow redirects, scrapes form tokens.</summary>
internal sealed partial class UiClient : IDisposable
{
    private readonly HttpClient _http;

    public UiClient(SandboxHost sandbox)
    {
        Sandbox = sandbox;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = sandbox.BaseAddress,
        };
    }

    public SandboxHost Sandbox { get; }

    public SandboxStore Store => Sandbox.Services.GetRequiredService<SandboxStore>();

    public OAuthStore OAuth => Sandbox.Services.GetRequiredService<OAuthStore>();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Loads the page holding the form and returns its antiforgery token (the cookie is kept).</summary>
    public async Task<string> TokenFromAsync(string formPage)
    {
        var (response, body) = await GetAsync(formPage);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var match = TokenField().Match(body);
        match.Success.ShouldBeTrue("the form has an antiforgery token field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(all);
        var response = await _http.PostAsync(path, content, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => _http.Dispose();
}
