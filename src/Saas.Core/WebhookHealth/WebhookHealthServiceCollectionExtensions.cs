using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Saas.Core.WebhookHealth;

public static class WebhookHealthServiceCollectionExtensions
{
    /// <summary>
    /// The webhook self-healing: <see cref="WebhookHealthOptions"/> (validated at start-up), the checker, the
    /// <see cref="WebhookHealth"/> entry point and the start-up step that schedules the cluster's reminder. Needs the
    /// data, install, intake and workers features (the grains run in the app's silo) and the Gorgias client.
    /// </summary>
    public static IServiceCollection AddWebhookHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WebhookHealthOptions>().BindConfiguration(WebhookHealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<WebhookHealthChecker>();
        services.TryAddSingleton<WebhookHealth>();
        services.AddHostedService<WebhookHealthStartup>();
        return services;
    }
}
