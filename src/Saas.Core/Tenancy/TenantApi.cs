using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Saas.Core.Tenancy;

/// <summary>
/// The tenant-scoped JSON API the portal uses: <c>/api/tenants/{tenant}/…</c> (a tenant id or account). The tenancy
/// middleware resolves <c>{tenant}</c>; the group's filter answers 404 when it names no tenant and lets a request in
/// only for the tenant's own sign-in (a <see cref="TenantClaimTypes.TenantId"/> claim of that tenant) or, until the
/// portal brings "Sign in with Gorgias", in Development. Features map onto the group:
/// <c>endpoints.MapTenantApi().MapGet("/rules", …)</c>.
/// </summary>
public static class TenantApi
{
    public const string Prefix = "/api/tenants/{tenant}";

    public static RouteGroupBuilder MapTenantApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGroup(Prefix).AddEndpointFilter<TenantApiAccessFilter>().ExcludeFromDescription();
    }

    /// <summary>The resolved tenant of a request that passed the filter.</summary>
    public static Guid TenantId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<ITenantContext>().TenantId
            ?? throw new InvalidOperationException("No tenant: the endpoint is not under MapTenantApi.");
    }
}

/// <summary>Who may call the tenant API (see <see cref="TenantApi"/>).</summary>
internal sealed class TenantApiAccessFilter(IWebHostEnvironment environment) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenantId = http.RequestServices.GetRequiredService<ITenantContext>().TenantId;
        if (tenantId is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tenant", detail: "The tenant in the URL does not exist.");
        }

        var claim = http.User.FindFirst(TenantClaimTypes.TenantId)?.Value;
        var signedInHere = http.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(claim, System.Globalization.CultureInfo.InvariantCulture, out var signedIn) && signedIn == tenantId;
        if (!signedInHere && !environment.IsDevelopment())
        {
            return http.User.Identity?.IsAuthenticated == true
                ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This sign-in is for another tenant.")
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required", detail: "Sign in to the portal first.");
        }

        return await next(context);
    }
}
