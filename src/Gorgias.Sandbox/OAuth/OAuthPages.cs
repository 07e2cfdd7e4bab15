using System.Text;
using System.Text.Encodings.Web;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.OAuth;

/// <summary>The server-rendered pages of the authorize step: sign-in, consent, and the error page.</summary>
internal static class OAuthPages
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f4f6;color:#1d1d1f;margin:0}
        main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:10px;padding:2rem 2.25rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}
        h1{font-size:1.35rem;margin:0 0 .75rem}
        .brand{font-size:.8rem;letter-spacing:.05em;text-transform:uppercase;color:#6b6b76;margin-bottom:1rem}
        .note{background:#fff7e0;border:1px solid #f0d48a;border-radius:6px;padding:.6rem .8rem;font-size:.9rem}
        .error{background:#fdecec;border:1px solid #f3b3b3;border-radius:6px;padding:.6rem .8rem}
        label.user{display:block;padding:.45rem .6rem;border:1px solid #ddd;border-radius:6px;margin:.35rem 0;cursor:pointer}
        label.user small{color:#6b6b76}
        input[type=email]{width:100%;padding:.5rem;border:1px solid #ccc;border-radius:6px;box-sizing:border-box}
        ul.scopes li{margin:.3rem 0}
        ul.scopes code{color:#6b6b76;font-size:.8rem}
        .buttons{display:flex;gap:.75rem;margin-top:1.25rem}
        button{font-size:1rem;padding:.55rem 1.3rem;border-radius:6px;border:1px solid #bbb;background:#fff;cursor:pointer}
        button.primary{background:#1f5eff;border-color:#1f5eff;color:#fff}
        button.link{border:none;background:none;color:#1f5eff;padding:0;font-size:.9rem}
        """;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult SignIn(HttpContext http, string account, PendingAuthorization pending, AppRegistration app, IReadOnlyList<User> users, string? error)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in to ").Append(E(account)).Append("</h1>");
        body.Append("<p><strong>").Append(E(app.Name)).Append("</strong> wants to connect to this helpdesk. Sign in to continue.</p>");
        body.Append("<p class=\"note\">This is the Gorgias <strong>sandbox</strong>: there are no passwords. Pick a user of the account, or type the email address of one.</p>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"").Append(E(ActionUrl(http, account, "sign-in"))).Append("\">");
        Hidden(body, pending);
        body.Append("<fieldset style=\"border:none;padding:0\"><legend>Users of ").Append(E(account)).Append("</legend>");
        foreach (var user in users)
        {
            body.Append("<label class=\"user\"><input type=\"radio\" name=\"user_id\" value=\"").Append(user.Id).Append("\"> ")
                .Append(E(user.Name.Length > 0 ? user.Name : user.Email)).Append(" <small>").Append(E(user.Email)).Append(" · ")
                .Append(E(user.Role)).Append("</small></label>");
        }

        body.Append("</fieldset>");
        body.Append("<p><label for=\"email\">Or sign in by email address</label><br><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"off\"></p>");
        body.Append("<div class=\"buttons\"><button class=\"primary\" type=\"submit\">Sign in</button></div></form>");
        return Page(error is null ? 200 : 400, "Sign in · Gorgias sandbox", body.ToString());
    }

    public static IResult Consent(HttpContext http, string account, PendingAuthorization pending, AppRegistration app, User user)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(app.Name)).Append(" wants to access your helpdesk</h1>");
        body.Append("<p>Signed in as <strong>").Append(E(user.Name)).Append("</strong> (").Append(E(user.Email)).Append(") on <strong>")
            .Append(E(account)).Append("</strong>.</p>");
        body.Append("<p>If you approve, <strong>").Append(E(app.Name)).Append("</strong> will be able to:</p><ul class=\"scopes\">");
        foreach (var scope in pending.Scopes)
        {
            body.Append("<li>").Append(E(OAuthScopes.Describe(scope))).Append(" <code>").Append(E(scope)).Append("</code></li>");
        }

        body.Append("</ul>");
        body.Append("<p><small>You will be sent back to ").Append(E(pending.RedirectUri)).Append("</small></p>");
        body.Append("<form method=\"post\" action=\"").Append(E(ActionUrl(http, account, "consent"))).Append("\">");
        Hidden(body, pending);
        body.Append("<div class=\"buttons\"><button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></div></form>");
        body.Append("<form method=\"post\" action=\"").Append(E(ActionUrl(http, account, "sign-out"))).Append("\" style=\"margin-top:1rem\">");
        Hidden(body, pending);
        body.Append("<button class=\"link\" type=\"submit\">Not you? Sign in as another user</button></form>");
        return Page(200, "Authorize " + app.Name + " · Gorgias sandbox", body.ToString());
    }

    /// <summary>The error page for requests that cannot be sent back to the app (no trusted redirect URI). No redirect.</summary>
    public static IResult Error(int status, string title, string message)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(title)).Append("</h1><p class=\"error\" role=\"alert\">").Append(E(message)).Append("</p>");
        body.Append("<p>You were not sent back to the app because the request could not be trusted. Start the connection again from the app.</p>");
        return Page(status, title + " · Gorgias sandbox", body.ToString());
    }

    private static string ActionUrl(HttpContext http, string account, string step) =>
        $"{http.Request.PathBase}/{account}/oauth/authorize/{step}";

    private static void Hidden(StringBuilder body, PendingAuthorization pending) =>
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(pending.Id)).Append("\">")
            .Append("<input type=\"hidden\" name=\"csrf_token\" value=\"").Append(E(pending.Csrf)).Append("\">");

    private static string E(string text) => Html.Encode(text);

    private static HtmlPage Page(int status, string title, string body)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{E(title)}</title><style>{Style}</style></head>
            <body><main><div class="brand">Gorgias · sandbox</div>{body}</main></body></html>
            """;
        return new HtmlPage(html, status);
    }

    /// <summary>An HTML answer that is never cached or framed (the consent page must not be clickjacked).</summary>
    private sealed class HtmlPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            response.Headers.XFrameOptions = "DENY";
            response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
