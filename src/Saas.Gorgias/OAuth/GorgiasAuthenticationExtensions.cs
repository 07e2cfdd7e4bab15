using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Saas.Gorgias.OAuth;

public static class GorgiasAuthenticationExtensions
{
    /// <summary>
    /// The Gorgias OAuth handler (scheme <see cref="GorgiasAuthenticationDefaults.AuthenticationScheme"/>), configured
    /// from <see cref="GorgiasOptions"/> (client, scopes, PKCE, account template); <paramref name="configure"/> runs after.
    /// </summary>
    public static AuthenticationBuilder AddGorgias(this AuthenticationBuilder builder, Action<GorgiasAuthenticationOptions>? configure = null)
    {
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton<IOAuthStateReplayGuard, MemoryStateReplayGuard>();
        builder.Services.AddOptions<GorgiasAuthenticationOptions>(GorgiasAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<GorgiasOptions>>((auth, gorgias) =>
            {
                var o = gorgias.Value;
                auth.ClientId = o.ClientId;
                auth.ClientSecret = o.ClientSecret;
                auth.AccountBaseUrl = o.AccountBaseUrl;
                auth.UsePkce = o.UsePkce;
                auth.Scope.Clear();
                foreach (var scope in o.ScopeList)
                {
                    auth.Scope.Add(scope);
                }

                // Connections are recycled so DNS changes of {account}.gorgias.com are seen; no redirects on the back channel.
                auth.BackchannelHttpHandler ??= new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
            });
        return builder.AddOAuth<GorgiasAuthenticationOptions, GorgiasAuthenticationHandler>(
            GorgiasAuthenticationDefaults.AuthenticationScheme,
            GorgiasAuthenticationDefaults.DisplayName,
            options => configure?.Invoke(options));
    }
}
