using Saas.Core.Budget;
using Saas.Core.Data;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Core.Install;
using Saas.Core.Workers;
using Saas.Core.Intake;
using Saas.Core.WebhookHealth;
using Saas.Core.Rules;
using Saas.Core.Tagging;

namespace Saas.Web;

/// <summary>
/// The app, assembled: <c>SaasWebApp.Create(args).Build()</c>, then <c>MapSaas()</c>. Usable in-process by the tests
/// and the demo (which add configuration and pick the URL before building).
/// </summary>
internal static class SaasWebApp
{
    /// <summary>A builder with every feature added; <paramref name="configure"/> runs first (configuration, logging, URLs).</summary>
    public static WebApplicationBuilder Create(string[] args, string? environmentName = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SaasWebApp).Assembly.GetName().Name,
            EnvironmentName = environmentName,
        });
        configure?.Invoke(builder);
        builder.AddSaas();
        return builder;
    }

    public static WebApplicationBuilder AddSaas(this WebApplicationBuilder builder)
    {
        builder.AddSaasData();
        builder.AddSaasSecrets();

        // The workers and budgets first: their implementations of the Gorgias client's token source and rate gate
        // and of the inbox dispatcher are TryAdd, like the defaults AddInstall and AddIntake register, so the first
        // wins; a test's replacements (registered before all of these) win over both.
        builder.AddSaasWorkers();
        builder.Services.AddAccountBudgets();
        builder.Services.AddInstall();
        builder.Services.AddRules();
        builder.Services.AddTagging();
        builder.Services.AddIntake();
        builder.Services.AddWebhookHealth();
        return builder;
    }

    public static WebApplication MapSaas(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseSaasTenancy();
        app.MapGet("/", InstallEndpoints.HomePage).ExcludeFromDescription();
        app.MapInstall();
        app.MapIntake();
        app.MapRules();
        app.MapTagging();
        return app;
    }
}
