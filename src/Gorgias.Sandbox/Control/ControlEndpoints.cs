using System.Text.RegularExpressions;
using Gorgias.Sandbox.Api;
using Gorgias.Sandbox.Generator;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.RateLimiting;

namespace Gorgias.Sandbox.Control;

/// <summary>The sandbox-only control API under <c>/_sandbox/</c> (documented in docs/sandbox.md).</summary>
internal static partial class ControlEndpoints
{
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z")]
    internal static partial Regex SubdomainPattern();

    public static IEndpointRouteBuilder MapSandboxControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox");
        control.MapGet("/accounts", (SandboxStore store, OAuthStore oauth, HttpContext http) =>
            Results.Ok(store.Accounts.Select(a => Describe(a, oauth, http)).ToList()));
        control.MapGet("/accounts/{account}", (string account, SandboxStore store, OAuthStore oauth, HttpContext http) =>
            store.Find(account) is { } state ? Results.Ok(Describe(state, oauth, http)) : NotFound(account));
        control.MapPost("/accounts", CreateAccount);
        control.MapPost("/reset", Reset);
        control.MapDataControl();
        control.MapOAuthControl();
        control.MapFaultControl();
        return app;
    }

    internal static IResult NotFound(string account) =>
        Results.NotFound(new { error = new { msg = $"Account '{account}' does not exist." } });

    internal static string AccountBaseUrl(HttpContext http, string domain) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{domain}";

    internal static SandboxAccount Describe(AccountState account, OAuthStore oauth, HttpContext http)
    {
        lock (account.Sync)
        {
            return new SandboxAccount(
                account.Domain,
                account.Id,
                account.Plan == AccountPlan.Enterprise ? "enterprise" : "standard",
                AccountBaseUrl(http, account.Domain),
                [.. account.Users.All.OrderBy(u => u.Id).Select(u => new SandboxUser(u.Id, u.Email, u.Name, u.Role, u.ApiKey))],
                [.. oauth.ForAccount(account.Domain).Select(i => new SandboxInstallation(i.Id, i.ClientId, i.UserId, i.Scopes, i.CreatedAt, i.RevokedAt))],
                [.. account.Integrations.All.OrderBy(i => i.Id).Select(i => new SandboxIntegration(i.Id, i.Name, i.Url, i.DeactivatedDatetime is null, i.DeactivatedDatetime, i.ConsecutiveFailures))],
                new SandboxCounts(
                    account.Users.Count,
                    account.Teams.Count,
                    account.Customers.Count,
                    account.Tickets.Count,
                    account.Messages.Count,
                    account.Tags.Count,
                    account.Events.Count,
                    account.Integrations.Count,
                    account.Surveys.Count,
                    account.CustomFields.Count),
                [.. oauth.Apps.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal).Select(a => new SandboxAppOnAccount(
                    a.ClientId,
                    a.Name,
                    a.AppUrl,
                    AppRegistration.ConnectUrl(a.AppUrl, account.Domain),
                    oauth.ForAccount(account.Domain).Any(i => i.ClientId == a.ClientId && i.RevokedAt is null)))]);
        }
    }

    private static IResult CreateAccount(CreateAccountRequest? request, SandboxStore store, SandboxSeeder seeder, OAuthStore oauth, HttpContext http)
    {
        if (request is null || string.IsNullOrEmpty(request.Domain) || !SubdomainPattern().IsMatch(request.Domain))
        {
            return ApiErrors.BadRequest("Invalid account.", "domain", "A subdomain: lowercase letters, digits and hyphens, 1 to 63 characters.");
        }

        AccountPlan plan;
        switch (request.Plan?.ToLowerInvariant())
        {
            case null or "standard":
                plan = AccountPlan.Standard;
                break;
            case "enterprise":
                plan = AccountPlan.Enterprise;
                break;
            default:
                return ApiErrors.BadRequest("Invalid plan.", "plan", "Must be one of: standard, enterprise.");
        }

        if (request.Tickets is < 0 or > 5_000_000 || request.Customers is < 0 or > 5_000_000 || request.Agents is < 1 or > 500)
        {
            return ApiErrors.BadRequest("Invalid sizes.", "tickets", "tickets and customers: 0 to 5,000,000; agents: 1 to 500.");
        }

        if (store.Find(request.Domain) is not null)
        {
            return ApiErrors.Conflict($"Account '{request.Domain}' already exists.");
        }

        var seed = new AccountSeedOptions
        {
            Plan = plan,
            Tickets = request.Tickets ?? 50,
            Customers = request.Customers ?? Math.Max(1, (request.Tickets ?? 50) / 3),
            Agents = request.Agents ?? 3,
            BackgroundLoadPerSecond = request.BackgroundLoadPerSecond ?? 0,
        };
        var account = seeder.CreateAccount(request.Domain, seed);
        return Results.Created($"/_sandbox/accounts/{account.Domain}", Describe(account, oauth, http));
    }

    private static IResult Reset(SandboxStore store, OAuthStore oauth, SandboxSeeder seeder, RateLimiter limiter, CursorBook cursors)
    {
        store.Reset();
        oauth.Reset();
        limiter.Reset();
        cursors.ExpireAll();
        seeder.RegisterApps();
        seeder.SeedConfiguredAccounts();
        return Results.NoContent();
    }
}
