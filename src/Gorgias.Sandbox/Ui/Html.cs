using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Gorgias.Sandbox.Ui;

/// <summary>Markup that is trusted as is (built by <see cref="Html"/> or a literal of this file); everything else is encoded.</summary>
internal readonly record struct Raw(string Value)
{
    public static readonly Raw Empty = new("");

    public override string ToString() => Value;
}

/// <summary>
/// A small HTML writer. <c>html.Add($"&lt;td&gt;{value}&lt;/td&gt;")</c> HTML-encodes every interpolated value unless it
/// is a <see cref="Raw"/>, so page code cannot forget to encode. Datetimes are shown as UTC.
/// </summary>
internal sealed class Html
{
    internal StringBuilder Builder { get; } = new();

    public Html Add([InterpolatedStringHandlerArgument("")] ref HtmlHandler handler)
    {
        _ = handler;
        return this;
    }

    public Html Add(Html other)
    {
        Builder.Append(other.Builder);
        return this;
    }

    public Raw ToRaw() => new(Builder.ToString());

    public override string ToString() => Builder.ToString();

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A <c>&lt;time&gt;</c> element: short UTC text, full ISO value in <c>datetime</c>.</summary>
    public static Raw TimeTag(DateTimeOffset? value) => value is { } v
        ? new Raw($"<time datetime=\"{Encode(Json.GorgiasJson.Format(v))}\">{Time(v)}</time>")
        : new Raw("<span class=\"muted\">—</span>");

    public static string Path(params ReadOnlySpan<string> segments)
    {
        var sb = new StringBuilder();
        foreach (var segment in segments)
        {
            sb.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return sb.ToString();
    }
}

[InterpolatedStringHandler]
internal readonly ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount, Html html)
    {
        _ = literalLength;
        _ = formattedCount;
        _sb = html.Builder;
    }

    public void AppendLiteral(string value) => _sb.Append(value);

    public void AppendFormatted(Raw value) => _sb.Append(value.Value);

    public void AppendFormatted(Html value) => _sb.Append(value.Builder);

    public void AppendFormatted(string? value) => _sb.Append(WebUtility.HtmlEncode(value ?? ""));

    public void AppendFormatted(DateTimeOffset value) => _sb.Append(Html.Time(value));

    public void AppendFormatted<T>(T value) =>
        _sb.Append(WebUtility.HtmlEncode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? ""));
}

/// <summary>The page layout, the stylesheet and the auto-refresh script; all inline, no external assets.</summary>
internal static class Layout
{
    public const string SandboxName = "Gorgias Sandbox";

    /// <summary>A full page. <paramref name="live"/> adds the script that re-fetches <c>#live</c> every 2 s.</summary>
    public static IResult Page(HttpContext http, string title, string? account, Html body, bool live = false, int status = 200)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var page = new Html();
        page.Add($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · {(account is null ? SandboxName : account + " · " + SandboxName)}</title>
            <link rel="icon" href="data:,">
            <style>{new Raw(Css)}</style>
            </head><body>
            <header class="top"><div class="wrap">
            <a class="brand" href="/">{SandboxName}</a>
            """);
        if (account is not null)
        {
            var root = Html.Path(account, "app");
            page.Add($"""
                <a class="account" href="{root}" title="Account dashboard">{account}</a>
                <nav>
                <a href="{root}/tickets">Tickets</a>
                <a href="{root}/write-in">Write in</a>
                <a href="{root}/apps">App Store</a>
                <a href="{root}/integrations">Integrations</a>
                <a href="{root}/api-keys">API keys</a>
                </nav>
                """);
        }

        page.Add($"""
            </div></header>
            <main class="wrap">
            {body}
            </main>
            """);
        if (live)
        {
            page.Add($"<script nonce=\"{nonce}\">{new Raw(LiveScript)}</script>");
        }

        page.Add($"</body></html>");

        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>Just the markup of the live region, for the auto-refresh script.</summary>
    public static IResult Fragment(HttpContext http, Html fragment)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(fragment.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }

    public static IResult NotFound(HttpContext http, string what, string? account = null)
    {
        var body = new Html().Add($"""
            <h1>Not found</h1>
            <p class="notice error">{what}</p>
            <p><a href="/">Back to the accounts</a></p>
            """);
        return Page(http, "Not found", account, body, status: 404);
    }

    /// <summary>A notice box (info or error) at the top of a page.</summary>
    public static Html Notice(string? text, bool error = false) =>
        text is null ? new Html() : new Html().Add($"<p class=\"notice{(error ? new Raw(" error") : Raw.Empty)}\" role=\"status\">{text}</p>");

    // Re-fetches the page with ?fragment=1 every 2 s and swaps #live's content; pauses while the tab is hidden.
    private const string LiveScript = """
        (function () {
          var live = document.getElementById('live');
          var status = document.getElementById('live-status');
          if (!live) return;
          var url = new URL(window.location.href);
          url.searchParams.set('fragment', '1');
          var last = null, busy = false;
          function tick() {
            if (busy || document.hidden) return;
            busy = true;
            fetch(url, { cache: 'no-store', credentials: 'same-origin' })
              .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
              .then(function (text) {
                if (text !== last) { if (last !== null) live.innerHTML = text; last = text; }
                if (status) { status.textContent = 'live'; status.className = 'live-status on'; }
              })
              .catch(function () { if (status) { status.textContent = 'offline'; status.className = 'live-status off'; } })
              .then(function () { busy = false; });
          }
          tick();
          setInterval(tick, 2000);
        })();
        """;

    private const string Css = """
        :root { --fg:#1f2933; --muted:#6b7785; --line:#e3e7ec; --bg:#f6f7f9; --brand:#1b1f3b; --accent:#2f6fed; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif; color:var(--fg); background:var(--bg); }
        a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
        .wrap { max-width:1240px; margin:0 auto; padding:0 20px; }
        header.top { background:var(--brand); color:#fff; }
        header.top .wrap { display:flex; align-items:center; gap:18px; height:48px; }
        header.top a { color:#fff; }
        .brand { font-weight:700; letter-spacing:.2px; }
        .account { background:rgba(255,255,255,.14); padding:3px 10px; border-radius:12px; font-weight:600; }
        header nav { display:flex; gap:16px; margin-left:auto; }
        header nav a { opacity:.85; } header nav a:hover { opacity:1; }
        main.wrap { padding:22px 20px 48px; }
        h1 { font-size:22px; margin:6px 0 14px; } h2 { font-size:16px; margin:26px 0 10px; }
        .muted { color:var(--muted); } .small { font-size:12px; }
        .row { display:flex; align-items:center; gap:12px; flex-wrap:wrap; }
        .row .spacer { flex:1; }
        table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); border-radius:6px; overflow:hidden; }
        th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
        th { background:#fafbfc; font-weight:600; font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.3px; white-space:nowrap; }
        tr:last-child td { border-bottom:none; }
        tbody tr:hover { background:#f9fbff; }
        td.num, th.num { text-align:right; } td.nowrap { white-space:nowrap; }
        td.subject { max-width:360px; }
        code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
        pre { background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 12px; overflow:auto; white-space:pre-wrap; word-break:break-all; }
        .chip { display:inline-block; padding:1px 8px; margin:1px 3px 1px 0; border-radius:10px; font-size:12px; font-weight:600; white-space:nowrap; }
        .badge { display:inline-block; padding:1px 7px; border-radius:4px; font-size:12px; background:#eef0f3; color:#3e4a57; white-space:nowrap; }
        .badge.open, .badge.active, .badge.success, .badge.installed { background:#e2f6e9; color:#17733b; }
        .badge.closed, .badge.revoked { background:#eceef1; color:#596573; }
        .badge.high, .badge.failed, .badge.deactivated, .badge.error, .badge.gave-up { background:#fde8e8; color:#b42318; }
        .badge.critical { background:#b42318; color:#fff; }
        .badge.low { background:#eef4ff; color:#3556a8; }
        .badge.retrying, .badge.spam, .badge.trashed { background:#fff4db; color:#8a5a00; }
        .notice { background:#eef4ff; border:1px solid #c9dafc; padding:8px 12px; border-radius:6px; }
        .notice.error { background:#fdecec; border-color:#f5c2c0; color:#8f1d14; }
        .notice.warn { background:#fff7e0; border-color:#f3dd9b; color:#6b4e00; }
        .cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(220px,1fr)); gap:12px; }
        .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 16px; }
        .card .big { font-size:24px; font-weight:700; }
        .card a.title { font-weight:600; font-size:15px; }
        .cards.apps { grid-template-columns:1fr; max-width:920px; }
        code.url { word-break:break-all; }
        .nowrap { white-space:nowrap; }
        code.nowrap, td.nowrap code { white-space:nowrap; }
        .triggers code { display:block; white-space:nowrap; }
        .card table { margin-top:8px; }
        form.panel, .panel { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px; }
        form.panel { max-width:720px; }
        label { display:block; font-weight:600; margin:10px 0 4px; }
        label .muted { font-weight:400; }
        input[type=text], input[type=email], select, textarea { width:100%; padding:7px 9px; border:1px solid #cbd2d9; border-radius:5px; font:inherit; background:#fff; }
        textarea { min-height:110px; resize:vertical; }
        .field-error { color:#b42318; font-size:12.5px; margin-top:3px; }
        .invalid { border-color:#d92d20 !important; }
        button, .button { display:inline-block; background:var(--accent); color:#fff; border:0; border-radius:5px; padding:7px 14px; font:inherit; font-weight:600; cursor:pointer; }
        button:hover, .button:hover { filter:brightness(.95); text-decoration:none; }
        button.danger { background:#d92d20; }
        .button.secondary { background:#fff; color:var(--accent); border:1px solid #c9dafc; }
        form.inline { display:inline; }
        .pager { display:flex; gap:12px; align-items:center; margin:10px 0; }
        .pager .disabled { color:#b3bcc6; }
        .meta-grid { display:grid; grid-template-columns:repeat(auto-fill,minmax(180px,1fr)); gap:8px 18px; background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
        .meta-grid div b { display:block; font-size:11px; text-transform:uppercase; letter-spacing:.3px; color:var(--muted); font-weight:600; }
        .thread { display:flex; flex-direction:column; gap:10px; }
        .msg { max-width:78%; border-radius:8px; padding:10px 12px; border:1px solid var(--line); background:#fff; }
        .msg.customer { align-self:flex-start; }
        .msg.agent { align-self:flex-end; background:#eaf1ff; border-color:#c9dafc; }
        .msg.note { align-self:flex-end; background:#fff8dc; border-color:#f0dc9a; }
        .msg .who { font-size:12px; color:var(--muted); margin-bottom:4px; }
        .msg .who b { color:var(--fg); }
        .msg .body { white-space:pre-wrap; word-wrap:break-word; }
        .live-status { font-size:12px; padding:1px 8px; border-radius:10px; background:#eceef1; color:#596573; }
        .live-status.on { background:#e2f6e9; color:#17733b; } .live-status.off { background:#fde8e8; color:#b42318; }
        .empty { padding:18px; text-align:center; color:var(--muted); background:#fff; border:1px dashed var(--line); border-radius:6px; }
        """;
}
