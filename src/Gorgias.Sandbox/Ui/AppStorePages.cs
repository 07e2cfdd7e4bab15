using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Ui;

/// <summary>The account's App Store: registered apps, their install state, "Connect app" and "Uninstall".</summary>
internal static class AppStorePages
{

    public static IResult List(HttpContext http, string account, SandboxStore store, OAuthStore oauth)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        var installations = oauth.ForAccount(account).ToList();
        var users = new Dictionary<long, string>();
        lock (state.Sync)
        {
            foreach (var installation in installations)
            {
                users[installation.UserId] = state.Users.Find(installation.UserId)?.Email ?? $"user {installation.UserId}";
            }
        }

        var body = new Html().Add($"""
            <h1>App Store</h1>
            <p class="muted">Apps registered with this sandbox. <b>Connect app</b> sends the browser to the app's App URL with
            <code>?account={account}</code>, as Gorgias does; the app then starts the OAuth flow at
            <code>/{account}/oauth/authorize</code>. <b>Uninstall</b> revokes the app's refresh tokens on this account.</p>
            """);
        if (http.Request.Query.TryGetValue("uninstalled", out var uninstalled))
        {
            var name = oauth.Apps.TryGetValue(uninstalled.ToString(), out var app) ? app.Name : uninstalled.ToString();
            var count = http.Request.Query["count"].ToString();
            body.Add(Layout.Notice(count == "0"
                ? $"{name} had no active installation on {account}; nothing changed."
                : $"Uninstalled {name} from {account}: {count} installation(s) revoked. Its refresh tokens now answer invalid_grant."));
        }

        var apps = oauth.Apps.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.ClientId, StringComparer.Ordinal).ToList();
        if (apps.Count == 0)
        {
            body.Add($"""<p class="empty">No apps are registered. Add one under <code>Sandbox:Apps</code> in the configuration.</p>""");
        }

        var antiforgery = apps.Count > 0 ? UiEndpoints.AntiforgeryField(http) : Raw.Empty;
        body.Add($"""<div class="cards apps">""");
        foreach (var app in apps)
        {
            var mine = installations.Where(i => i.ClientId == app.ClientId).ToList();
            var active = mine.Where(i => i.RevokedAt is null).ToList();
            var connect = ConnectUrl(app.AppUrl, account);
            body.Add($"""
                <div class="card app" data-client-id="{app.ClientId}">
                  <div class="row"><span class="title"><b>{app.Name}</b></span><span class="spacer"></span>{(active.Count > 0 ? TicketPages.Badge("installed", "installed") : TicketPages.Badge("", "not installed"))}</div>
                  <div class="small muted">Client id <code>{app.ClientId}</code></div>
                  <div class="small muted">App URL <code class="url">{app.AppUrl}</code></div>
                  <div class="row" style="margin:12px 0">
                """);
            body.Add(connect is null
                ? new Html().Add($"""<span class="notice error small">The App URL is not an absolute http(s) URL.</span>""")
                : new Html().Add($"""<a class="button connect" href="{connect}" data-connect="{app.ClientId}">Connect app</a>"""));
            if (active.Count > 0)
            {
                body.Add($"""
                    <form class="inline" method="post" action="{Html.Path(account, "app", "apps", app.ClientId, "uninstall")}">
                      {antiforgery}<button class="danger" type="submit">Uninstall</button>
                    </form>
                    """);
            }

            body.Add($"</div>");
            if (mine.Count > 0)
            {
                body.Add($"""<table class="small"><thead><tr><th>State</th><th>By</th><th>Scopes</th><th>Since (UTC)</th></tr></thead><tbody>""");
                foreach (var i in mine)
                {
                    body.Add($"""
                        <tr data-installation-id="{i.Id}"><td>{(i.RevokedAt is { } revoked
                            ? new Html().Add($"{TicketPages.Badge("revoked", "revoked")} <div class=\"muted nowrap\">{Html.TimeTag(revoked)}</div>")
                            : TicketPages.Badge("active", "active"))}</td>
                        <td>{users.GetValueOrDefault(i.UserId)}</td><td><code>{string.Join(' ', i.Scopes)}</code></td><td class="nowrap">{Html.TimeTag(i.CreatedAt)}</td></tr>
                        """);
                }

                body.Add($"</tbody></table>");
            }

            body.Add($"</div>");
        }

        body.Add($"</div>");
        return Layout.Page(http, "App Store", account, body);
    }

    public static async Task<IResult> Uninstall(
        HttpContext http, string account, string clientId, SandboxStore store, OAuthStore oauth, IOptions<SandboxOptions> options)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        var (form, refusal) = await UiEndpoints.ReadProtectedFormAsync(http, account);
        if (form is null)
        {
            return refusal!;
        }

        if (!oauth.Apps.ContainsKey(clientId))
        {
            return Layout.NotFound(http, $"There is no app '{clientId}' in this sandbox.", account);
        }

        var count = OAuthOperations.Uninstall(oauth, account, clientId, state.Now(), options.Value.RevokeAccessTokensOnUninstall);
        return TicketPages.SeeOther(http, Html.Path(account, "app", "apps") + QueryString.Create("uninstalled", clientId)
            .Add("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>See <see cref="AppRegistration.ConnectUrl"/>.</summary>
    internal static string? ConnectUrl(string appUrl, string account) => AppRegistration.ConnectUrl(appUrl, account);
}
