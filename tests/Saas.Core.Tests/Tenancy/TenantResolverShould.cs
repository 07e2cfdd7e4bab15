using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Data;
using Saas.Core.Tenancy;
using Saas.Core.Tests.Data;

namespace Saas.Core.Tests.Tenancy;

/// <summary>
/// The HTTP strategies, end to end: a real app on loopback with <c>AddSaasData</c> on a real SQLite file and
/// <c>UseSaasTenancy</c>, asked over HTTP which tenant it resolved and how many activity rows it can see.
/// </summary>
public sealed class TenantResolverShould : IAsyncLifetime
{
    private const string TestClaimHeader = "X-Test-Tenant-Claim";
    private readonly TestFolder _folder = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private Guid _acme;
    private Guid _globex;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _folder.Path, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSaasData();
        _app = builder.Build();

        // The edge fake: a signed-in user whose tenant claim the test chooses (the portal's real sign-in comes later).
        _app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(TestClaimHeader, out var claim))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TenantClaimTypes.TenantId, claim.ToString())], "Test"));
            }

            return next(context);
        });
        _app.UseSaasTenancy();
        _app.MapGet("/t/{tenant}/activity", See);
        _app.MapGet("/a/{account}/activity", See);
        _app.MapGet("/me/activity", See);
        await _app.StartAsync(ct);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };

        _acme = Guid.NewGuid();
        _globex = Guid.NewGuid();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            db.Tenants.AddRange(
                new Tenant { Id = _acme, Account = "acme", State = TenantState.Active },
                new Tenant { Id = _globex, Account = "globex", State = TenantState.Active });
            await db.SaveChangesAsync(ct);
        }

        var contexts = _app.Services.GetRequiredService<ITenantDbContextFactory>();
        foreach (var (tenant, count) in new[] { (_acme, 2), (_globex, 3) })
        {
            await using var db = contexts.CreateForTenant(tenant);
            for (var i = 0; i < count; i++)
            {
                db.TenantActivities.Add(TwoTenants.Activity(tenant, $"activity {i}"));
            }

            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task<Seen> See([FromServices] ITenantContext tenant, [FromServices] SaasDbContext db, CancellationToken ct) =>
        new(tenant.TenantId, await db.TenantActivities.CountAsync(ct));

    private async Task<Seen> GetAsync(string path, string? claim = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (claim is not null)
        {
            request.Headers.Add(TestClaimHeader, claim);
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Seen>(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task Resolve_the_tenant_from_a_tenant_id_in_the_route()
    {
        (await GetAsync($"/t/{_acme}/activity")).ShouldBe(new Seen(_acme, 2));
        (await GetAsync($"/t/{_globex}/activity")).ShouldBe(new Seen(_globex, 3));
    }

    [Fact]
    public async Task Resolve_the_tenant_from_an_account_in_the_route()
    {
        (await GetAsync("/a/globex/activity")).ShouldBe(new Seen(_globex, 3));
        (await GetAsync("/t/acme/activity")).ShouldBe(new Seen(_acme, 2));
    }

    [Fact]
    public async Task Resolve_the_tenant_from_the_signed_in_users_claim()
    {
        (await GetAsync("/me/activity", claim: _globex.ToString())).ShouldBe(new Seen(_globex, 3));
    }

    [Fact]
    public async Task Resolve_when_route_and_claim_agree()
    {
        (await GetAsync("/a/acme/activity", claim: _acme.ToString())).ShouldBe(new Seen(_acme, 2));
    }

    [Theory]
    [InlineData("/me/activity")]
    [InlineData("/a/initech/activity")]
    [InlineData("/a/ACME/activity")]
    [InlineData("/a/evil.com/activity")]
    [InlineData("/t/00000000-0000-0000-0000-000000000001/activity")]
    public async Task Resolve_no_tenant_and_show_nothing_for_an_absent_unknown_or_malformed_key(string path)
    {
        (await GetAsync(path)).ShouldBe(new Seen(null, 0));
    }

    [Fact]
    public async Task Resolve_no_tenant_when_the_route_names_another_tenant_than_the_users_claim()
    {
        (await GetAsync("/a/globex/activity", claim: _acme.ToString())).ShouldBe(new Seen(null, 0));
        (await GetAsync($"/t/{_acme}/activity", claim: _globex.ToString())).ShouldBe(new Seen(null, 0));
    }

    [Fact]
    public async Task Resolve_no_tenant_for_a_claim_that_is_not_a_tenant_id()
    {
        (await GetAsync("/me/activity", claim: "acme")).ShouldBe(new Seen(null, 0));
        (await GetAsync("/a/acme/activity", claim: "not-a-guid")).ShouldBe(new Seen(null, 0));
    }

    [Fact]
    public async Task Resolve_the_same_tenant_from_the_store_by_id_and_by_account()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        var ct = TestContext.Current.CancellationToken;

        (await store.FindByIdAsync(_acme, ct)).ShouldBe(new TenantInfo(_acme, "acme", TenantState.Active));
        (await store.FindByAccountAsync("acme", ct)).ShouldBe(new TenantInfo(_acme, "acme", TenantState.Active));
        (await store.FindByAccountAsync("acme.gorgias.com", ct)).ShouldBeNull();
        (await store.FindByIdAsync(Guid.NewGuid(), ct)).ShouldBeNull();
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current.CancellationToken);
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }

    private sealed record Seen(Guid? Tenant, int Count);
}
