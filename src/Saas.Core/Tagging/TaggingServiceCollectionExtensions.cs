using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Saas.Core.Intake;
using Saas.Core.Tenancy;

namespace Saas.Core.Tagging;

public static class TaggingServiceCollectionExtensions
{
    /// <summary>
    /// Live tagging: the inbox handler that runs the tenant's rules on every ticket event (see docs/tagging.md), its
    /// options (section <c>Tagging</c>, validated at start-up) and metrics (meter <c>Saas.Tagging</c>).
    /// Register before <c>AddIntake</c> (which adds its default handler only when none is registered).
    /// </summary>
    public static IServiceCollection AddTagging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TaggingOptions>().BindConfiguration(TaggingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaggingOptions>, TaggingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<TaggingMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IInboxEventHandler, TaggingInboxHandler>());
        return services;
    }

    /// <summary>Maps the dry run and the rule runs of a ticket under <c>/api/tenants/{tenant}</c>.</summary>
    public static IEndpointRouteBuilder MapTagging(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapTenantApi();
        api.MapPost("/rules/dry-run", TaggingEndpoints.DryRunAsync);
        api.MapGet("/tickets/{ticketId:long}/rule-runs", TaggingEndpoints.RunsAsync);
        return endpoints;
    }
}
