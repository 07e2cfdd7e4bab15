using System.Net;
using Microsoft.Extensions.Time.Testing;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests;

/// <summary>What the install refuses: bad accounts before anything happens, bad callbacks before any token request.</summary>
public sealed class InstallRejectionsShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("account=evil.com%2Fx")]
    [InlineData("account=evil.com/x")]
    [InlineData("account=Acme")]
    [InlineData("account=acme.gorgias.com")]
    [InlineData("account=")]
    [InlineData("")]
    [InlineData("account=acme%0A")]
    [InlineData("account=acme&account=globex")]
    [InlineData("account=0123456789012345678901234567890123456789012345678901234567890abc")]
    public async Task Answer_a_malformed_account_with_a_400_page_no_redirect_and_no_outbound_request(string query)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();

        using var response = await browser.GetAsync(new Uri(app.BaseAddress, "gorgias/install?" + query));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("not a Gorgias account");
        html.ShouldNotContain("<script", Case.Insensitive);
        browser.Cookies.GetAllCookies().ShouldBeEmpty();
        app.Outgoing.All.ShouldBeEmpty();
        (await app.RequestLogAsync("acme")).ShouldBeEmpty();
        (await app.RequestLogAsync("globex")).ShouldBeEmpty();
        (await app.TenantsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Encode_what_it_shows_of_a_malformed_account()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();

        using var response = await browser.GetAsync(new Uri(app.BaseAddress, "gorgias/install?account=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public async Task Refuse_a_callback_without_state_before_any_token_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();

        var result = await browser.FollowAsync(new Uri(app.BaseAddress, "gorgias/callback?code=some-code"));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("This install link is not valid");
        await ShouldHaveStoredNothingAndExchangedNoCodeAsync(app);
    }

    [Fact]
    public async Task Refuse_a_tampered_state_before_any_token_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);
        var state = Browser.Query(callback)["state"];
        var tampered = state[..20] + (state[20] == 'A' ? 'B' : 'A') + state[21..];

        var result = await browser.FollowAsync(new Uri(callback.ToString().Replace(Uri.EscapeDataString(state), Uri.EscapeDataString(tampered), StringComparison.Ordinal)));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("This install link is not valid");
        await ShouldHaveStoredNothingAndExchangedNoCodeAsync(app);
    }

    [Fact]
    public async Task Refuse_a_state_issued_for_another_account_before_any_token_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);

        var result = await browser.FollowAsync(new Uri(callback + "&account=globex"));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("different Gorgias account");
        await ShouldHaveStoredNothingAndExchangedNoCodeAsync(app);
        (await app.TokenRequestsAsync("globex")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refuse_a_callback_whose_issuer_is_another_account_before_any_token_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);

        var result = await browser.FollowAsync(new Uri(callback + "&iss=" + Uri.EscapeDataString(app.Sandbox.AccountBaseAddress("globex").ToString())));

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("different Gorgias account");
        await ShouldHaveStoredNothingAndExchangedNoCodeAsync(app);
    }

    [Fact]
    public async Task Refuse_a_callback_opened_in_another_browser_before_any_token_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);
        using var other = new Browser();

        var result = await other.FollowAsync(callback);

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("different browser");
        await ShouldHaveStoredNothingAndExchangedNoCodeAsync(app);
    }

    [Fact]
    public async Task Refuse_a_replayed_callback_before_any_second_token_request()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);
        (await browser.FollowAsync(callback)).Body.ShouldContain("installed on acme");

        var replay = await browser.FollowAsync(callback);

        replay.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.TokenRequestsAsync()).ShouldHaveSingleItem().Detail.ShouldBe("grant_type=authorization_code");

        // The code was not presented twice, so Gorgias had no reason to revoke the grant: the install still works.
        (await app.LiveInstallationsAsync()).ShouldHaveSingleItem();
        (await app.TenantsAsync()).ShouldHaveSingleItem().State.ShouldBe(Core.Tenancy.TenantState.Active);
    }

    [Fact]
    public async Task Refuse_a_replayed_state_even_with_its_correlation_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new Browser();
        var callback = await CallbackAsync(app, browser);
        var correlation = browser.Cookies.GetCookies(callback).Single(c => c.Name.StartsWith(".Saas.Gorgias.Correlation.", StringComparison.Ordinal));
        (await browser.FollowAsync(callback)).Body.ShouldContain("installed on acme");

        // An attacker who captured both the callback URL and the cookie.
        using var attacker = new Browser();
        attacker.Cookies.Add(callback, new Cookie(correlation.Name, correlation.Value, correlation.Path));
        var replay = await attacker.FollowAsync(callback);

        replay.Status.ShouldBe(HttpStatusCode.BadRequest);
        replay.Body.ShouldContain("already used");
        (await app.TokenRequestsAsync()).ShouldHaveSingleItem().Detail.ShouldBe("grant_type=authorization_code");
        (await app.LiveInstallationsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Refuse_an_expired_state_before_any_token_request()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => o.Clock = clock);
        using var browser = new Browser();
        var authorize = await browser.StartInstallAsync(app.BaseAddress, "acme");
        var callback = await browser.AuthorizeAsync(authorize, await app.AdminIdAsync());
        clock.Advance(TimeSpan.FromMinutes(16));

        var result = await browser.FollowAsync(callback);

        result.Status.ShouldBe(HttpStatusCode.BadRequest);
        result.Body.ShouldContain("expired");
        await ShouldHaveStoredNothingAndExchangedNoCodeAsync(app);
    }

    /// <summary>Starts an install and approves it at the sandbox; returns the callback URL, not yet visited.</summary>
    private static async Task<Uri> CallbackAsync(TestApp app, Browser browser)
    {
        var authorize = await browser.StartInstallAsync(app.BaseAddress, "acme");
        return await browser.AuthorizeAsync(authorize, await app.AdminIdAsync());
    }

    private static async Task ShouldHaveStoredNothingAndExchangedNoCodeAsync(TestApp app)
    {
        (await app.TokenRequestsAsync()).ShouldBeEmpty();
        app.Outgoing.All.ShouldBeEmpty();
        (await app.TenantsAsync()).ShouldBeEmpty();
        (await app.IntegrationsAsync()).ShouldBeEmpty();
        app.SecretFiles().ShouldBeEmpty();
    }
}
