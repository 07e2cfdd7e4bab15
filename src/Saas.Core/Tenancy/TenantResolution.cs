using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Saas.Gorgias;

namespace Saas.Core.Tenancy;

/// <summary>What a request names as its tenant: an id or a Gorgias account (or something malformed, which matches no tenant).</summary>
public readonly record struct TenantKey(Guid? Id, string? Account)
{
    public static TenantKey ForId(Guid id) => new(id, null);

    public static TenantKey ForAccount(string account) => new(null, account);

    /// <summary>A tenant id if the text is a GUID, else an account (looked up only if it is a valid subdomain).</summary>
    public static TenantKey Parse(string text) =>
        Guid.TryParse(text, CultureInfo.InvariantCulture, out var id) ? ForId(id) : ForAccount(text);

    public override string ToString() => Id?.ToString() ?? (GorgiasAccount.TryParse(Account, out var account) ? account.Subdomain : "(malformed)");
}

/// <summary>
/// A way to tell which tenant an HTTP request is for (Finbuckle's strategy). Strategies only read the request; the
/// resolver looks the keys up in the <see cref="ITenantStore"/>. Register more with
/// <c>services.AddSingleton&lt;ITenantResolutionStrategy, MyStrategy&gt;()</c>.
/// </summary>
public interface ITenantResolutionStrategy
{
    /// <summary>The tenant the request names, or null when this strategy finds nothing in it.</summary>
    TenantKey? GetKey(HttpContext context);
}

/// <summary>
/// The route: a <c>{tenant}</c> value (a tenant id or an account) or an <c>{account}</c> value, e.g.
/// <c>/portal/{account}/rules</c> or <c>/webhooks/gorgias/{tenant}</c>.
/// </summary>
internal sealed class RouteTenantStrategy : ITenantResolutionStrategy
{
    public const string TenantRouteValue = "tenant";
    public const string AccountRouteValue = "account";

    public TenantKey? GetKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.RouteValues.TryGetValue(TenantRouteValue, out var tenant) && tenant is not null)
        {
            return TenantKey.Parse(Convert.ToString(tenant, CultureInfo.InvariantCulture) ?? "");
        }

        if (context.Request.RouteValues.TryGetValue(AccountRouteValue, out var account) && account is not null)
        {
            return TenantKey.ForAccount(Convert.ToString(account, CultureInfo.InvariantCulture) ?? "");
        }

        return null;
    }
}

/// <summary>The signed-in user's <see cref="TenantClaimTypes.TenantId"/> claim (the portal's merchant sign-in issues it).</summary>
internal sealed class ClaimTenantStrategy : ITenantResolutionStrategy
{
    public TenantKey? GetKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var claim = context.User.FindFirst(TenantClaimTypes.TenantId);
        return claim is null ? null
            : Guid.TryParse(claim.Value, CultureInfo.InvariantCulture, out var id) ? TenantKey.ForId(id)
            : new TenantKey(null, null);
    }
}

/// <summary>Claim types of the tenancy module.</summary>
public static class TenantClaimTypes
{
    /// <summary>The tenant id a merchant's sign-in is bound to.</summary>
    public const string TenantId = "tenant_id";
}

/// <summary>
/// Runs every strategy and settles on one tenant, or none. All keys the request carries must name the same existing
/// tenant: a key for an unknown tenant, or two strategies naming different tenants (a route for tenant B with a
/// sign-in for tenant A), resolves to no tenant, so tenant-owned data stays out of reach.
/// </summary>
public sealed partial class TenantResolver(
    IEnumerable<ITenantResolutionStrategy> strategies, ITenantStore store, ILogger<TenantResolver> logger)
{
    public async Task<TenantInfo?> ResolveAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        TenantInfo? resolved = null;
        foreach (var strategy in strategies)
        {
            if (strategy.GetKey(context) is not { } key)
            {
                continue;
            }

            var tenant = await FindAsync(key, cancellationToken).ConfigureAwait(false);
            if (tenant is null)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    LogUnknown(logger, strategy.GetType().Name, key);
                }

                return null;
            }

            if (resolved is not null && resolved.Id != tenant.Id)
            {
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    LogConflict(logger, resolved.Id, tenant.Id, strategy.GetType().Name);
                }

                return null;
            }

            resolved = tenant;
        }

        return resolved;
    }

    private Task<TenantInfo?> FindAsync(TenantKey key, CancellationToken cancellationToken) =>
        key.Id is { } id ? store.FindByIdAsync(id, cancellationToken)
        : key.Account is { } account ? store.FindByAccountAsync(account, cancellationToken)
        : Task.FromResult<TenantInfo?>(null);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "The request names an unknown tenant ({Strategy}: {Key}); no tenant")]
    private static partial void LogUnknown(ILogger logger, string strategy, TenantKey key);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The request names two tenants ({First} and {Second} from {Strategy}); no tenant")]
    private static partial void LogConflict(ILogger logger, Guid first, Guid second, string strategy);
}

/// <summary>Resolves the request's tenant and makes it current for the rest of the pipeline.</summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantResolver resolver, TenantContext tenants)
    {
        var tenant = await resolver.ResolveAsync(context, context.RequestAborted).ConfigureAwait(false);
        if (tenant is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        using (tenants.Begin(tenant.Id))
        {
            await next(context).ConfigureAwait(false);
        }
    }
}
