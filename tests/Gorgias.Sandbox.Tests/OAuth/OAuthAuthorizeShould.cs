using System.Net;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;
using static Gorgias.Sandbox.Tests.OAuth.OAuthTestKit;

namespace Gorgias.Sandbox.Tests.OAuth;

public sealed class OAuthAuthorizeShould(SandboxFixture fixture)
{
    private SandboxHost Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Sign_in_then_ask_consent_then_redirect_with_a_code_and_the_state()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var browser = new TestBrowser(Sandbox);

        var signIn = await browser.GetAsync(AuthorizeUrl(account.Domain, "openid email offline tickets:read"));
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        signIn.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        signIn.Headers.Location.ShouldBeNull();
        var signInHtml = await signIn.Content.ReadAsStringAsync(Ct);
        signInHtml.ShouldContain("no passwords");
        signInHtml.ShouldContain(account.Admin.Email);
        UserIds(signInHtml).ShouldBe(account.Info.Users.Select(u => u.Id).Order().ToList());
        var signInForm = Forms(signInHtml).Single();
        signInForm.Hidden.Keys.ShouldBe(["request_id", "csrf_token"], ignoreOrder: true);

        var signedIn = await browser.PostFormAsync(signInForm.Action, signInForm.With(("user_id", account.Admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signedIn.Headers.GetValues("Set-Cookie").Single().ShouldContain($"path=/{account.Domain}", Case.Insensitive);

        var consent = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        consent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var consentHtml = await consent.Content.ReadAsStringAsync(Ct);
        consentHtml.ShouldContain("Ticket Autopilot (demo)");
        consentHtml.ShouldContain("View tickets");
        consentHtml.ShouldContain("See your email address");
        consentHtml.ShouldContain("refresh token");
        consentHtml.ShouldContain(account.Admin.Email);
        var consentForm = Forms(consentHtml).First(f => f.Action.EndsWith("/consent", StringComparison.Ordinal));

        var approved = await browser.PostFormAsync(consentForm.Action, consentForm.With(("decision", "approve")));

        approved.StatusCode.ShouldBe(HttpStatusCode.Found);
        var location = approved.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = Query(location);
        query.Keys.ShouldBe(["code", "state"], ignoreOrder: true);
        query["state"].ShouldBe(State);
        var (tokenResponse, tokens) = await ExchangeAsync(Sandbox, account.Domain, query["code"]);
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        Decode(tokens.Text("access_token")).Subject.ShouldBe(account.Admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Show_the_consent_page_at_once_to_a_browser_already_signed_in()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var browser = new TestBrowser(Sandbox);
        await SignInAsync(browser, AuthorizeUrl(account.Domain), agent.Id);

        var second = await browser.GetAsync(AuthorizeUrl(account.Domain, "tickets:read"));

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await second.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Approve");
        html.ShouldContain(agent.Email);
    }

    [Fact]
    public async Task Sign_out_and_sign_in_as_another_user_from_the_consent_page()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var browser = new TestBrowser(Sandbox);
        var (_, html) = await SignInAsync(browser, AuthorizeUrl(account.Domain), account.Admin.Id);
        var signOut = Forms(html).Single(f => f.Action.EndsWith("/sign-out", StringComparison.Ordinal));

        var signedOut = await browser.PostFormAsync(signOut.Action, signOut.With());
        signedOut.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var (consent, consentHtml) = await SignInAsync(browser, signedOut.Headers.Location!.OriginalString, agent.Id);
        consentHtml.ShouldContain(agent.Email);
        var approved = await browser.PostFormAsync(consent.Action, consent.With(("decision", "approve")));

        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, Query(approved.Headers.Location!)["code"]);
        Decode(tokens.Text("access_token")).GetPayloadValue<long>("sub").ShouldBe(agent.Id);
    }

    [Fact]
    public async Task Sign_in_by_email_address()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");
        using var browser = new TestBrowser(Sandbox);
        var page = await browser.GetAsync(AuthorizeUrl(account.Domain));
        var form = Forms(await page.Content.ReadAsStringAsync(Ct)).Single();

        var signedIn = await browser.PostFormAsync(form.Action, form.With(("email", agent.Email.ToUpperInvariant())));
        var consent = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);

        (await consent.Content.ReadAsStringAsync(Ct)).ShouldContain($"({agent.Email})");
    }

    [Fact]
    public async Task Show_the_sign_in_page_again_for_an_unknown_email()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var browser = new TestBrowser(Sandbox);
        var page = await browser.GetAsync(AuthorizeUrl(account.Domain));
        var form = Forms(await page.Content.ReadAsStringAsync(Ct)).Single();

        var refused = await browser.PostFormAsync(form.Action, form.With(("email", "nobody@nowhere.example")));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Headers.Location.ShouldBeNull();
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("No active user of this account matches");
    }

    [Fact]
    public async Task Send_access_denied_with_the_state_when_the_user_denies()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var browser = new TestBrowser(Sandbox);
        var (consent, _) = await SignInAsync(browser, AuthorizeUrl(account.Domain), account.Admin.Id);

        var denied = await browser.PostFormAsync(consent.Action, consent.With(("decision", "deny")));

        denied.StatusCode.ShouldBe(HttpStatusCode.Found);
        var query = Query(denied.Headers.Location!);
        query["error"].ShouldBe("access_denied");
        query["state"].ShouldBe(State);
        query.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task Refuse_a_consent_form_with_a_wrong_antiforgery_token()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var browser = new TestBrowser(Sandbox);
        var (consent, _) = await SignInAsync(browser, AuthorizeUrl(account.Domain), account.Admin.Id);
        var forged = consent.Hidden.Where(h => h.Key != "csrf_token").Append(KeyValuePair.Create("csrf_token", "forged")).Append(KeyValuePair.Create("decision", "approve"));

        var refused = await browser.PostFormAsync(consent.Action, forged);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Headers.Location.ShouldBeNull();
        // The genuine form still works afterwards.
        (await browser.PostFormAsync(consent.Action, consent.With(("decision", "approve")))).StatusCode.ShouldBe(HttpStatusCode.Found);
    }

    [Fact]
    public async Task Refuse_a_consent_form_posted_from_another_browser()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var victim = new TestBrowser(Sandbox);
        using var attacker = new TestBrowser(Sandbox);
        var (consent, _) = await SignInAsync(victim, AuthorizeUrl(account.Domain), account.Admin.Id);

        var refused = await attacker.PostFormAsync(consent.Action, consent.With(("decision", "approve")));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Answer_a_consent_form_only_once()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var browser = new TestBrowser(Sandbox);
        var (consent, _) = await SignInAsync(browser, AuthorizeUrl(account.Domain), account.Admin.Id);

        (await browser.PostFormAsync(consent.Action, consent.With(("decision", "approve")))).StatusCode.ShouldBe(HttpStatusCode.Found);
        var again = await browser.PostFormAsync(consent.Action, consent.With(("decision", "approve")));

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        again.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("redirect")]
    [InlineData("client")]
    [InlineData("account")]
    public async Task Show_an_error_page_and_not_redirect_when_the_request_cannot_be_trusted(string wrong)
    {
        var url = wrong switch
        {
            "redirect" => AuthorizeUrl("acme", redirectUri: "http://127.0.0.1:5080/gorgias/callback/evil"),
            "client" => AuthorizeUrl("acme", clientId: "no-such-app"),
            _ => AuthorizeUrl("no-such-account"),
        };
        using var browser = new TestBrowser(Sandbox);

        var response = await browser.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("not sent back to the app");
    }

    [Theory]
    [InlineData("token", "openid", null, "unsupported_response_type")]
    [InlineData("code", "openid tickets:delete", null, "invalid_scope")]
    [InlineData("code", "", null, "invalid_scope")]
    [InlineData("code", "openid", "plain", "invalid_request")]
    public async Task Redirect_errors_back_to_the_app_once_the_redirect_uri_is_trusted(string responseType, string scope, string? challengeMethod, string error)
    {
        using var browser = new TestBrowser(Sandbox);
        var url = AuthorizeUrl(
            "acme",
            scope,
            responseType: responseType,
            codeChallenge: challengeMethod is null ? null : Pkce().Challenge,
            codeChallengeMethod: challengeMethod);

        var response = await browser.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var query = Query(response.Headers.Location!);
        query["error"].ShouldBe(error);
        query["error_description"].ShouldNotBeNullOrWhiteSpace();
        query["state"].ShouldBe(State);
    }

    [Fact]
    public async Task Accept_plus_separated_scopes()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var url = AuthorizeUrl(account.Domain).Replace("scope=openid%20email%20profile%20offline%20write%3Aall", "scope=openid+email+profile+offline+write:all", StringComparison.Ordinal);
        url.ShouldContain("scope=openid+email");

        var location = await ApproveAsync(Sandbox, url, account.Admin.Id);
        var (_, tokens) = await ExchangeAsync(Sandbox, account.Domain, Query(location)["code"]);

        tokens.Text("scope").ShouldBe("openid email profile offline write:all");
    }

    [Fact]
    public async Task Keep_the_query_the_redirect_uri_already_has()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        const string redirect = "http://127.0.0.1:5080/gorgias/callback?account=acme";
        var app = await Sandbox.Control.RegisterAppAsync(new RegisterAppRequest([redirect], Name: "Query keeper"), Ct);
        using var browser = new TestBrowser(Sandbox);
        var (consent, html) = await SignInAsync(browser, AuthorizeUrl(account.Domain, "tickets:read", clientId: app.ClientId, redirectUri: redirect), account.Admin.Id);
        html.ShouldContain("Query keeper");

        var approved = await browser.PostFormAsync(consent.Action, consent.With(("decision", "approve")));

        var location = approved.Headers.Location!.OriginalString;
        location.ShouldStartWith(redirect + "&code=");
        location.ShouldEndWith("&state=" + State);
        var (response, _) = await PostTokenAsync(
            Sandbox,
            account.Domain,
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = Query(approved.Headers.Location)["code"], ["redirect_uri"] = redirect },
            (app.ClientId, app.ClientSecret));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Approve_at_once_as_the_admin_with_AutoApprove()
    {
        await using var sandbox = await StartSandboxAsync(o => o.AutoApprove = true);
        var admin = (await sandbox.Control.GetAccountAsync("acme", Ct)).Users.First(u => u.Role == "admin");
        using var browser = new TestBrowser(sandbox);

        var response = await browser.GetAsync(AuthorizeUrl("acme", "openid email offline tickets:read"));

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var query = Query(response.Headers.Location!);
        query["state"].ShouldBe(State);
        var (tokenResponse, tokens) = await ExchangeAsync(sandbox, "acme", query["code"]);
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        Decode(tokens.Text("id_token")).GetClaim("email").Value.ShouldBe(admin.Email);
        (await TicketsStatusAsync(sandbox, "acme", tokens.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Still_show_the_error_page_for_a_wrong_redirect_uri_with_AutoApprove()
    {
        await using var sandbox = await StartSandboxAsync(o => o.AutoApprove = true);
        using var browser = new TestBrowser(sandbox);

        var response = await browser.GetAsync(AuthorizeUrl("acme", redirectUri: "https://evil.example/callback"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
    }
}
