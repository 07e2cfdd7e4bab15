using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Saas.Web.Tests;

/// <summary>A bad setting stops the app at start-up with a message naming it.</summary>
public sealed class ConfigurationShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Gorgias:ClientId", "", "Gorgias:ClientId is required: the client id of the app in the Gorgias Developer Portal.")]
    [InlineData("Gorgias:ClientSecret", "", "Gorgias:ClientSecret is required")]
    [InlineData("App:PublicBaseUrl", "", "App:PublicBaseUrl is required")]
    [InlineData("App:PublicBaseUrl", "autopilot.example.com", "App:PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("Gorgias:AccountBaseUrl", "https://acme.gorgias.com", "Gorgias:AccountBaseUrl must contain the placeholder {account}")]
    [InlineData("Gorgias:AccountBaseUrl", "ftp://{account}.gorgias.com", "Gorgias:AccountBaseUrl must be an absolute http(s) URL")]
    [InlineData("Gorgias:Scopes", "openid write:all", "Gorgias:Scopes must include 'offline'")]
    [InlineData("App:PurgeGracePeriod", "-1.00:00:00", "App:PurgeGracePeriod must be between")]
    [InlineData("WebhookHealth:Interval", "00:00:10", "WebhookHealth:Interval must be between 1 minute and 1 day")]
    [InlineData("WebhookHealth:MaxEventsPerCheck", "5", "WebhookHealth:MaxEventsPerCheck must be between")]
    public async Task Refuse_to_start_with_a_clear_message(string key, string value, string message)
    {
        var settings = ValidSettings();
        settings[key] = value;
        await using var app = Build(settings);

        var failure = await Should.ThrowAsync<Exception>(() => app.StartAsync(Ct));

        Messages(failure).ShouldContain(m => m.Contains(message, StringComparison.Ordinal), failure.ToString());
    }

    [Fact]
    public async Task Start_with_valid_settings()
    {
        await using var app = Build(ValidSettings());

        await app.StartAsync(Ct);
        await app.StopAsync(Ct);
    }

    private static Dictionary<string, string?> ValidSettings() => new(StringComparer.Ordinal)
    {
        ["App:PublicBaseUrl"] = "https://autopilot.example.com",
        ["App:DataFolder"] = Path.Combine(Path.GetTempPath(), "saas-web-tests", Guid.NewGuid().ToString("N")),
        ["Gorgias:ClientId"] = "client",
        ["Gorgias:ClientSecret"] = "secret",
    };

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var app = SaasWebApp.Create([], Environments.Production, b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
            b.Configuration.AddInMemoryCollection(settings);
        }).Build();
        app.MapSaas();
        return app;
    }

    private static IEnumerable<string> Messages(Exception failure) => failure is AggregateException aggregate
        ? aggregate.Flatten().InnerExceptions.Select(e => e.Message).Append(failure.Message)
        : [failure.Message, .. failure.InnerException is { } inner ? Messages(inner) : []];
}
