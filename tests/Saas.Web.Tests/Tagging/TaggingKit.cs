using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Control;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Rules;
using Saas.Core.Tagging;
using Saas.Core.Tenancy;
using Saas.Rules.Definitions;
using Saas.Web.Tests.Infrastructure;
using Saas.Web.Tests.Intake;

namespace Saas.Web.Tests.Tagging;

/// <summary>
/// The app with acme installed through the real flow (its webhook integration at the sandbox), rules put straight in
/// the database, and readers for what the sandbox and the app recorded.
/// </summary>
internal sealed class TaggingHarness : IAsyncDisposable
{
    private TaggingHarness(TestApp app, InstalledTenant tenant, HttpClient admin)
    {
        App = app;
        Tenant = tenant;
        Admin = admin;
    }

    public TestApp App { get; }

    public InstalledTenant Tenant { get; }

    /// <summary>The sandbox API as acme's admin (Basic auth with its API key): how a test reads and changes tickets as an agent would.</summary>
    public HttpClient Admin { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TaggingHarness> StartAsync(Action<TestAppOptions>? configure = null)
    {
        var app = await TestApp.StartAsync(o =>
        {
            // Retries of a failed row and of a failed request come quickly in tests.
            o.Settings["Intake:FirstRetryDelay"] = "00:00:00.200";
            o.Settings["Intake:MaxRetryDelay"] = "00:00:01";
            o.Settings["Gorgias:Resilience:RetryBaseDelay"] = "00:00:00.010";
            o.Settings["Gorgias:Resilience:MaxRetryDelay"] = "00:00:00.050";
            configure?.Invoke(o);
        });
        try
        {
            var tenant = await IntakeKit.InstallAsync(app);
            var adminUser = (await app.Control.GetAccountAsync("acme", Ct)).Users.First(u => u.Role == "admin");
            var admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(app.Sandbox.AccountBaseAddress("acme") + "/") };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{adminUser.Email}:{adminUser.ApiKey}")));
            return new TaggingHarness(app, tenant, admin);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Replaces the tenant's rules with these, in this order, and bumps the rule-set stamp (as the rules API does).</summary>
    public async Task<IReadOnlyList<Guid>> SetRulesAsync(params RuleDefinition[] rules)
    {
        await using var scope = App.App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<ITenantDbContextFactory>().CreateForTenant(Tenant.Id);
        db.Rules.RemoveRange(await db.Rules.ToListAsync(Ct));
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = new Rule { Id = Guid.NewGuid(), TenantId = Tenant.Id, Position = i, CurrentVersion = 1, Name = rules[i].Name, State = rules[i].State, CreatedAt = now, UpdatedAt = now };
            db.Rules.Add(rule);
            db.RuleVersions.Add(new RuleVersion { TenantId = Tenant.Id, RuleId = rule.Id, Version = 1, Definition = RuleJson.Serialize(rules[i]), CreatedAt = now, CreatedBy = "test" });
            ids.Add(rule.Id);
        }

        var settings = await db.TenantRuleSettings.FirstOrDefaultAsync(Ct);
        if (settings is null)
        {
            db.TenantRuleSettings.Add(new TenantRuleSettings { TenantId = Tenant.Id, RuleSetVersion = 1 });
        }
        else
        {
            settings.RuleSetVersion++;
        }

        await db.SaveChangesAsync(Ct);
        return ids;
    }

    /// <summary>A customer writes in through the sandbox (which fires the webhooks); the new ticket's id.</summary>
    public async Task<long> WriteInAsync(string subject, string body, string? language = null, string email = "sam@example.com")
    {
        var written = await App.Control.WriteInAsync("acme", new WriteInRequest(email, "Sam", subject, body, null, language), Ct);
        return written.GetProperty("id").GetInt64();
    }

    public async Task<JsonObject> TicketAsync(long ticketId) =>
        (await Admin.GetFromJsonAsync<JsonObject>($"api/tickets/{ticketId}", Ct))!;

    public async Task<List<string>> TagsAsync(long ticketId) =>
        [.. (await TicketAsync(ticketId))["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>The app's write requests (POST/PUT/DELETE) to this ticket in the sandbox's request log, oldest first.</summary>
    public async Task<List<SandboxRequestLogEntry>> WritesAsync(long ticketId) =>
        [.. (await App.RequestLogAsync())
            .Where(r => r.ClientId == TestApp.ClientId && r.Method is "POST" or "PUT" or "DELETE" && IsTicketPath(r.Path, ticketId))
            .OrderBy(r => r.At)];

    public static bool IsTicketPath(string path, long ticketId)
    {
        var p = path.Split('?')[0];
        return p.EndsWith($"/api/tickets/{ticketId}", StringComparison.Ordinal) || p.Contains($"/api/tickets/{ticketId}/", StringComparison.Ordinal);
    }

    /// <summary>The ticket's rule runs, oldest first (a test-side read in the tenant's scope).</summary>
    public async Task<List<RuleRun>> RunsAsync(long ticketId)
    {
        await using var scope = App.App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<ITenantDbContextFactory>().CreateForTenant(Tenant.Id);
        return await db.RuleRuns.AsNoTracking().Where(r => r.TicketId == ticketId).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    public Task<List<RuleRun>> RunsUntilAsync(long ticketId, Func<List<RuleRun>, bool> done, string what, TimeSpan? timeout = null) =>
        IntakeKit.UntilAsync(() => RunsAsync(ticketId), done, what, timeout ?? TimeSpan.FromSeconds(15));

    /// <summary>Reads the ticket's tags at the sandbox until <paramref name="done"/>, gently (the admin's API-key bucket holds 40 calls per 20 s).</summary>
    public Task<List<string>> TagsUntilAsync(long ticketId, Func<List<string>, bool> done, string what) =>
        SandboxUntilAsync(() => TagsAsync(ticketId), done, what);

    /// <summary>Polls a sandbox API read every 600 ms (under the API-key rate limit) until a deadline.</summary>
    public static async Task<T> SandboxUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(600, Ct);
        }
    }

    /// <summary>Waits until every inbox row of the ticket is done and none is pending: what the sandbox sent has been handled.</summary>
    public Task InboxSettledAsync(long ticketId) =>
        IntakeKit.UntilAsync(
            async () => (await IntakeKit.RowsAsync(App)).Where(r => r.TicketId == ticketId).ToList(),
            rows => rows.Count > 0 && rows.All(r => r.State == Saas.Core.Intake.InboxEventState.Done),
            $"the inbox rows of ticket {ticketId} to be done",
            TimeSpan.FromSeconds(15));

    /// <summary>Waits until the sandbox has no webhook delivery of this ticket still pending, then the inbox settled.</summary>
    public async Task SettledAsync(long ticketId)
    {
        await IntakeKit.UntilAsync(
            async () => (await App.Control.GetDeliveriesAsync("acme", limit: 1000, cancellationToken: Ct)).Where(d => d.TicketId == ticketId).ToList(),
            ds => ds.Count > 0 && ds.GroupBy(d => d.Id).All(g => g.Any(d => d.Status is >= 200 and < 300)),
            $"the webhook deliveries of ticket {ticketId} to be answered");
        await InboxSettledAsync(ticketId);
    }

    /// <summary>An agent removes a tag (through the API with the admin's key, so not counted as the app's write).</summary>
    public async Task RemoveTagAsAgentAsync(long ticketId, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/tickets/{ticketId}/tags")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { names = new[] { tag } }), Encoding.UTF8, "application/json"),
        };
        (await Admin.SendAsync(request, Ct)).EnsureSuccessStatusCode();
    }

    public async Task SetStatusAsAgentAsync(long ticketId, string status) =>
        (await Admin.PutAsync($"api/tickets/{ticketId}", new StringContent(JsonSerializer.Serialize(new { status }), Encoding.UTF8, "application/json"), Ct)).EnsureSuccessStatusCode();

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = App.BaseAddress };
        return http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = App.BaseAddress };
        using var response = await http.GetAsync(path, Ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }
}

/// <summary>Small rule builders for the tests (simple rules, not the starter pack, so the tests don't depend on its tuning).</summary>
internal static class TestRules
{
    public static RuleDefinition Tag(string name, string tag, string[] phrases, RuleState state = RuleState.Enabled, bool stop = false, RuleTrigger[]? triggers = null) =>
        new()
        {
            Name = name,
            State = state,
            StopProcessing = stop,
            Triggers = triggers ?? [RuleTrigger.TicketCreated, RuleTrigger.CustomerMessageAdded],
            When = new RuleCondition { Any = [Phrase(RuleFields.Subject, phrases), Phrase(RuleFields.LastCustomerMessage, phrases)] },
            Actions = [new RuleAction { Type = RuleActionTypes.AddTags, Tags = [tag] }],
        };

    public static RuleCondition Phrase(string field, string[] phrases) =>
        new() { Field = field, Op = RuleOperators.ContainsAny, Values = phrases };

    public static RuleDefinition With(this RuleDefinition rule, params RuleAction[] actions) => rule with { Actions = [.. rule.Actions, .. actions] };
}
