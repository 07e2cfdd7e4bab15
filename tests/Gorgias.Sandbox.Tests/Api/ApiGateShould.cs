using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Api;

public sealed class ApiGateShould(SandboxFixture fixture)
{
    [Fact]
    public async Task Refuse_a_request_without_credentials_with_a_Gorgias_error_body()
    {
        var response = await fixture.Sandbox.Http.GetAsync("acme/api/tickets", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        body["error"]!["msg"]!.GetValue<string>().ShouldContain("Authentication required");
    }

    [Fact]
    public async Task Refuse_a_wrong_api_key()
    {
        var account = await fixture.Sandbox.Control.GetAccountAsync("acme", TestContext.Current.CancellationToken);
        using var client = TestAccount.ApiClient(fixture.Sandbox, "acme", account.Users[0].Email, "not-the-key");

        var response = await client.GetAsync("api/tickets", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Serve_an_api_key_request_with_the_call_limit_header()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var client = account.AdminApi();

        var response = await client.GetAsync("api/tickets", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Gorgias-Account-Api-Call-Limit").Single().ShouldBe("1/40");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        body["object"]!.GetValue<string>().ShouldBe("list");
        body["uri"]!.GetValue<string>().ShouldBe("/api/tickets");
        body["meta"]!["next_cursor"].ShouldBeNull();
    }

    [Fact]
    public async Task Answer_404_for_an_unknown_account_and_an_unknown_path()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var client = account.AdminApi();

        (await fixture.Sandbox.Http.GetAsync("nope/api/tickets", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unknown = await client.GetAsync("api/widgetz", TestContext.Current.CancellationToken);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"error":{"msg":"Resource not found."}}""");
    }

    [Fact]
    public async Task Reject_unknown_query_parameters_and_bad_limits_with_400()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var client = account.AdminApi();

        var unknown = await client.GetAsync("api/tickets?colour=red", TestContext.Current.CancellationToken);
        var tooMany = await client.GetAsync("api/tickets?limit=101", TestContext.Current.CancellationToken);

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"colour\":[\"Unknown field.\"]");
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMany.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"limit\"");
    }
}
