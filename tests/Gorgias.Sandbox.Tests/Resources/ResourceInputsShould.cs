using System.Net;
using System.Text;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;

namespace Gorgias.Sandbox.Tests.Resources;

/// <summary>Odd input on every write endpoint of the resources: always a clear 4xx, never a 5xx (own sandbox: no rate limit).</summary>
public sealed class ResourceInputsShould
{
    private static Task<SandboxHost> StartAsync() =>
        SandboxHost.StartAsync(
            o =>
            {
                o.RateLimits.Enabled = false;
                o.SeedOnStart = false;
            },
            cancellationToken: TestContext.Current.CancellationToken);

    private static readonly string[] OddBodies =
    [
        "\"just a string\"",
        "123",
        "1e400",
        "null",
        "[1, 2]",
        "[[]]",
        "{",
        "{\"a\": 1, \"a\": 2}",
        "{\"unknown_field_xyz\": 1}",
        """{"email": [1], "name": {"a": 1}, "id": "x", "ticket_id": 1e400, "members": [[]], "definition": "x", "label": 5, "value": {}, "ids": {}, "role": []}""",
        """{"email": -1, "score": 99999999999999999999999, "priority": 1.5, "customer_id": true, "timezone": 7, "channels": [{"type": [], "address": {}}]}""",
        new string('[', 200) + new string(']', 200),
        "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\"}",
    ];

    [Fact]
    public async Task Answer_odd_bodies_with_a_4xx_on_every_write_endpoint()
    {
        await using var sandbox = await StartAsync();
        var account = await TestAccount.CreateAsync(sandbox, "odd", tickets: 0);
        using var api = account.AdminApi();
        var customer = await api.NewCustomerAsync("""{"email": "odd@shop.example"}""");
        var other = await api.NewCustomerAsync("{}");
        var ticket = account.CreateTicket(customer);
        var survey = (await api.PostJsonAsync("api/satisfaction-surveys", $$"""{"ticket_id": {{ticket}}, "customer_id": {{customer}}}""")).Id;
        var team = (await api.PostJsonAsync("api/teams", """{"name": "Odd"}""")).Id;
        var field = (await api.PostJsonAsync("api/custom-fields", """
            {"label": "Odd", "object_type": "Customer", "definition": {"data_type": "text", "input_settings": {"input_type": "input"}}}
            """)).Id;
        var agent = account.Info.Users.First(u => u.Role == "agent").Id;
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Post, "api/customers"),
            (HttpMethod.Put, $"api/customers/{customer}"),
            (HttpMethod.Delete, "api/customers"),
            (HttpMethod.Put, $"api/customers/merge?source_id={other}&target_id={customer}"),
            (HttpMethod.Put, $"api/customers/{customer}/data"),
            (HttpMethod.Put, $"api/customers/{customer}/custom-fields"),
            (HttpMethod.Put, $"api/customers/{customer}/custom-fields/{field}"),
            (HttpMethod.Post, "api/users"),
            (HttpMethod.Put, $"api/users/{agent}"),
            (HttpMethod.Put, "api/users/0"),
            (HttpMethod.Post, "api/teams"),
            (HttpMethod.Put, $"api/teams/{team}"),
            (HttpMethod.Post, "api/satisfaction-surveys"),
            (HttpMethod.Put, $"api/satisfaction-surveys/{survey}"),
            (HttpMethod.Post, "api/custom-fields"),
            (HttpMethod.Put, "api/custom-fields"),
            (HttpMethod.Put, $"api/custom-fields/{field}"),
        ];

        var failures = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            foreach (var body in OddBodies)
            {
                var answer = await api.SendAsync(method, path, body);
                if (answer.Status is not (HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge) || answer.Body?["error"]?["msg"] is null)
                {
                    failures.Add($"{method} {path} {body[..Math.Min(body.Length, 60)]} → {(int)answer.Status} {answer.Raw[..Math.Min(answer.Raw.Length, 200)]}");
                }
            }
        }

        failures.ShouldBeEmpty();
        (await api.GetJsonAsync($"api/customers/{other}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Answer_odd_query_strings_and_paths_without_a_5xx()
    {
        await using var sandbox = await StartAsync();
        var account = await TestAccount.CreateAsync(sandbox, "odd", tickets: 0);
        using var api = account.AdminApi();
        string[] urls =
        [
            "api/customers?limit=abc", "api/customers?limit=-1", "api/customers?cursor=garbage", "api/customers?order_by=created_datetime:sideways",
            "api/customers?email=%00&email=b", "api/customers/99999999999999999999999", "api/users/-1", "api/users/0?x=1",
            "api/customers/merge?source_id=1e5&target_id=2", "api/teams?order_by=", "api/satisfaction-surveys?limit=1000000000000",
            "api/custom-fields?object_type=Ticket&object_type=Customer", "api/customers/1/custom-fields/abc", "api/account/settings?cursor=x",
        ];

        foreach (var url in urls)
        {
            var answer = await api.GetJsonAsync(url);
            ((int)answer.Status).ShouldBeInRange(400, 499, $"{url} → {answer.Raw}");
            answer.Body!["error"]!["msg"].ShouldNotBeNull(url);
        }
    }

    [Fact]
    public async Task Refuse_a_body_that_is_not_json()
    {
        await using var sandbox = await StartAsync();
        var account = await TestAccount.CreateAsync(sandbox, "odd", tickets: 0);
        using var api = account.AdminApi();
        using var content = new StringContent("email=a@b.co", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await api.PostAsync("api/customers", content, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
    }
}
