using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;

namespace Gorgias.Sandbox.Ui;

/// <summary>The home page (accounts), an account's dashboard, its HTTP integrations and its API keys.</summary>
internal static class AccountPages
{
    private const string AccountPlaceholder = "{account}";

    public static IResult Home(HttpContext http, SandboxStore store, OAuthStore oauth)
    {
        var baseUrl = UiEndpoints.BaseUrl(http);
        var body = new Html().Add($"""
            <h1>Accounts</h1>
            <p>This is a local emulator of the <b>Gorgias helpdesk</b> for developing and testing Gorgias apps: OAuth 2.0 install
            flow, REST API with rate limits, webhooks (HTTP integrations), faults and generated data. Each account stands in for
            <code>https://{AccountPlaceholder}.gorgias.com</code> at <code>{baseUrl}/{AccountPlaceholder}</code>; its REST API is under
            <code>/{AccountPlaceholder}/api/</code>. These pages show what is in the sandbox and let you act as a customer or uninstall an app.
            Documentation: <code>docs/sandbox.md</code> in the repository. Sandbox control API: <a href="/_sandbox/accounts"><code>/_sandbox/accounts</code></a>.</p>
            """);
        var accounts = store.Accounts.ToList();
        if (accounts.Count == 0)
        {
            return Layout.Page(http, "Accounts", null, body.Add($"""<p class="empty">No accounts. Create one with <code>POST /_sandbox/accounts</code>.</p>"""));
        }

        body.Add($"""
            <table class="accounts"><thead><tr><th>Account</th><th>Plan</th><th class="num">Users</th><th class="num">Customers</th>
            <th class="num">Tickets</th><th class="num">Messages</th><th class="num">Tags</th><th class="num">Integrations</th><th class="num">Apps installed</th><th></th></tr></thead><tbody>
            """);
        foreach (var account in accounts)
        {
            var installed = oauth.ForAccount(account.Domain).Where(i => i.RevokedAt is null).Select(i => i.ClientId).Distinct(StringComparer.Ordinal).Count();
            int users, customers, tickets, messages, tags, integrations;
            lock (account.Sync)
            {
                (users, customers, tickets, messages, tags, integrations) =
                    (account.Users.Count, account.Customers.Count, account.Tickets.Count, account.Messages.Count, account.Tags.Count, account.Integrations.Count);
            }

            var root = Html.Path(account.Domain, "app");
            AddRow(body, account, root, users, customers, tickets, messages, tags, integrations, installed);
        }

        body.Add($"</tbody></table>");
        return Layout.Page(http, "Accounts", null, body);

        static void AddRow(Html body, AccountState account, string root, int users, int customers, int tickets, int messages, int tags, int integrations, int installed) =>
            body.Add($"""
                <tr data-account="{account.Domain}"><td><a href="{root}"><b>{account.Domain}</b></a></td><td>{Plan(account.Plan)}</td>
                <td class="num">{users}</td><td class="num">{customers}</td><td class="num"><a href="{root}/tickets">{tickets}</a></td>
                <td class="num">{messages}</td><td class="num">{tags}</td><td class="num"><a href="{root}/integrations">{integrations}</a></td>
                <td class="num"><a href="{root}/apps">{installed}</a></td><td class="nowrap"><a href="{root}/write-in">Write in</a></td></tr>
                """);
    }

    public static IResult Dashboard(HttpContext http, string account, SandboxStore store, OAuthStore oauth)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        int tickets, open, customers, integrations, activeIntegrations, users;
        lock (state.Sync)
        {
            tickets = state.Tickets.Count;
            open = state.Tickets.All.Count(t => t.Status == "open" && t.TrashedDatetime is null);
            customers = state.Customers.Count;
            integrations = state.Integrations.Count;
            activeIntegrations = state.Integrations.All.Count(i => i.DeactivatedDatetime is null);
            users = state.Users.Count;
        }

        var installed = oauth.ForAccount(account).Where(i => i.RevokedAt is null).Select(i => i.ClientId).Distinct(StringComparer.Ordinal).Count();
        var deliveries = state.DeliveryLog.Snapshot().Count;
        var baseUrl = UiEndpoints.BaseUrl(http);
        var root = Html.Path(account, "app");
        var body = new Html().Add($"""
            <div class="row"><h1>{account}</h1>{TicketPages.Badge("", Plan(state.Plan))}</div>
            <p class="muted">Stands in for <code>https://{account}.gorgias.com</code>: account URL <code>{baseUrl}/{account}</code>,
            REST API <code>{baseUrl}/{account}/api/</code>, OAuth <code>{baseUrl}/{account}/oauth/authorize</code>.</p>
            <div class="cards">
              <div class="card"><a class="title" href="{root}/tickets">Tickets</a><div class="big">{tickets}</div><div class="muted small">{open} open · {customers} customers</div></div>
              <div class="card"><a class="title" href="{root}/write-in">Write in as a customer</a><p class="muted small">Create a ticket from a customer message; fires ticket-created webhooks.</p></div>
              <div class="card"><a class="title" href="{root}/apps">App Store</a><div class="big">{installed}</div><div class="muted small">app(s) installed · connect or uninstall</div></div>
              <div class="card"><a class="title" href="{root}/integrations">HTTP integrations</a><div class="big">{integrations}</div><div class="muted small">{activeIntegrations} active · {deliveries} delivery attempts logged</div></div>
              <div class="card"><a class="title" href="{root}/api-keys">API keys</a><div class="big">{users}</div><div class="muted small">users with REST API keys</div></div>
            </div>
            """);
        return Layout.Page(http, "Dashboard", account, body);
    }

    public static IResult Integrations(HttpContext http, string account, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        var deliveries = state.DeliveryLog.Snapshot();
        Html fragment;
        lock (state.Sync)
        {
            fragment = IntegrationsFragment(state, deliveries);
        }

        if (UiEndpoints.WantsFragment(http))
        {
            return Layout.Fragment(http, fragment);
        }

        var body = new Html().Add($"""
            <div class="row"><h1>HTTP integrations</h1><span id="live-status" class="live-status">live</span></div>
            <p class="muted small">Webhooks are HTTP integrations (<code>/api/integrations</code>, type <code>http</code>). The delivery log shows the
            newest 100 attempts and refreshes itself every 2 seconds.</p>
            <div id="live">{fragment}</div>
            """);
        return Layout.Page(http, "Integrations", account, body, live: true);
    }

    private static Html IntegrationsFragment(AccountState account, IReadOnlyList<SandboxWebhookDelivery> deliveries)
    {
        var html = new Html();
        var integrations = account.Integrations.All.OrderBy(i => i.Id).ToList();
        if (integrations.Count == 0)
        {
            html.Add($"""<p class="empty">No HTTP integrations. Apps create them with <code>POST /api/integrations</code>.</p>""");
        }
        else
        {
            html.Add($"""
                <table class="integrations"><thead><tr><th class="num">Id</th><th>Name</th><th>URL</th><th>Triggers</th><th>State</th>
                <th class="num" title="Consecutive failed requests (deactivated at the configured limit)">Failures</th><th>Created by</th><th>Created (UTC)</th></tr></thead><tbody>
                """);
            foreach (var i in integrations)
            {
                var triggers = new Html();
                foreach (var trigger in i.Triggers.Where(t => t.Value).Select(t => t.Key).Order(StringComparer.Ordinal))
                {
                    triggers.Add($"<code class=\"small\">{trigger}</code>");
                }

                html.Add($"""
                    <tr data-integration-id="{i.Id}"><td class="num">{i.Id}</td><td>{i.Name}<div class="small muted">{i.Description ?? ""}</div></td>
                    <td><code class="small url">{i.Method} {TicketPages.Truncate(i.Url, 90)}</code></td><td class="triggers">{(triggers.Builder.Length == 0 ? new Html().Add($"<span class=\"muted\">none</span>") : triggers)}</td>
                    <td class="nowrap">{(i.DeactivatedDatetime is { } off
                        ? new Html().Add($"{TicketPages.Badge("deactivated", "deactivated")}<div class=\"small muted\">{Html.TimeTag(off)}</div>")
                        : TicketPages.Badge("active", "active"))}</td>
                    <td class="num">{i.ConsecutiveFailures}</td><td>{(i.CreatedByClientId is { } client ? new Html().Add($"app <code>{client}</code>") : new Html().Add($"<span class=\"muted\">API key / UI</span>"))}</td>
                    <td class="nowrap">{Html.TimeTag(i.CreatedDatetime)}</td></tr>
                    """);
            }

            html.Add($"</tbody></table>");
        }

        return html.Add(TicketPages.DeliveriesTable(account, deliveries.Reverse().Take(100).ToList(), showTicket: true));
    }

    public static IResult ApiKeys(HttpContext http, string account, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return Layout.NotFound(http, $"There is no account '{account}' in this sandbox.");
        }

        List<User> users;
        User? admin;
        lock (state.Sync)
        {
            users = [.. state.Users.All.OrderBy(u => u.Id)];
            admin = state.Admin;
        }

        var baseUrl = UiEndpoints.BaseUrl(http);
        var body = new Html().Add($"""
            <h1>REST API keys</h1>
            <p class="notice warn">Sandbox only: this page lists every user's API key. Real Gorgias shows each user only their own key
            (Settings → REST API). Authenticate with HTTP Basic: username = the user's email, password = the API key.</p>
            <p>Base URL: <code>{baseUrl}/{account}/api/</code> (stands in for <code>https://{account}.gorgias.com/api/</code>).</p>
            <table class="users"><thead><tr><th class="num">Id</th><th>Name</th><th>Email</th><th>Role</th><th>API key</th></tr></thead><tbody>
            """);
        foreach (var user in users)
        {
            body.Add($"""
                <tr data-user-id="{user.Id}"><td class="num">{user.Id}</td><td>{user.Name}</td><td>{user.Email}</td>
                <td>{TicketPages.Badge(user.Role, user.Role)}{(user.Active ? Raw.Empty : new Raw(" <span class=\"badge\">inactive</span>"))}</td>
                <td><code class="api-key">{user.ApiKey}</code></td></tr>
                """);
        }

        body.Add($"</tbody></table>");
        if (admin is not null)
        {
            var curl = $"curl -u '{admin.Email}:{admin.ApiKey}' '{baseUrl}/{account}/api/tickets?limit=5'";
            body.Add($"""
                <h2>Try it</h2>
                <pre class="curl">{curl}</pre>
                <p class="muted small">API-key calls share the account's 40 requests / 20 s bucket; every answer carries <code>X-Gorgias-Account-Api-Call-Limit</code>.</p>
                """);
        }

        return Layout.Page(http, "API keys", account, body);
    }

    private static string Plan(AccountPlan plan) => plan == AccountPlan.Enterprise ? "enterprise" : "standard";
}
