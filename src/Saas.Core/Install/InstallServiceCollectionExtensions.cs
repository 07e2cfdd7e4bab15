using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Saas.Gorgias;
using Saas.Gorgias.OAuth;

namespace Saas.Core.Install;

public static class InstallServiceCollectionExtensions
{
    /// <summary>The app's cookie scheme (the default authentication scheme).</summary>
    public const string SessionScheme = "Saas.Session";

    /// <summary>
    /// The install lifecycle: <see cref="AppOptions"/> (validated at start-up), the Gorgias clients and OAuth handler
    /// wired to <see cref="InstallService"/>, the disconnect/uninstall services and the hourly purge.
    /// Needs <c>SaasDbContext</c> and <c>ISecretStore</c> registered (data and secrets features).
    /// </summary>
    public static IServiceCollection AddInstall(this IServiceCollection services)
    {
        services.AddOptions<AppOptions>()
            .BindConfiguration(AppOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppOptions>, AppOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddGorgiasClients();

        // A cookie scheme is the default so the remote Gorgias scheme is never the default one (as the only scheme it
        // would be, and authenticating it forwards to its sign-in scheme: itself). Nothing signs in yet: the install
        // ends with a redirect (see InstallOAuthEvents); the portal issue decides what the merchant's session is.
        services.AddAuthentication(options => options.DefaultScheme = SessionScheme)
            .AddCookie(SessionScheme, options => options.Cookie.Name = ".Saas.Session")
            .AddGorgias(options => options.SignInScheme = SessionScheme);
        services.AddOptions<GorgiasAuthenticationOptions>(GorgiasAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AppOptions>>((options, app) =>
            {
                options.RedirectUri = app.Value.RedirectUri();

                // Lax is enough for the top-level GET back from Gorgias; Secure whenever the app is served over https.
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = app.Value.RedirectUri().Scheme == Uri.UriSchemeHttps
                    ? CookieSecurePolicy.Always
                    : CookieSecurePolicy.SameAsRequest;
                options.Events = new OAuthEvents
                {
                    OnCreatingTicket = InstallOAuthEvents.CreatingTicket,
                    OnTicketReceived = InstallOAuthEvents.TicketReceived,
                    OnAccessDenied = InstallOAuthEvents.AccessDenied,
                    OnRemoteFailure = InstallOAuthEvents.RemoteFailure,
                };
            });

        services.AddScoped<InstallService>();
        services.AddScoped<TenantLifecycle>();
        services.AddScoped<TenantTokens>();
        services.AddScoped<TenantPurger>();
        services.AddHostedService<TenantPurgeService>();
        return services;
    }
}
