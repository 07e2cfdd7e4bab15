using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Gorgias.Sandbox.Tests.OAuth.OAuthTestKit;

namespace Gorgias.Sandbox.Tests.OAuth;

public sealed class OAuthTokenShould(SandboxFixture fixture)
{
    private SandboxHost Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Exchange_a_code_for_the_documented_token_response()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id);

        var (response, body) = await ExchangeAsync(Sandbox, account.Domain, code);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.Pragma.ToString().ShouldBe("no-cache");
        response.Headers.Contains("X-Gorgias-Account-Api-Call-Limit").ShouldBeFalse();
        body.Select(p => p.Key).ShouldBe(["access_token", "expires_in", "id_token", "refresh_token", "scope", "token_type"]);
        body["expires_in"]!.GetValue<int>().ShouldBe(86400);
        body.Text("token_type").ShouldBe("Bearer");
        body.Text("scope").ShouldBe("openid email profile offline write:all");
    }

    [Fact]
    public async Task Issue_an_access_token_with_the_Gorgias_claims()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read customers:write");

        var (_, body) = await ExchangeAsync(Sandbox, account.Domain, code);

        var jwt = Decode(body.Text("access_token"));
        jwt.Alg.ShouldBe("RS256");
        jwt.Kid.ShouldNotBeNullOrEmpty();
        var accountBase = Sandbox.BaseAddress.ToString().TrimEnd('/') + "/" + account.Domain;
        jwt.Issuer.ShouldBe(accountBase);
        jwt.GetPayloadValue<string>("aud").ShouldBe(accountBase + "/api");
        jwt.GetPayloadValue<string>("aud").ShouldEndWith($"/{account.Domain}/api");
        jwt.GetPayloadValue<long>("sub").ShouldBe(account.Admin.Id);
        jwt.GetPayloadValue<string>("azp").ShouldBe(ClientId);
        jwt.GetPayloadValue<string>("scope").ShouldBe("offline tickets:read customers:write");
        jwt.Id.ShouldNotBeNullOrEmpty();
        var iat = jwt.GetPayloadValue<long>("iat");
        (jwt.GetPayloadValue<long>("exp") - iat).ShouldBe(86400);
        body.ContainsKey("id_token").ShouldBeFalse();
    }

    [Fact]
    public async Task Issue_an_id_token_only_with_openid_carrying_nonce_email_and_name()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var agent = account.Info.Users.First(u => u.Role == "agent");

        var (_, full) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, agent.Id, "openid email profile tickets:read"));
        var (_, bare) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, agent.Id, "openid tickets:read"));
        var (_, none) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, agent.Id, "email profile tickets:read"));

        var idToken = Decode(full.Text("id_token"));
        idToken.Alg.ShouldBe("RS256");
        idToken.Audiences.ShouldBe([ClientId]);
        System.Text.Json.Nodes.JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(idToken.EncodedPayload))!["aud"]!.ToJsonString().ShouldBe($"[\"{ClientId}\"]");
        idToken.GetPayloadValue<string>("nonce").ShouldBe(Nonce);
        idToken.GetPayloadValue<string>("email").ShouldBe(agent.Email);
        idToken.GetPayloadValue<string>("name").ShouldBe(agent.Name);
        idToken.GetPayloadValue<long>("sub").ShouldBe(agent.Id);
        idToken.GetPayloadValue<string>("at_hash").ShouldNotBeNullOrEmpty();
        var bareToken = Decode(bare.Text("id_token"));
        bareToken.TryGetPayloadValue<string>("email", out _).ShouldBeFalse();
        bareToken.TryGetPayloadValue<string>("name", out _).ShouldBeFalse();
        none.ContainsKey("id_token").ShouldBeFalse();
    }

    [Fact]
    public async Task Issue_a_refresh_token_only_with_offline()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var (_, without) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read"));

        without.ContainsKey("refresh_token").ShouldBeFalse();
        without.Text("scope").ShouldBe("tickets:read");
    }

    [Fact]
    public async Task Let_the_access_token_call_the_api_of_its_account_only()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var other = await fixture.NewAccountAsync(tickets: 0);
        var (_, body) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read"));
        var token = body.Text("access_token");

        (await TicketsStatusAsync(Sandbox, account.Domain, token)).ShouldBe(HttpStatusCode.OK);
        (await TicketsStatusAsync(Sandbox, other.Domain, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Enforce_the_resource_scopes_on_the_api()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, tickets) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read"));
        var (_, customers) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "customers:read"));

        (await TicketsStatusAsync(Sandbox, account.Domain, tickets.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
        using var client = TestAccount.BearerClient(Sandbox, account.Domain, customers.Text("access_token"));
        var refused = await client.GetAsync("api/tickets", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("tickets:read");
    }

    [Fact]
    public async Task Accept_the_client_secret_in_the_body()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read");

        var (response, body) = await PostTokenAsync(Sandbox, account.Domain, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.Text("access_token").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Refuse_a_wrong_client_secret_with_401_invalid_client()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read");
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri };

        var (basic, basicBody) = await PostTokenAsync(Sandbox, account.Domain, form, (ClientId, "wrong"));
        var (post, postBody) = await PostTokenAsync(Sandbox, account.Domain, new Dictionary<string, string>(form) { ["client_id"] = ClientId, ["client_secret"] = "wrong" });
        var (none, noneBody) = await PostTokenAsync(Sandbox, account.Domain, form);

        basic.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        basicBody.Text("error").ShouldBe("invalid_client");
        basic.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Basic");
        post.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        postBody.Text("error").ShouldBe("invalid_client");
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        noneBody.Text("error").ShouldBe("invalid_client");
        // The code was not spent by the refused attempts.
        (await ExchangeAsync(Sandbox, account.Domain, code)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refuse_two_client_authentication_methods_at_once()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read");

        var (response, body) = await PostTokenAsync(
            Sandbox,
            account.Domain,
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["client_secret"] = ClientSecret },
            (ClientId, ClientSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Refuse_a_body_that_is_not_form_encoded()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{account.Domain}/oauth/token")
        {
            Content = new StringContent("""{"grant_type":"authorization_code","code":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));

        var response = await Sandbox.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!.GetValue<string>().ShouldBe("invalid_request");
    }

    [Theory]
    [InlineData("client_credentials", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task Refuse_an_unsupported_or_missing_grant_type(string grantType, string error)
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var (response, body) = await PostTokenAsync(Sandbox, account.Domain, new Dictionary<string, string> { ["grant_type"] = grantType }, (ClientId, ClientSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe(error);
    }

    [Fact]
    public async Task Refuse_a_redirect_uri_that_differs_from_the_authorize_one()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read");

        var (response, body) = await ExchangeAsync(Sandbox, account.Domain, code, redirectUri: RedirectUri + "?x=1");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Check_the_pkce_verifier()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (verifier, challenge) = Pkce();
        var missingCode = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read", challenge);
        var wrongCode = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read", challenge);
        var goodCode = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read", challenge);

        var (missing, missingBody) = await ExchangeAsync(Sandbox, account.Domain, missingCode);
        var (wrong, wrongBody) = await ExchangeAsync(Sandbox, account.Domain, wrongCode, verifier: Pkce().Verifier);
        var (good, _) = await ExchangeAsync(Sandbox, account.Domain, goodCode, verifier: verifier);

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missingBody.Text("error").ShouldBe("invalid_grant");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrongBody.Text("error").ShouldBe("invalid_grant");
        good.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refuse_a_reused_code_and_revoke_the_tokens_it_gave()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read");
        var (_, first) = await ExchangeAsync(Sandbox, account.Domain, code);
        (await TicketsStatusAsync(Sandbox, account.Domain, first.Text("access_token"))).ShouldBe(HttpStatusCode.OK);

        var (again, againBody) = await ExchangeAsync(Sandbox, account.Domain, code);

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        againBody.Text("error").ShouldBe("invalid_grant");
        (await TicketsStatusAsync(Sandbox, account.Domain, first.Text("access_token"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(Sandbox, account.Domain, first.Text("refresh_token"))).Body.Text("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Refuse_a_code_at_another_account_token_endpoint()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var other = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read");

        var (response, body) = await ExchangeAsync(Sandbox, other.Domain, code);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("invalid_grant");
        (await ExchangeAsync(Sandbox, account.Domain, code)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refuse_a_code_after_ten_minutes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await StartSandboxAsync(clock: clock);
        var admin = await AdminIdAsync(sandbox, "acme");
        var code = await CodeAsync(sandbox, "acme", admin, "tickets:read");
        var fresh = await CodeAsync(sandbox, "acme", admin, "tickets:read");

        clock.Advance(TimeSpan.FromMinutes(9));
        (await ExchangeAsync(sandbox, "acme", fresh)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var (response, body) = await ExchangeAsync(sandbox, "acme", code);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("invalid_grant");
        body.Text("error_description").ShouldContain("expired");
    }

    [Fact]
    public async Task Refresh_without_returning_a_new_refresh_token()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, first) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "openid offline tickets:read"));

        var (response, refreshed) = await RefreshAsync(Sandbox, account.Domain, first.Text("refresh_token"));
        var (_, again) = await RefreshAsync(Sandbox, account.Domain, first.Text("refresh_token"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        refreshed.Select(p => p.Key).ShouldBe(["access_token", "expires_in", "scope", "token_type"]);
        refreshed.Text("scope").ShouldBe("openid offline tickets:read");
        refreshed.Text("access_token").ShouldNotBe(first.Text("access_token"));
        (await TicketsStatusAsync(Sandbox, account.Domain, refreshed.Text("access_token"))).ShouldBe(HttpStatusCode.OK);
        again.Text("access_token").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Refuse_a_refresh_token_at_another_account_or_for_another_client()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var other = await fixture.NewAccountAsync(tickets: 0);
        var app = await Sandbox.Control.RegisterAppAsync(new Control.RegisterAppRequest(["http://127.0.0.1:5080/other"]), Ct);
        var (_, first) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = first.Text("refresh_token") };

        var (_, elsewhere) = await RefreshAsync(Sandbox, other.Domain, first.Text("refresh_token"));
        var (_, otherClient) = await PostTokenAsync(Sandbox, account.Domain, form, (app.ClientId, app.ClientSecret));
        var (_, unknown) = await RefreshAsync(Sandbox, account.Domain, "not-a-refresh-token");

        elsewhere.Text("error").ShouldBe("invalid_grant");
        otherClient.Text("error").ShouldBe("invalid_grant");
        unknown.Text("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Rotate_refresh_tokens_when_configured()
    {
        await using var sandbox = await StartSandboxAsync(o => o.RotateRefreshTokens = true);
        var admin = await AdminIdAsync(sandbox, "acme");
        var (_, first) = await ExchangeAsync(sandbox, "acme", await CodeAsync(sandbox, "acme", admin, "offline tickets:read"));

        var (_, rotated) = await RefreshAsync(sandbox, "acme", first.Text("refresh_token"));
        var (_, old) = await RefreshAsync(sandbox, "acme", first.Text("refresh_token"));
        var (newResponse, _) = await RefreshAsync(sandbox, "acme", rotated.Text("refresh_token"));

        rotated.Text("refresh_token").ShouldNotBe(first.Text("refresh_token"));
        old.Text("error").ShouldBe("invalid_grant");
        newResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Answer_the_injected_status_and_issue_nothing_while_the_token_endpoint_fault_is_on()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var code = await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read");
        var state = Sandbox.Services.GetRequiredService<SandboxStore>().Find(account.Domain)!;
        lock (state.Faults.Sync)
        {
            state.Faults.TokenEndpointStatus = 503;
        }

        var (response, body) = await ExchangeAsync(Sandbox, account.Domain, code);
        var installationsDuringFault = (await Sandbox.Control.GetAccountAsync(account.Domain, Ct)).Installations.Count;
        lock (state.Faults.Sync)
        {
            state.Faults.TokenEndpointStatus = null;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.Text("error").ShouldBe("temporarily_unavailable");
        body.ContainsKey("access_token").ShouldBeFalse();
        installationsDuringFault.ShouldBe(0);
        (await ExchangeAsync(Sandbox, account.Domain, code)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Publish_a_jwks_that_validates_the_tokens()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, body) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "tickets:read"));
        var discovery = JsonNode.Parse(await Sandbox.Http.GetStringAsync($"{account.Domain}/.well-known/openid-configuration", Ct))!;
        var accountBase = Sandbox.BaseAddress.ToString().TrimEnd('/') + "/" + account.Domain;
        discovery["issuer"]!.GetValue<string>().ShouldBe(accountBase);
        discovery["token_endpoint"]!.GetValue<string>().ShouldBe(accountBase + "/oauth/token");
        var jwksUri = discovery["jwks_uri"]!.GetValue<string>();

        var jwks = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await Sandbox.Http.GetStringAsync(jwksUri, Ct));
        jwks.Keys.Single().HasPrivateKey.ShouldBeFalse();
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(body.Text("access_token"), new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = accountBase,
            ValidAudience = accountBase + "/api",
            ValidateLifetime = false,
        });

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
    }

    [Fact]
    public async Task Reinstall_into_the_same_installation()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        var (_, first) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read"));

        var (_, second) = await ExchangeAsync(Sandbox, account.Domain, await CodeAsync(Sandbox, account.Domain, account.Admin.Id, "offline tickets:read customers:read"));

        var installations = (await Sandbox.Control.GetAccountAsync(account.Domain, Ct)).Installations;
        installations.Count.ShouldBe(1);
        installations[0].Scopes.ShouldBe(["offline", "tickets:read", "customers:read"]);
        second.Text("refresh_token").ShouldBe(first.Text("refresh_token"));
        (await RefreshAsync(Sandbox, account.Domain, first.Text("refresh_token"))).Body.Text("scope").ShouldBe("offline tickets:read customers:read");
    }
}
