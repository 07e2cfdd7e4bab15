using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Saas.Gorgias;
using Saas.Gorgias.OAuth;

namespace Saas.Core.Install;

/// <summary>One page for the merchant: a title, what happened, and what to do (every text HTML-encoded).</summary>
internal sealed record InstallPage(int Status, string Title, string What, string? Next = null, string? RetryAccount = null);

/// <summary>
/// The server-rendered pages of the install flow (the portal brings Blazor later). Every dynamic text is encoded;
/// nothing secret is ever passed in. Pages are not cached, not framed and send no referrer (a callback URL holds a code).
/// </summary>
internal static class InstallPages
{
    public const string AppName = "Ticket Autopilot";

    public static IResult Render(InstallPage page) => new HtmlResult(page.Status, Html(page));

    public static Task WriteAsync(HttpContext http, InstallPage page) => new HtmlResult(page.Status, Html(page)).ExecuteAsync(http);

    public static string Html(InstallPage page)
    {
        var e = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append("<h1>").Append(e.Encode(page.Title)).Append("</h1>\n");
        body.Append("<p>").Append(e.Encode(page.What)).Append("</p>\n");
        if (page.Next is not null)
        {
            body.Append("<p>").Append(e.Encode(page.Next)).Append("</p>\n");
        }

        if (page.RetryAccount is { } account)
        {
            body.Append("<p><a class=\"button\" href=\"/gorgias/install?account=").Append(UrlEncoder.Default.Encode(account))
                .Append("\">Try again</a></p>\n");
        }

        body.Append("<p class=\"muted\"><a href=\"/\">").Append(e.Encode(AppName)).Append(" home</a></p>\n");
        return Layout(page.Title, body.ToString());
    }

    public static string Layout(string title, string bodyHtml) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HtmlEncoder.Default.Encode(title)}} · {{AppName}}</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; line-height: 1.5; }
        h1 { font-size: 1.5rem; }
        .muted { color: #66788a; font-size: .9rem; }
        a.button, button { display: inline-block; background: #1f6feb; color: #fff; padding: .5rem 1rem; border-radius: 6px; text-decoration: none; border: 0; font-size: 1rem; }
        input { padding: .45rem; font-size: 1rem; }
        code { background: #f0f3f6; padding: 0 .25rem; border-radius: 3px; }
        </style>
        </head>
        <body>
        {{bodyHtml}}
        </body>
        </html>
        """;

    public static InstallPage InvalidAccount(string? text) => new(
        StatusCodes.Status400BadRequest,
        "That is not a Gorgias account",
        string.IsNullOrEmpty(text)
            ? "The install link has no account. It should look like /gorgias/install?account=your-shop, where your-shop is the first part of your-shop.gorgias.com."
            : $"\"{Shorten(text)}\" is not a Gorgias account name. An account name is the first part of your helpdesk address (acme in acme.gorgias.com): lowercase letters, digits and hyphens, at most 63 characters.",
        "Start the install again from your Gorgias helpdesk: Settings → App Store → " + AppName + " → Connect app.");

    public static InstallPage Installed(GorgiasAccount account) => new(
        StatusCodes.Status200OK,
        $"{AppName} is installed on {account.Subdomain}",
        $"{AppName} is connected to the Gorgias account {account.Subdomain} and has registered its webhook, so new and updated tickets reach it within seconds.",
        "You can close this page. To uninstall, use Gorgias: Settings → App Store → " + AppName + " → Uninstall.");

    public static InstallPage NotInstalled(GorgiasAccount account) => new(
        StatusCodes.Status404NotFound,
        $"{AppName} is not installed on {account.Subdomain}",
        $"There is no active installation of {AppName} on the Gorgias account {account.Subdomain}.",
        null,
        account.Subdomain);

    public static InstallPage Declined(GorgiasAccount? account) => new(
        StatusCodes.Status200OK,
        "You declined the connection",
        $"You chose not to give {AppName} access to {(account is { } a ? "the Gorgias account " + a.Subdomain : "your Gorgias account")}, so nothing was installed and nothing was stored.",
        "If that was a mistake, you can start again at any time.",
        account?.Subdomain);

    /// <summary>What the merchant is told for each way the callback or the install can fail.</summary>
    public static InstallPage Failure(Exception failure)
    {
        const string nothing = "Nothing was installed and nothing was stored.";
        switch (failure)
        {
            case GorgiasAuthenticationException { Reason: var reason } g:
                var account = g.Account?.Subdomain;
                return reason switch
                {
                    GorgiasAuthenticationFailure.InvalidState or GorgiasAuthenticationFailure.MissingCode => new(400,
                        "This install link is not valid",
                        $"The answer from Gorgias could not be matched to an install started here (its state is missing or was changed). {nothing}",
                        "Start the install again from your Gorgias helpdesk: Settings → App Store → " + AppName + " → Connect app.", account),
                    GorgiasAuthenticationFailure.ExpiredState => new(400,
                        "This install link has expired",
                        $"The install was started too long ago. {nothing}", "Please start again.", account),
                    GorgiasAuthenticationFailure.ReplayedState => new(400,
                        "This install link was already used",
                        $"Each install link works once, and this one has been used. {nothing} (If the first attempt worked, the app is already installed.)",
                        "To install again, start again.", account),
                    GorgiasAuthenticationFailure.BrowserMismatch => new(400,
                        "The install was finished in a different browser",
                        $"The install must be finished in the same browser it was started in, within 15 minutes (cookies must be allowed). {nothing}",
                        "Please start again in this browser.", account),
                    GorgiasAuthenticationFailure.AccountMismatch or GorgiasAuthenticationFailure.TokenForAnotherAccount => new(400,
                        "The answer came from a different Gorgias account",
                        $"The install was started for {(account is null ? "one account" : "the account " + account)}, but the answer from Gorgias names a different account, so it was refused. {nothing}",
                        "Start the install again from the Gorgias helpdesk you want to connect.", account),
                    GorgiasAuthenticationFailure.AuthorizationError => new(400,
                        "Gorgias refused the request",
                        $"Gorgias answered with the error \"{g.OAuthError}\". {nothing}",
                        "Please try again; if it keeps happening, contact our support with the error above.", account),
                    GorgiasAuthenticationFailure.CodeRefused => new(502,
                        "Gorgias refused the connection",
                        $"Gorgias did not accept the one-time code of this install (it may have expired). {nothing}",
                        "Please try again.", account),
                    GorgiasAuthenticationFailure.InvalidClient => new(502,
                        "The app could not identify itself to Gorgias",
                        $"Gorgias did not accept this app's credentials. This is a problem on our side, not yours. {nothing}",
                        "Please contact our support; trying again will not help until we fix it.", account),
                    GorgiasAuthenticationFailure.TokenEndpointError => new(502,
                        "Gorgias could not complete the connection",
                        $"Gorgias' sign-in service answered with an error ({g.OAuthError ?? "no details"}). {nothing}",
                        "Please try again in a few minutes.", account),
                    GorgiasAuthenticationFailure.NoRefreshToken => new(400,
                        "Offline access was not granted",
                        $"{AppName} works while you are away and needs Gorgias' offline access, which was not granted. {nothing}",
                        "Please try again and accept all the requested permissions.", account),
                    _ => new(502,
                        "The connection with Gorgias failed",
                        $"The answer from Gorgias could not be accepted. {nothing}",
                        "Please try again; if it keeps happening, contact our support.", account),
                };

            case InstallException install:
                var what = install.Step switch
                {
                    InstallStep.SecretStore => "We could not store your connection securely (our secret store is unavailable).",
                    InstallStep.Webhook => "We could not register our webhook on your Gorgias account"
                        + (install.InnerException is Saas.Gorgias.Api.GorgiasApiException api ? $" (Gorgias answered {(int)api.Status}{(api.ErrorMessage is null ? "" : ": " + api.ErrorMessage)})." : "."),
                    _ => "We could not save your installation (our database is unavailable).",
                };
                return new(install.Step == InstallStep.Webhook ? 502 : 503,
                    "The install could not be completed",
                    $"{what} Everything done so far was undone: nothing was installed and nothing was kept.",
                    "Please try again in a few minutes; if it keeps happening, contact our support.",
                    install.Account.Subdomain);

            default:
                return new(500,
                    "The install could not be completed",
                    $"Something went wrong on our side. {nothing}",
                    "Please try again; if it keeps happening, contact our support.");
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>An HTML answer with the page's status and protective headers.</summary>
    private sealed class HtmlResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.XContentTypeOptions = "nosniff";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
