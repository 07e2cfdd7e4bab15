using System.Text.Json.Nodes;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Generator;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gorgias.Sandbox.Tests.Generator;

public sealed class DataGeneratorShould(SandboxFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Generate_the_same_data_for_the_same_seed()
    {
        var first = await FirstPageAsync(seed: 7);
        var again = await FirstPageAsync(seed: 7);
        var other = await FirstPageAsync(seed: 8);

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    private static async Task<string> FirstPageAsync(int seed)
    {
        await using var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.Seed = seed;
                o.Accounts.Remove("globex");
                o.Accounts["acme"].Tickets = 200;
            },
            new FakeTimeProvider(Start));
        var info = await sandbox.Control.GetAccountAsync("acme", TestContext.Current.CancellationToken);
        var admin = info.Users.First(u => u.Role == "admin");
        using var api = TestAccount.ApiClient(sandbox, "acme", admin.Email, admin.ApiKey);
        var page = JsonNode.Parse(await api.GetStringAsync("api/tickets?limit=100&order_by=created_datetime:asc", TestContext.Current.CancellationToken))!;
        return page["data"]!.ToJsonString();
    }

    [Fact]
    public void Derive_account_seeds_that_are_the_same_in_every_process()
    {
        // Golden values: a per-process randomised hash (HashCode.Combine, string.GetHashCode) would change them every run.
        SandboxSeeder.StableHash("acme").ShouldBe(1174237615);
        SandboxSeeder.SeedFor(42, "acme").ShouldBe(-1985721687);
        SandboxSeeder.SeedFor(42, "acme", 1).ShouldNotBe(SandboxSeeder.SeedFor(42, "acme"));
        SandboxSeeder.SeedFor(42, "globex").ShouldNotBe(SandboxSeeder.SeedFor(42, "acme"));
    }

    [Fact]
    public async Task Seed_the_documented_accounts_at_start()
    {
        var acme = await fixture.Sandbox.Control.GetAccountAsync("acme", TestContext.Current.CancellationToken);
        var globex = await fixture.Sandbox.Control.GetAccountAsync("globex", TestContext.Current.CancellationToken);

        acme.Plan.ShouldBe("standard");
        globex.Plan.ShouldBe("enterprise");
        foreach (var account in new[] { acme, globex })
        {
            account.Users.Count(u => u.Role == "admin").ShouldBe(1);
            account.Users.Count(u => u.Role == "agent").ShouldBeGreaterThanOrEqualTo(2);
            account.Users.ShouldAllBe(u => u.ApiKey.Length == 40);
            account.Counts.Tickets.ShouldBeGreaterThan(0);
            account.Counts.Customers.ShouldBeGreaterThan(0);
            account.Counts.Teams.ShouldBeGreaterThan(0);
            account.Counts.Tags.ShouldBeGreaterThan(0);
            account.Counts.SatisfactionSurveys.ShouldBeGreaterThan(0);
            account.Counts.CustomFields.ShouldBeGreaterThan(0);
            account.Counts.Messages.ShouldBeGreaterThan(account.Counts.Tickets);
        }
    }

    [Fact]
    public async Task Spread_tickets_over_languages_channels_intents_statuses_and_a_year()
    {
        var account = await fixture.NewAccountAsync(tickets: 1_500, customers: 400);
        var state = fixture.Sandbox.Services.GetRequiredService<SandboxStore>().Find(account.Domain)!;
        var truth = await fixture.Sandbox.Control.GetTruthAsync(account.Domain, TestContext.Current.CancellationToken);

        truth.Count.ShouldBe(1_500);
        truth.Select(t => t.Intent).Distinct().Count().ShouldBe(12);
        truth.ShouldContain(t => t.Intent == "order-status");
        truth.Count(t => t.Urgent).ShouldBeInRange(30, 200);
        lock (state.Sync)
        {
            var tickets = state.Tickets.All.ToList();
            tickets.Select(t => t.Language).Where(l => l is not null).Distinct().Order().ShouldBe(["de", "en", "es", "fr"]);
            tickets.Select(t => t.Channel).Distinct().Count().ShouldBeGreaterThanOrEqualTo(7);
            tickets.Select(t => t.Status).Distinct().Order().ShouldBe(["closed", "open"]);
            tickets.Select(t => t.Priority).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
            tickets.Count(t => t.AssigneeUserId is not null).ShouldBeGreaterThan(tickets.Count / 2);
            tickets.Count(t => t.TagIds.Count > 0).ShouldBeInRange(tickets.Count / 10, tickets.Count / 3);
            var now = state.Now();
            tickets.ShouldAllBe(t => t.CreatedDatetime > now.AddDays(-366) && t.CreatedDatetime <= t.UpdatedDatetime && t.UpdatedDatetime <= now);
            (tickets.Max(t => t.CreatedDatetime) - tickets.Min(t => t.CreatedDatetime)).TotalDays.ShouldBeGreaterThan(200);

            var messages = state.Messages.All.ToList();
            messages.ShouldContain(m => m.FromAgent && m.Public);
            messages.ShouldContain(m => !m.Public && m.Channel == "internal-note");
            tickets.ShouldAllBe(t => t.MessageIds.Count > 0 && !state.Messages.Find(t.MessageIds[0])!.FromAgent);

            var surveys = state.Surveys.All.ToList();
            surveys.ShouldNotBeEmpty();
            surveys.ShouldAllBe(s => state.Tickets.Find(s.TicketId)!.Status == "closed");
            surveys.Where(s => s.Score is not null).ShouldAllBe(s => s.Score >= 1 && s.Score <= 5);
        }
    }

    [Fact]
    public async Task Generate_a_hundred_thousand_tickets_served_from_memory()
    {
        var domain = "big-" + Guid.NewGuid().ToString("N")[..8];
        var info = await fixture.Sandbox.Control.CreateAccountAsync(new CreateAccountRequest(domain, Tickets: 100_000, Customers: 20_000), TestContext.Current.CancellationToken);

        info.Counts.Tickets.ShouldBe(100_000);
        info.Counts.Customers.ShouldBe(20_000);
        using var api = TestAccount.ApiClient(fixture.Sandbox, domain, info.Users[0].Email, info.Users[0].ApiKey);
        var page = JsonNode.Parse(await api.GetStringAsync("api/tickets?limit=100", TestContext.Current.CancellationToken))!;
        page["data"]!.AsArray().Count.ShouldBe(100);
        page["meta"]!["next_cursor"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Add_more_generated_tickets_to_an_existing_account()
    {
        var account = await fixture.NewAccountAsync(tickets: 10);

        await fixture.Sandbox.Control.SeedAsync(account.Domain, tickets: 25, customers: 5, TestContext.Current.CancellationToken);

        var info = await fixture.Sandbox.Control.GetAccountAsync(account.Domain, TestContext.Current.CancellationToken);
        info.Counts.Tickets.ShouldBe(35);
    }

    [Fact]
    public async Task Create_a_ticket_written_in_by_a_customer_with_its_event()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var ticket = await fixture.Sandbox.Control.WriteInAsync(
            account.Domain,
            new WriteInRequest("new.buyer@example.com", "New Buyer", "Where is it?", "Where is my order #1234? It still hasn't arrived"),
            TestContext.Current.CancellationToken);

        ticket.GetProperty("customer").GetProperty("email").GetString().ShouldBe("new.buyer@example.com");
        ticket.GetProperty("messages")[0].GetProperty("body_text").GetString().ShouldBe("Where is my order #1234? It still hasn't arrived");
        ticket.GetProperty("messages")[0].GetProperty("from_agent").GetBoolean().ShouldBeFalse();
        var state = fixture.Sandbox.Services.GetRequiredService<SandboxStore>().Find(account.Domain)!;
        lock (state.Sync)
        {
            state.Events.All.ShouldContain(e => e.Type == "ticket-created" && e.ObjectId == ticket.GetProperty("id").GetInt64());
            state.Events.All.ShouldContain(e => e.Type == "customer-created");
        }
    }

    [Fact]
    public async Task Refuse_a_write_in_without_a_valid_email_and_store_nothing()
    {
        var account = await fixture.NewAccountAsync(tickets: 0);

        var error = await Should.ThrowAsync<HttpRequestException>(() => fixture.Sandbox.Control.WriteInAsync(
            account.Domain, new WriteInRequest("not-an-email", null, "Hi", "Hello"), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("customer_email");
        (await fixture.Sandbox.Control.GetAccountAsync(account.Domain, TestContext.Current.CancellationToken)).Counts.Tickets.ShouldBe(0);
    }
}
