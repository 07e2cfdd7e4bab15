using Gorgias.Sandbox.Api;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Generator;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.RateLimiting;
using Gorgias.Sandbox.Webhooks;
using Gorgias.Sandbox.Ui;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Hosting;

/// <summary>The sandbox's service registrations and endpoint maps (one call each from Program.cs or <see cref="SandboxHost"/>).</summary>
public static class SandboxSetup
{
    public static WebApplicationBuilder AddGorgiasSandbox(this WebApplicationBuilder builder, Action<SandboxOptions>? configure = null)
    {
        var services = builder.Services;
        var options = services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.PostConfigure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SandboxStore(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OAuthStore>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<OAuthGrants>();
        services.AddSingleton<OAuthBrowserState>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<CursorBook>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<SandboxSeeder>();
        services.AddHostedService<SandboxStartup>();
        services.AddHttpClient();
        services.AddSandboxWebhooks();
        services.AddSingleton<Timers.TicketTimerService>();
        services.AddHostedService(sp => sp.GetRequiredService<Timers.TicketTimerService>());
        services.AddAntiforgery();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        });
        return builder;
    }

    public static WebApplication MapGorgiasSandbox(this WebApplication app)
    {
        app.MapGorgiasApi();
        app.MapGorgiasOAuth();
        app.MapSandboxControl();
        app.MapHelpdeskUi();
        return app;
    }
}

/// <summary>Seeds the configured accounts and apps when the host starts.</summary>
internal sealed class SandboxStartup(SandboxSeeder seeder, IOptions<SandboxOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        seeder.RegisterApps();
        if (options.Value.SeedOnStart)
        {
            seeder.SeedConfiguredAccounts();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
