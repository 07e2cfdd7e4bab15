using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Gorgias.Sandbox.Tests.Infrastructure;

/// <summary>Creates tickets straight in the store (through <see cref="TicketOperations"/>, so the webhook triggers fire).</summary>
internal static class StoreTickets
{
    public static long Create(
        SandboxHost sandbox,
        string domain,
        string subject = "Where is my order?",
        string body = "Hello, my order has not arrived.",
        string customerEmail = "jane.doe@example.com",
        string? customerName = "Jane Doe")
    {
        var account = Account(sandbox, domain);
        lock (account.Sync)
        {
            var admin = account.Admin!;
            var ticket = TicketOperations.CreateTicket(
                account,
                new NewTicket(
                    [new NewMessage("email", "email", FromAgent: false, Public: true, BodyText: body, BodyHtml: null)],
                    "email",
                    "email",
                    CustomerEmail: customerEmail,
                    CustomerName: customerName,
                    Subject: subject,
                    AssigneeUserId: admin.Id),
                actingUserId: null);
            return ticket.Id;
        }
    }

    public static long AddAgentReply(SandboxHost sandbox, string domain, long ticketId, string body)
    {
        var account = Account(sandbox, domain);
        lock (account.Sync)
        {
            var ticket = account.Tickets.Find(ticketId)!;
            var admin = account.Admin!;
            var message = TicketOperations.AddMessage(
                account,
                ticket,
                new NewMessage("email", "helpdesk", FromAgent: true, Public: true, BodyText: body, BodyHtml: null, SenderUserId: admin.Id),
                admin.Id);
            return message.Id;
        }
    }

    public static AccountState Account(SandboxHost sandbox, string domain) =>
        sandbox.Services.GetRequiredService<SandboxStore>().Find(domain)!;
}

/// <summary>Creates HTTP integrations through the REST API.</summary>
internal static class ApiIntegrations
{
    public static async Task<JsonNode> CreateAsync(HttpClient api, JsonObject body)
    {
        using var response = await api.PostAsJsonAsync("api/integrations", body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A JSON integration listening to <paramref name="triggers"/> (default ticket-created).</summary>
    public static Task<JsonNode> CreateAsync(HttpClient api, string url, JsonNode? form, params string[] triggers)
    {
        var triggerObject = new JsonObject();
        foreach (var trigger in triggers.Length == 0 ? ["ticket-created"] : triggers)
        {
            triggerObject[trigger] = true;
        }

        return CreateAsync(api, new JsonObject
        {
            ["name"] = "Test webhook",
            ["type"] = "http",
            ["http"] = new JsonObject
            {
                ["url"] = url,
                ["method"] = "POST",
                ["request_content_type"] = "application/json",
                ["response_content_type"] = "application/json",
                ["form"] = form,
                ["triggers"] = triggerObject,
            },
        });
    }

    public static async Task<JsonNode> GetAsync(HttpClient api, long id)
    {
        var text = await api.GetStringAsync($"api/integrations/{id}", TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!;
    }
}

/// <summary>Waits for a condition by checking it again every few milliseconds, with a generous timeout.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>Access tokens minted directly (an installation added to the OAuth store), for tests that only need a valid Bearer token.</summary>
internal static class MintedTokens
{
    public static string Issue(SandboxHost sandbox, string domain, params string[] scopes)
    {
        var oauth = sandbox.Services.GetRequiredService<OAuthStore>();
        var tokens = sandbox.Services.GetRequiredService<TokenService>();
        var clock = sandbox.Services.GetRequiredService<TimeProvider>();
        var admin = StoreTickets.Account(sandbox, domain).Admin!;
        var installation = new Installation
        {
            Id = Guid.NewGuid(),
            Account = domain,
            ClientId = "demo-app",
            UserId = admin.Id,
            Scopes = scopes.Length == 0 ? ["tickets:read", "integrations:write"] : scopes,
            CreatedAt = clock.GetUtcNow(),
        };
        oauth.Installations[installation.Id] = installation;
        return tokens.IssueAccessToken(installation, sandbox.AccountBaseUrlTemplate.Replace("{account}", domain, StringComparison.Ordinal)).Token;
    }
}
