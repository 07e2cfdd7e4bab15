using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Gorgias.Sandbox.OAuth;

/// <summary>A browser's session on one account's helpdesk: anonymous until the person signs in.</summary>
internal sealed record BrowserSession(string Id, string Account, long? UserId, DateTimeOffset ExpiresAt);

/// <summary>An authorize request waiting for the person to sign in and approve or deny it.</summary>
internal sealed class PendingAuthorization
{
    public required string Id { get; init; }

    /// <summary>The anti-forgery token the page's forms carry back.</summary>
    public required string Csrf { get; init; }

    public required string Account { get; init; }
    public required string SessionId { get; init; }
    public required string ClientId { get; init; }
    public required string RedirectUri { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public string? State { get; init; }
    public string? Nonce { get; init; }
    public string? CodeChallenge { get; init; }

    /// <summary>The authorize query string, to start over after signing in or out.</summary>
    public required string Query { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The signed-in user the consent page was shown to.</summary>
    public long? UserId { get; set; }
}

/// <summary>Browser sessions (the <c>gorgias_sandbox_session</c> cookie, path-scoped to an account) and pending authorize requests.</summary>
internal sealed class OAuthBrowserState(TimeProvider clock)
{
    public const string SessionCookie = "gorgias_sandbox_session";

    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, BrowserSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingAuthorization> _pending = new(StringComparer.Ordinal);

    /// <summary>The browser's live session on <paramref name="account"/>, if its cookie names one.</summary>
    public BrowserSession? Find(HttpContext http, string account) =>
        http.Request.Cookies[SessionCookie] is { } id
        && _sessions.TryGetValue(id, out var session)
        && session.Account == account
        && session.ExpiresAt > clock.GetUtcNow()
            ? session
            : null;

    /// <summary>The browser's session on the account, a new anonymous one (and its cookie) when it has none.</summary>
    public BrowserSession GetOrStart(HttpContext http, string account) =>
        Find(http, account) ?? Start(http, account, userId: null);

    /// <summary>A new session (signing in or out changes the session id) and its cookie, scoped to the account's path.</summary>
    public BrowserSession Start(HttpContext http, string account, long? userId)
    {
        if (http.Request.Cookies[SessionCookie] is { } old)
        {
            _sessions.TryRemove(old, out _);
        }

        var now = clock.GetUtcNow();
        foreach (var (key, expired) in _sessions)
        {
            if (expired.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }

        var session = new BrowserSession(OAuthGrants.RandomToken(), account, userId, now + SessionLifetime);
        _sessions[session.Id] = session;
        http.Response.Cookies.Append(SessionCookie, session.Id, new CookieOptions
        {
            Path = $"{http.Request.PathBase}/{account}",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            IsEssential = true,
        });
        return session;
    }

    public PendingAuthorization AddPending(
        BrowserSession session,
        string clientId,
        string redirectUri,
        IReadOnlyList<string> scopes,
        string? state,
        string? nonce,
        string? codeChallenge,
        string query)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, expired) in _pending)
        {
            if (expired.ExpiresAt <= now)
            {
                _pending.TryRemove(key, out _);
            }
        }

        var pending = new PendingAuthorization
        {
            Id = OAuthGrants.RandomToken(16),
            Csrf = OAuthGrants.RandomToken(),
            Account = session.Account,
            SessionId = session.Id,
            ClientId = clientId,
            RedirectUri = redirectUri,
            Scopes = scopes,
            State = state,
            Nonce = nonce,
            CodeChallenge = codeChallenge,
            Query = query,
            ExpiresAt = now + PendingLifetime,
        };
        _pending[pending.Id] = pending;
        return pending;
    }

    /// <summary>
    /// The pending request a page's form refers to, when the anti-forgery token matches and the form comes back from
    /// the same browser session that was shown the page.
    /// </summary>
    public PendingAuthorization? FindPending(HttpContext http, string account, string? requestId, string? csrf)
    {
        if (requestId is null || csrf is null
            || !_pending.TryGetValue(requestId, out var pending)
            || pending.Account != account
            || pending.ExpiresAt <= clock.GetUtcNow()
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pending.Csrf), Encoding.UTF8.GetBytes(csrf))
            || http.Request.Cookies[SessionCookie] != pending.SessionId)
        {
            return null;
        }

        return pending;
    }

    /// <summary>Takes the pending request out (approve and deny are single use); false when another request took it first.</summary>
    public bool Complete(PendingAuthorization pending) => _pending.TryRemove(pending.Id, out _);
}
