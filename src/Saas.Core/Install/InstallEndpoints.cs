using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Saas.Core.Data;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.OAuth;

namespace Saas.Core.Install;

public static class InstallEndpoints
{
    /// <summary>
    /// <c>GET /gorgias/install?account=</c> (the App URL), the result pages, and in Development
    /// <c>POST /tenants/{account}/uninstall</c>. The OAuth callback <c>/gorgias/callback</c> belongs to the
    /// authentication handler (<c>UseAuthentication</c>), configured by <c>AddInstall</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapInstall(this IEndpointRouteBuilder endpoints)
    {
        var gorgias = endpoints.MapGroup("/gorgias").ExcludeFromDescription();
        gorgias.MapGet("/install", Install);
        gorgias.MapGet("/installed", InstalledAsync);
        gorgias.MapGet("/declined", Declined);

        // Merchant-initiated uninstall. Until the portal brings "Sign in with Gorgias" it has no authentication, so it
        // exists only in Development (the demo and tests); the portal issue puts it behind the merchant's sign-in.
        if (endpoints.ServiceProvider.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            endpoints.MapPost("/tenants/{account}/uninstall", UninstallAsync).ExcludeFromDescription();
        }

        return endpoints;
    }

    /// <summary>
    /// The App URL Gorgias sends the merchant to. The unsigned <c>account</c> is validated strictly before any URL is
    /// built from it: anything else is a 400 page, with no redirect and no outbound request.
    /// </summary>
    internal static IResult Install(HttpContext http)
    {
        var values = http.Request.Query["account"];
        var text = values.Count == 1 ? values[0] : null;
        if (!GorgiasAccount.TryParse(text, out var account))
        {
            return InstallPages.Render(InstallPages.InvalidAccount(values.Count > 1 ? string.Join(",", values.ToArray()) : text));
        }

        var properties = new AuthenticationProperties { RedirectUri = InstalledPath(account) };
        properties.Items[GorgiasAuthenticationDefaults.AccountItem] = account.Subdomain;
        return Results.Challenge(properties, [GorgiasAuthenticationDefaults.AuthenticationScheme]);
    }

    /// <summary>The app's landing page: what it is, and an install form (for merchants who start here rather than in Gorgias).</summary>
    public static IResult HomePage() => Results.Content(
        InstallPages.Layout("Home", $"""
            <h1>{HtmlEncoder.Default.Encode(InstallPages.AppName)}</h1>
            <p>Tags and routes your Gorgias tickets by your own rules within seconds, and keeps a complete mirror of your
            helpdesk for backtesting, reporting and export.</p>
            <p>Install it from your Gorgias helpdesk (Settings → App Store → {HtmlEncoder.Default.Encode(InstallPages.AppName)} → Connect app), or enter your account here:</p>
            <form method="get" action="/gorgias/install">
              <label>https://<input name="account" placeholder="your-shop" required maxlength="63" autocomplete="off">.gorgias.com</label>
              <button type="submit">Connect</button>
            </form>
            """),
        "text/html; charset=utf-8");

    internal static string InstalledPath(GorgiasAccount account) => "/gorgias/installed?account=" + Uri.EscapeDataString(account.Subdomain);

    private static async Task<IResult> InstalledAsync(HttpContext http, SaasDbContext db)
    {
        if (!GorgiasAccount.TryParse(http.Request.Query["account"].ToString(), out var account))
        {
            return InstallPages.Render(InstallPages.InvalidAccount(http.Request.Query["account"].ToString()));
        }

        var active = await db.Tenants.AsNoTracking().AnyAsync(t => t.Account == account.Subdomain && t.State == TenantState.Active, http.RequestAborted);
        return InstallPages.Render(active ? InstallPages.Installed(account) : InstallPages.NotInstalled(account));
    }

    private static IResult Declined(HttpContext http) =>
        InstallPages.Render(InstallPages.Declined(GorgiasAccount.TryParse(http.Request.Query["account"].ToString(), out var account) ? account : null));

    private static async Task<IResult> UninstallAsync(string account, TenantLifecycle lifecycle, CancellationToken cancellationToken)
    {
        if (!GorgiasAccount.TryParse(account, out var parsed))
        {
            return Results.Problem(statusCode: 400, title: "Not a Gorgias account subdomain.");
        }

        try
        {
            return await lifecycle.UninstallAsync(parsed, cancellationToken) switch
            {
                UninstallOutcome.NotFound => Results.Problem(statusCode: 404, title: $"No tenant for {parsed}."),
                UninstallOutcome.AlreadyDisconnected => Results.Ok(new { account = parsed.Subdomain, state = "Disconnected", changed = false }),
                _ => Results.Ok(new { account = parsed.Subdomain, state = "Disconnected", changed = true }),
            };
        }
        catch (Exception e) when (e is GorgiasOAuthException or HttpRequestException)
        {
            return Results.Problem(statusCode: 502, title: "Gorgias could not be reached to revoke the app's access; nothing changed. Try again.", detail: e.Message);
        }
    }
}

/// <summary>The events that connect the Gorgias handler to the app: install on success, and a page for every other end.</summary>
internal static class InstallOAuthEvents
{
    public static async Task CreatingTicket(Microsoft.AspNetCore.Authentication.OAuth.OAuthCreatingTicketContext context)
    {
        var principal = context.Principal!;
        if (!GorgiasAccount.TryParse(principal.FindFirstValue(GorgiasAuthenticationDefaults.AccountClaim), out var account))
        {
            throw new GorgiasAuthenticationException(GorgiasAuthenticationFailure.InvalidState, null);
        }

        var grant = new InstallGrant(
            account,
            context.AccessToken!,
            context.RefreshToken!,
            principal.FindFirstValue(ClaimTypes.NameIdentifier),
            principal.FindFirstValue(GorgiasAuthenticationDefaults.ScopeClaim));
        await context.HttpContext.RequestServices.GetRequiredService<InstallService>().InstallAsync(grant, context.HttpContext.RequestAborted);
    }

    public static Task TicketReceived(TicketReceivedContext context)
    {
        var account = context.Principal?.FindFirstValue(GorgiasAuthenticationDefaults.AccountClaim) ?? "";
        context.Response.Redirect(GorgiasAccount.TryParse(account, out var parsed) ? InstallEndpoints.InstalledPath(parsed) : "/");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public static Task AccessDenied(AccessDeniedContext context)
    {
        var account = context.Properties?.Items.TryGetValue(GorgiasAuthenticationDefaults.AccountItem, out var text) == true && GorgiasAccount.TryParse(text, out var parsed)
            ? "?account=" + Uri.EscapeDataString(parsed.Subdomain)
            : "";
        context.Response.Redirect("/gorgias/declined" + account);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public static async Task RemoteFailure(RemoteFailureContext context)
    {
        context.HandleResponse();
        await InstallPages.WriteAsync(context.HttpContext, InstallPages.Failure(context.Failure ?? new InvalidOperationException("Unknown failure.")));
    }
}
