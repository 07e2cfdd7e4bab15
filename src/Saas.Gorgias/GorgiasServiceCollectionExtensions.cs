using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Gorgias.OAuth;

namespace Saas.Gorgias;

public static class GorgiasServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="GorgiasOptions"/> bound from the <c>Gorgias</c> section and validated at start-up, and the typed
    /// clients <see cref="GorgiasOAuthClient"/> and <see cref="GorgiasApiClient"/>. The API client's handlers, outermost
    /// first: resilience (total timeout, retry, per-tenant circuit breaker, attempt timeout; options
    /// <see cref="GorgiasResilienceOptions"/>), then <see cref="GorgiasCallHandler"/> per attempt (rate gate, token,
    /// 401 renewal). The gate and the token source are registered with TryAdd so the app can put its own first: by
    /// default a pass-through gate and no token source (callers then need a fixed token).
    /// </summary>
    public static IServiceCollection AddGorgiasClients(this IServiceCollection services)
    {
        services.AddOptions<GorgiasOptions>()
            .BindConfiguration(GorgiasOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GorgiasOptions>, GorgiasOptionsValidator>());
        services.AddHttpClient<GorgiasOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddOptions<GorgiasResilienceOptions>()
            .BindConfiguration(GorgiasResilienceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GorgiasResilienceOptions>, GorgiasResilienceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGorgiasRateGate, PassThroughRateGate>();
        services.TryAddSingleton<IGorgiasAccessTokens, NoAccessTokens>();
        services.TryAddTransient<GorgiasCallHandler>();

        // The resilience pipeline's total timeout bounds a call; HttpClient's own timeout would cut across retries.
        services.AddHttpClient<GorgiasApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddGorgiasResilience()
            .AddHttpMessageHandler<GorgiasCallHandler>();
        return services;
    }
}
