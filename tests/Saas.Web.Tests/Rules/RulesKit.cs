using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Rules;
using Saas.Core.Tenancy;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Rules;

/// <summary>An HTTP answer of the rules API: status, headers and the body parsed as JSON (null when empty).</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string Text)
{
    public JsonNode? Json => string.IsNullOrEmpty(Text) ? null : JsonNode.Parse(Text);

    /// <summary>The field errors of a validation problem, path → messages.</summary>
    public Dictionary<string, string[]> Errors =>
        Json?["errors"]?.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray(), StringComparer.Ordinal) ?? [];

    public ApiAnswer ShouldBe(HttpStatusCode status)
    {
        Status.ShouldBe(status, Text);
        return this;
    }
}

/// <summary>The rules API of one tenant over real HTTP, and what the database holds (read past the filter on purpose).</summary>
internal sealed class RulesClient(TestApp app, string tenant) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(app.BaseAddress, $"api/tenants/{tenant}/") };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiAnswer> PostAsync(string path, string? json = null, int? ifMatch = null) => SendAsync(HttpMethod.Post, path, json, ifMatch);

    public Task<ApiAnswer> PutAsync(string path, string? json, int? ifMatch = null) => SendAsync(HttpMethod.Put, path, json, ifMatch);

    public Task<ApiAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json = null, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        using var response = await _http.SendAsync(request, Ct);
        return new ApiAnswer(response.StatusCode, response.Headers, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Creates a rule and returns its id (asserting 201).</summary>
    public async Task<Guid> CreateAsync(string json, int? position = null)
    {
        var answer = (await PostAsync(position is null ? "rules" : $"rules?position={position}", json)).ShouldBe(HttpStatusCode.Created);
        return Guid.Parse(answer.Json!["id"]!.GetValue<string>());
    }

    public async Task<List<string>> NamesAsync() =>
        [.. (await GetAsync("rules")).ShouldBe(HttpStatusCode.OK).Json!.AsArray().Select(r => r!["name"]!.GetValue<string>())];

    public void Dispose() => _http.Dispose();
}

/// <summary>Rules helpers: rule JSON, installs, stored rows.</summary>
internal static class RulesKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid rule: subject contains a phrase → add a tag.</summary>
    public static string Rule(string name, string tag = "vip", string state = "enabled", string phrase = "where is my order") =>
        $$"""{"name":"{{name}}","state":"{{state}}","triggers":["ticket_created"],"when":{"field":"subject","op":"contains_any","values":["{{phrase}}"]},"actions":[{"type":"add_tags","tags":["{{tag}}"]}]}""";

    /// <summary>Installs through the real flow; returns the tenant id.</summary>
    public static async Task<Guid> InstallAsync(TestApp app, string account = "acme")
    {
        (await app.InstallAsync(account)).Status.ShouldBe(HttpStatusCode.OK);
        return (await app.TenantsAsync()).Single(t => t.Account == account).Id;
    }

    /// <summary>Installs and removes the starter pack, so a test starts with no rules (the removal is itself tested elsewhere).</summary>
    public static async Task<Guid> InstallEmptyAsync(TestApp app, RulesClient rules, string account = "acme")
    {
        var id = await InstallAsync(app, account);
        (await rules.DeleteAsync("rules/starter-pack")).ShouldBe(HttpStatusCode.OK);
        (await RulesAsync(app, id)).ShouldBeEmpty();
        return id;
    }

    public static Task<List<Rule>> RulesAsync(TestApp app, Guid tenantId) =>
        app.DbAsync(db => db.Rules.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(r => r.Position).ToListAsync(Ct));

    public static Task<List<RuleVersion>> VersionsAsync(TestApp app, Guid tenantId) =>
        app.DbAsync(db => db.RuleVersions.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(v => v.Id).ToListAsync(Ct));

    public static Task<TenantRuleSettings?> SettingsAsync(TestApp app, Guid tenantId) =>
        app.DbAsync(db => db.TenantRuleSettings.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, Ct));

    public static async Task<long> StampAsync(TestApp app, Guid tenantId) => (await SettingsAsync(app, tenantId))?.RuleSetVersion ?? 0;

    public static async Task<List<TenantActivity>> ActivitiesAsync(TestApp app, Guid tenantId) =>
        [.. (await app.ActivitiesAsync()).Where(a => a.TenantId == tenantId)];

    public static T Service<T>(TestApp app)
        where T : notnull => app.App.Services.GetRequiredService<T>();

    /// <summary>The account's team ids and user emails as the sandbox's own REST API lists them (as its admin).</summary>
    public static async Task<(List<long> Teams, List<string> Users)> AccountAsync(TestApp app, string account = "acme")
    {
        var admin = (await app.Control.GetAccountAsync(account, Ct)).Users.First(u => u.Role == "admin");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(app.Sandbox.AccountBaseAddress(account) + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.Email}:{admin.ApiKey}")));
        var teams = (await http.GetFromJsonAsync<JsonObject>("api/teams", Ct))!["data"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ToList();
        var users = (await http.GetFromJsonAsync<JsonObject>("api/users", Ct))!["data"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()).ToList();
        return (teams, users);
    }
}

/// <summary>One app with acme installed (starter pack removed) and one rule "Kept", shared by the cases of a theory that each check that nothing moved.</summary>
public sealed class AcmeApp : IAsyncLifetime
{
    internal TestApp App { get; private set; } = null!;

    internal RulesClient Rules { get; private set; } = null!;

    internal Guid Tenant { get; private set; }

    internal Guid Kept { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync();
        Rules = new RulesClient(App, "acme");
        Tenant = await RulesKit.InstallEmptyAsync(App, Rules);
        Kept = await Rules.CreateAsync(RulesKit.Rule("Kept"));
    }

    public async ValueTask DisposeAsync()
    {
        Rules.Dispose();
        await App.DisposeAsync();
    }
}
