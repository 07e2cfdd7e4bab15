using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Saas.Core.Intake;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// The webhook intake and the inbox: <see cref="IntakeOptions"/> (validated at start-up), the tenant cache, the
    /// group-commit writer, <see cref="ITenantInboxProcessor"/>, the default <see cref="IInboxEventHandler"/> (added
    /// only when none is registered), <see cref="InboxSupport"/>, the local <see cref="IInboxDispatcher"/> (TryAdd: the
    /// tenant grain's dispatcher, registered first, wins) and the sweeper. Needs the data feature.
    /// </summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IntakeTenantCache>();
        services.TryAddSingleton<InboxWriter>();
        services.TryAddSingleton<IIntakePressure>(sp => sp.GetRequiredService<InboxWriter>());
        services.TryAddSingleton<ITenantInboxProcessor, InboxProcessor>();
        services.TryAddScoped<InboxRound>();
        if (!services.Any(d => d.ServiceType == typeof(IInboxEventHandler)))
        {
            services.AddSingleton<IInboxEventHandler, SeenInboxEventHandler>();
        }

        services.TryAddSingleton(sp => new InboxSupport(
            sp.GetRequiredService<Tenancy.ITenantDbContextFactory>(), sp.GetRequiredService<IInboxDispatcher>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<LocalInboxDispatcher>();
        services.TryAddSingleton<IInboxDispatcher>(sp => sp.GetRequiredService<LocalInboxDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<LocalInboxDispatcher>());
        services.AddSingleton<InboxSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxSweeper>());
        return services;
    }

    /// <summary>Maps <c>POST /webhooks/gorgias/{tenantId}</c> (see docs/intake.md).</summary>
    public static IEndpointConventionBuilder MapIntake(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(IntakeEndpoint.Route, IntakeEndpoint.HandleAsync).ExcludeFromDescription();
    }
}
