using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>One answer of the API: status, raw body and the parsed JSON (null when empty).</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string Text, JsonNode? Json)
{
    public JsonObject Object => Json.ShouldBeOfType<JsonObject>();

    public JsonObject? ErrorData => Json?["error"]?["data"] as JsonObject;
}

/// <summary>Small helpers for the ticket-side tests: plain HttpClient calls with JSON bodies.</summary>
internal static class TicketApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ApiAnswer> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return new ApiAnswer(response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<ApiAnswer> GetJsonAsync(this HttpClient client, string url) => client.SendAsync(HttpMethod.Get, url);

    public static Task<ApiAnswer> PostJsonAsync(this HttpClient client, string url, string json) => client.SendAsync(HttpMethod.Post, url, json);

    public static Task<ApiAnswer> PutJsonAsync(this HttpClient client, string url, string json) => client.SendAsync(HttpMethod.Put, url, json);

    public static Task<ApiAnswer> DeleteJsonAsync(this HttpClient client, string url, string? json = null) => client.SendAsync(HttpMethod.Delete, url, json);

    /// <summary>Creates a ticket with one incoming email from <paramref name="email"/>; asserts 201.</summary>
    public static async Task<JsonObject> CreateTicketAsync(this HttpClient client, string email = "jo@example.com", string extra = "")
    {
        var answer = await client.PostJsonAsync("api/tickets", $$"""
            {
              "customer": {"email": "{{email}}", "name": "Jo Lee"},
              "subject": "Where is my order?",
              {{extra}}
              "messages": [{"channel": "email", "via": "api", "from_agent": false, "body_text": "Hello, where is my order?"}]
            }
            """);
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        return answer.Object;
    }

    public static long Id(this JsonNode node) => node["id"]!.GetValue<long>();

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>Every page of a list, following <c>next_cursor</c>.</summary>
    public static async Task<List<JsonObject>> WalkAsync(this HttpClient client, string url)
    {
        var items = new List<JsonObject>();
        var next = url;
        for (var page = 0; page < 1000; page++)
        {
            var answer = await client.GetJsonAsync(next);
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
            items.AddRange(answer.Object["data"]!.AsArray().Select(n => n!.AsObject()));
            if (answer.Object["meta"]!["next_cursor"]?.GetValue<string>() is not { } cursor)
            {
                return items;
            }

            next = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor);
        }

        throw new InvalidOperationException("The walk did not end.");
    }

    /// <summary>The account's state inside the sandbox (internals are visible to the tests).</summary>
    public static AccountState State(this SandboxHost sandbox, string domain) =>
        sandbox.Services.GetRequiredService<SandboxStore>().Find(domain)!;

    /// <summary>Adds a ticket custom field directly to the account (the custom-fields API belongs to another part).</summary>
    public static long AddTicketField(this SandboxHost sandbox, string domain, string label, string dataType = "text")
    {
        var account = sandbox.State(domain);
        lock (account.Sync)
        {
            var now = account.Now();
            var field = new CustomField
            {
                Id = account.Store.Ids.Next(IdKind.CustomField),
                ObjectType = "Ticket",
                Label = label,
                DataType = dataType,
                InputType = dataType == "text" ? "input" : "dropdown",
                CreatedDatetime = now,
                UpdatedDatetime = now,
            };
            account.CustomFields.Add(field);
            return field.Id;
        }
    }

    /// <summary>A sandbox of its own with the rate limiter off (for tests that make hundreds of calls).</summary>
    public static Task<SandboxHost> StartUnlimitedAsync(TimeProvider? clock = null, Action<SandboxOptions>? configure = null) =>
        SandboxHost.StartAsync(
            o =>
            {
                o.SeedOnStart = false;
                o.RateLimits.Enabled = false;
                configure?.Invoke(o);
            },
            clock,
            TestContext.Current.CancellationToken);

    public static Task<TestAccount> NewAccountAsync(this SandboxHost sandbox) =>
        TestAccount.CreateAsync(sandbox, "t" + Guid.NewGuid().ToString("N")[..12], tickets: 0);
}
