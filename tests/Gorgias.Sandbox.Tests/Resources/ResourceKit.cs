using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gorgias.Sandbox.Tests.Resources;

/// <summary>An API answer: status and parsed JSON body (null when empty).</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonNode? Body, string Raw, HttpResponseHeaders Headers)
{
    public JsonObject Object => Body.ShouldBeOfType<JsonObject>();

    public long Id => Object["id"]!.GetValue<long>();

    /// <summary>The messages of one field in a Gorgias error body.</summary>
    public IReadOnlyList<string> FieldErrors(string field) =>
        Object["error"]?["data"]?[field] is JsonArray messages ? [.. messages.Select(m => m!.GetValue<string>())] : [];

    public ApiAnswer ShouldHave(HttpStatusCode status)
    {
        Status.ShouldBe(status, Raw);
        return this;
    }
}

/// <summary>Small helpers for the resource tests: JSON calls, store access, tickets, OAuth tokens with chosen scopes.</summary>
internal static partial class ResourceKit
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$")]
    public static partial Regex GorgiasDatetime();

    public static async Task<ApiAnswer> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiAnswer(response.StatusCode, raw.Length == 0 ? null : JsonNode.Parse(raw), raw, response.Headers);
    }

    public static Task<ApiAnswer> GetJsonAsync(this HttpClient client, string url) => client.SendAsync(HttpMethod.Get, url);

    public static Task<ApiAnswer> PostJsonAsync(this HttpClient client, string url, string json) => client.SendAsync(HttpMethod.Post, url, json);

    public static Task<ApiAnswer> PutJsonAsync(this HttpClient client, string url, string? json) => client.SendAsync(HttpMethod.Put, url, json);

    public static Task<ApiAnswer> DeleteJsonAsync(this HttpClient client, string url, string? json = null) => client.SendAsync(HttpMethod.Delete, url, json);

    public static AccountState State(this TestAccount account) =>
        account.Sandbox.Services.GetRequiredService<SandboxStore>().Find(account.Domain)!;

    /// <summary>Events recorded for one object, oldest first.</summary>
    public static List<Event> EventsFor(this TestAccount account, string objectType, long objectId)
    {
        var state = account.State();
        lock (state.Sync)
        {
            return [.. state.Events.All.Where(e => e.ObjectType == objectType && e.ObjectId == objectId).OrderBy(e => e.Id)];
        }
    }

    /// <summary>Creates a ticket with one incoming message (the ticket API is another helper's work).</summary>
    public static long CreateTicket(this TestAccount account, long? customerId, long? assigneeUserId = null, long? assigneeTeamId = null)
    {
        var state = account.State();
        lock (state.Sync)
        {
            return TicketOperations.CreateTicket(
                state,
                new NewTicket(
                    [new NewMessage("email", "email", FromAgent: false, Public: true, "Where is my order?", null)],
                    "email",
                    "email",
                    CustomerId: customerId,
                    AssigneeUserId: assigneeUserId,
                    AssigneeTeamId: assigneeTeamId),
                null).Id;
        }
    }

    public static Ticket Ticket(this TestAccount account, long id)
    {
        var state = account.State();
        lock (state.Sync)
        {
            return state.Tickets.Find(id)!;
        }
    }

    /// <summary>A client with a fresh OAuth access token of the admin, carrying exactly <paramref name="scopes"/>.</summary>
    public static HttpClient OAuthApi(this TestAccount account, params string[] scopes)
    {
        var services = account.Sandbox.Services;
        var oauth = services.GetRequiredService<OAuthStore>();
        oauth.Apps.TryAdd("resources-test-app", new AppRegistration
        {
            ClientId = "resources-test-app",
            ClientSecret = "resources-test-secret",
            Name = "Resources test app",
            AppUrl = "http://127.0.0.1:1/install",
            RedirectUris = ["http://127.0.0.1:1/callback"],
        });
        var installation = new Installation
        {
            Id = Guid.NewGuid(),
            Account = account.Domain,
            ClientId = "resources-test-app",
            UserId = account.Admin.Id,
            Scopes = scopes,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        oauth.Installations[installation.Id] = installation;
        var (token, _, _) = services.GetRequiredService<TokenService>()
            .IssueAccessToken(installation, account.Sandbox.AccountBaseAddress(account.Domain).ToString().TrimEnd('/'));
        return TestAccount.BearerClient(account.Sandbox, account.Domain, token);
    }

    /// <summary>Creates a customer through the API and returns its id.</summary>
    public static async Task<long> NewCustomerAsync(this HttpClient api, string json) =>
        (await api.PostJsonAsync("api/customers", json)).ShouldHave(HttpStatusCode.Created).Id;

    /// <summary>Every item of a list, following <c>meta.next_cursor</c>.</summary>
    public static async Task<List<JsonObject>> WalkAsync(this HttpClient api, string url)
    {
        var items = new List<JsonObject>();
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var next = url;
        for (var page = 0; page < 1000 && next is not null; page++)
        {
            var answer = (await api.GetJsonAsync(next)).ShouldHave(HttpStatusCode.OK);
            items.AddRange(answer.Object["data"]!.AsArray().Select(i => i!.AsObject()));
            var cursor = answer.Object["meta"]!["next_cursor"]?.GetValue<string>();
            next = cursor is null ? null : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}";
        }

        return items;
    }

    public static void ShouldBeGorgiasDatetime(this JsonNode? node) =>
        GorgiasDatetime().IsMatch(node!.GetValue<string>()).ShouldBeTrue($"'{node}' is not a microsecond +00:00 datetime");

    public static void ShouldHaveKeys(this JsonObject obj, params string[] keys)
    {
        foreach (var key in keys)
        {
            obj.ContainsKey(key).ShouldBeTrue($"missing key '{key}' in {obj.ToJsonString()}");
        }
    }
}
