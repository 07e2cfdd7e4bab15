using System.Net;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>The scope each ticket-side endpoint needs: tickets (with messages, ticket tags, custom fields), tags, events.</summary>
public sealed class TicketScopesShould(SandboxFixture fixture)
{
    private HttpClient TokenClient(TestAccount account, params string[] scopes)
    {
        var services = fixture.Sandbox.Services;
        var installation = new Installation
        {
            Id = Guid.NewGuid(),
            Account = account.Domain,
            ClientId = "demo-app",
            UserId = account.Admin.Id,
            Scopes = scopes,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        services.GetRequiredService<OAuthStore>().Installations[installation.Id] = installation;
        var baseUrl = fixture.Sandbox.AccountBaseAddress(account.Domain).ToString().TrimEnd('/');
        var (token, _, _) = services.GetRequiredService<TokenService>().IssueAccessToken(installation, baseUrl);
        return TestAccount.BearerClient(fixture.Sandbox, account.Domain, token);
    }

    [Fact]
    public async Task Need_tickets_scopes_for_tickets_messages_and_ticket_tags()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var admin = account.AdminApi();
        var ticket = await admin.CreateTicketAsync();
        using var reader = TokenClient(account, "tickets:read");
        using var writer = TokenClient(account, "tickets:write");

        (await reader.GetJsonAsync($"api/tickets/{ticket.Id()}")).Status.ShouldBe(HttpStatusCode.OK);
        (await reader.GetJsonAsync("api/messages")).Status.ShouldBe(HttpStatusCode.OK);
        (await reader.GetJsonAsync($"api/tickets/{ticket.Id()}/tags")).Status.ShouldBe(HttpStatusCode.OK);
        (await reader.GetJsonAsync($"api/tickets/{ticket.Id()}/custom-fields")).Status.ShouldBe(HttpStatusCode.OK);
        var refused = await reader.PutJsonAsync($"api/tickets/{ticket.Id()}", """{"priority": "high"}""");
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.Json!["error"]!.Str("msg").ShouldContain("tickets:write");
        (await reader.PostJsonAsync($"api/tickets/{ticket.Id()}/tags", """{"names": ["x"]}""")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetJsonAsync("api/tags")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetJsonAsync("api/events")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await writer.PostJsonAsync($"api/tickets/{ticket.Id()}/tags", """{"names": ["x"]}""")).Status.ShouldBe(HttpStatusCode.Created);
        (await writer.PostJsonAsync($"api/tickets/{ticket.Id()}/messages", """{"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "ok"}""")).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Need_tags_scopes_for_tags_and_events_scopes_for_events()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);
        using var tags = TokenClient(account, "tags:write");
        using var events = TokenClient(account, "events:read");

        (await tags.PostJsonAsync("api/tags", """{"name": "scoped"}""")).Status.ShouldBe(HttpStatusCode.Created);
        (await tags.GetJsonAsync("api/tags")).Status.ShouldBe(HttpStatusCode.OK);
        (await tags.GetJsonAsync("api/events")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await tags.GetJsonAsync("api/tickets")).Status.ShouldBe(HttpStatusCode.Forbidden);
        var listed = await events.GetJsonAsync("api/events?types=tag-created");
        listed.Status.ShouldBe(HttpStatusCode.OK);
        listed.Object["data"]!.AsArray().ShouldNotBeEmpty();
        (await events.PostJsonAsync("api/tags", """{"name": "nope"}""")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
