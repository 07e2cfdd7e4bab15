using Gorgias.Sandbox.Control;
using System.Diagnostics;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api;

/// <summary>
/// The request-log entry of one request, filled in while it is served and written to the account's log when the
/// response completes. Shared by the API gate and the OAuth endpoints, so the log shows API calls and token requests.
/// </summary>
internal sealed class RequestLogScope
{
    public string? Credential { get; set; }
    public string? ClientId { get; set; }
    public string? RateLimit { get; set; }

    /// <summary>What else is worth knowing, e.g. <c>grant_type=refresh_token</c> for the token endpoint.</summary>
    public string? Detail { get; set; }

    public string? Fault { get; private set; }

    public void AddFault(string fault) => Fault = Fault is null ? fault : Fault + "," + fault;

    /// <summary>Starts the entry for this request (logged as its response starts) and makes it reachable through <see cref="Of"/>.</summary>
    public static RequestLogScope Begin(HttpContext http, AccountState account, TimeProvider clock)
    {
        var started = Stopwatch.GetTimestamp();
        var scope = new RequestLogScope();
        http.Items[typeof(RequestLogScope)] = scope;
        // Logged as the response starts, so a client that reads the log after its answer always finds the request
        // there (logging on completion raced with it); a response that never starts is logged on completion.
        var logged = 0;
        Task Log()
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                account.RequestLog.Add(new SandboxRequestLogEntry(
                    clock.GetUtcNow(),
                    http.Request.Method,
                    http.Request.Path + http.Request.QueryString,
                    http.Response.StatusCode,
                    scope.Credential,
                    scope.ClientId,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    scope.Fault,
                    scope.RateLimit,
                    scope.Detail));
            }

            return Task.CompletedTask;
        }

        http.Response.OnStarting(Log);
        http.Response.OnCompleted(Log);
        return scope;
    }

    /// <summary>The entry of the current request, or a detached one when the request is not logged.</summary>
    public static RequestLogScope Of(HttpContext http) =>
        http.Items.TryGetValue(typeof(RequestLogScope), out var scope) ? (RequestLogScope)scope! : new RequestLogScope();
}

/// <summary>Logs the OAuth endpoints of an existing account (<c>/{account}/oauth/...</c>) in its request log.</summary>
internal sealed class OAuthRequestLog(SandboxStore store, TimeProvider clock) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetRouteValue("account") is string domain && store.Find(domain) is { } account)
        {
            RequestLogScope.Begin(context.HttpContext, account, clock);
        }

        return next(context);
    }
}
