using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Saas.Core.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    /// <summary>
    /// The tenancy module: a <see cref="TenantContext"/> per DI scope (also as <see cref="ITenantContext"/>), the
    /// tenant store, the route and claim strategies (in that order), the resolver and
    /// <see cref="ITenantDbContextFactory"/>. Called by <c>AddSaasData</c>; calling it again adds nothing.
    /// </summary>
    public static IServiceCollection AddSaasTenancy(this IServiceCollection services)
    {
        services.TryAddScoped<TenantContext>();
        services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.TryAddScoped<ITenantStore, EfTenantStore>();
        services.TryAddScoped<TenantResolver>();
        services.TryAddSingleton<ITenantDbContextFactory, TenantDbContextFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITenantResolutionStrategy, RouteTenantStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITenantResolutionStrategy, ClaimTenantStrategy>());
        return services;
    }

    /// <summary>
    /// Resolves each request's tenant (route, then claim) and makes it current for the rest of the pipeline. Put it
    /// after authentication (for the claim) and after routing (for route values; <c>WebApplication</c> routes first).
    /// </summary>
    public static IApplicationBuilder UseSaasTenancy(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();
}
