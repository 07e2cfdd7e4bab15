using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.RateLimiting;

namespace Gorgias.Sandbox.Api;

/// <summary>
/// Endpoint metadata: the resource scope an API endpoint needs (<c>tickets</c> → <c>tickets:read</c> / <c>tickets:write</c>);
/// any of <paramref name="Alternatives"/> is accepted too (for resources whose Gorgias scope is unconfirmed).
/// </summary>
internal sealed record ScopeMetadata(string Resource, params string[] Alternatives);

/// <summary>What the gate resolved for the request, for the handlers.</summary>
internal sealed record ApiCall(AccountState Account, Caller Caller);

internal static class ApiCallExtensions
{
    public static ApiCall Api(this HttpContext context) =>
        (ApiCall)context.Items[typeof(ApiCall)]!;

    /// <summary>Declares the resource scope of the endpoints (GET needs <c>X:read</c>, other methods <c>X:write</c>).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string resource, params string[] alternatives)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeMetadata(resource, alternatives));
}

/// <summary>
/// Every <c>/{account}/api/...</c> request passes here: the account must exist; the credential (Bearer access token or
/// HTTP Basic email:api_key) must be valid for this account and carry the scope; faults apply; the leaky bucket
/// counts the request and every answer carries <c>X-Gorgias-Account-Api-Call-Limit</c>; the request is logged.
/// </summary>
internal sealed class ApiGate(
    SandboxStore store,
    TokenService tokens,
    RateLimiter limiter,
    TimeProvider clock) : IEndpointFilter
{
    public const string CallLimitHeader = "X-Gorgias-Account-Api-Call-Limit";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var domain = http.GetRouteValue("account") as string ?? "";
        var account = store.Find(domain);
        if (account is null)
        {
            return ApiErrors.Error(404, $"Account '{domain}' does not exist.");
        }

        var log = RequestLogScope.Begin(http, account, clock);
        var caller = Authenticate(http, account, out var authError);
        if (caller is null)
        {
            return ApiErrors.Unauthorized(authError!);
        }

        log.Credential = caller.Label;
        log.ClientId = caller.ClientId;

        if (http.GetEndpoint()?.Metadata.GetMetadata<ScopeMetadata>() is { } scope
            && !HasScope(caller, scope.Resource, http.Request.Method)
            && !scope.Alternatives.Any(alternative => HasScope(caller, alternative, http.Request.Method)))
        {
            var needed = $"{scope.Resource}:{(HttpMethods.IsGet(http.Request.Method) ? "read" : "write")}";
            return ApiErrors.Forbidden($"This access token lacks the scope {needed}.");
        }

        var faults = account.Faults;
        TimeSpan latency;
        bool serverError;
        int serverErrorStatus;
        int? storm = null;
        lock (faults.Sync)
        {
            latency = faults.ApiLatency;
            serverError = faults.ServerErrorRate > 0 && faults.Random.NextDouble() < faults.ServerErrorRate;
            serverErrorStatus = faults.ServerErrorStatus;
            if (faults.RateLimitStormUntil is { } until && until > clock.GetUtcNow())
            {
                storm = faults.StormRetryAfterSeconds;
            }
        }

        if (latency > TimeSpan.Zero)
        {
            log.AddFault("latency");
            await Task.Delay(latency, clock, http.RequestAborted);
        }

        if (storm is { } stormRetryAfter)
        {
            log.AddFault("429-storm");
            var (limit, _) = limiter.LimitFor(account, caller.Kind);
            http.Response.Headers[CallLimitHeader] = $"{limit}/{limit}";
            http.Response.Headers.RetryAfter = stormRetryAfter.ToString(CultureInfo.InvariantCulture);
            log.RateLimit = "throttled";
            return ApiErrors.Error(429, "Too many requests.");
        }

        var decision = limiter.Acquire(account, caller);
        http.Response.Headers[CallLimitHeader] = $"{decision.Used}/{decision.Limit}";
        log.RateLimit = $"{decision.Used}/{decision.Limit}";
        if (!decision.Allowed)
        {
            http.Response.Headers["Retry-after"] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            log.RateLimit = "throttled";
            return ApiErrors.Error(429, $"Too many requests: the account's API limit of {decision.Limit} calls is reached. Retry after {decision.RetryAfterSeconds} seconds.");
        }

        if (serverError)
        {
            log.AddFault("5xx");
            return ApiErrors.Error(serverErrorStatus, "Internal server error (injected by the sandbox).");
        }

        http.Items[typeof(ApiCall)] = new ApiCall(account, caller);
        return await next(context);
    }

    private static bool HasScope(Caller caller, string resource, string method)
    {
        if (caller.Kind == CredentialKind.ApiKey || caller.Scopes.Contains("write:all"))
        {
            return true;
        }

        var write = caller.Scopes.Contains(resource + ":write");
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            ? write || caller.Scopes.Contains(resource + ":read")
            : write;
    }

    private Caller? Authenticate(HttpContext http, AccountState account, out string? error)
    {
        error = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return tokens.Validate(account, header["Bearer ".Length..].Trim(), out error);
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                error = "Malformed HTTP Basic credentials.";
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var email = decoded[..colon];
                var key = decoded[(colon + 1)..];
                lock (account.Sync)
                {
                    foreach (var user in account.Users.All)
                    {
                        if (user.Active && string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase)
                            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                                Encoding.UTF8.GetBytes(user.ApiKey), Encoding.UTF8.GetBytes(key)))
                        {
                            return new Caller(CredentialKind.ApiKey, user, null, new HashSet<string>(), null);
                        }
                    }
                }
            }

            error = "Invalid API key or email.";
            return null;
        }

        error = header.Length == 0
            ? "Authentication required: send an OAuth access token (Bearer) or an API key (HTTP Basic)."
            : "Unsupported authorization scheme.";
        return null;
    }
}
