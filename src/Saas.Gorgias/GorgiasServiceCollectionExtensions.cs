using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Saas.Gorgias.Api;
using Saas.Gorgias.OAuth;

namespace Saas.Gorgias;

public static class GorgiasServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="GorgiasOptions"/> bound from the <c>Gorgias</c> section and validated at start-up, and the typed
    /// clients <see cref="GorgiasOAuthClient"/> and <see cref="GorgiasApiClient"/>.
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
        services.AddHttpClient<GorgiasApiClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
