using Saas.Core.Data;
using System.Globalization;
using Gorgias.Sandbox.Hosting;
using Saas.Core.Install;
using Saas.Web;

namespace Saas.Dev;

/// <summary>
/// The one-command demo: the Gorgias sandbox (accounts <c>acme</c> and <c>globex</c>) on
/// <c>http://127.0.0.1:5081</c> and the app on <c>http://127.0.0.1:5080</c> with embedded defaults (SQLite and local
/// secrets under <c>demo-data</c> next to the built demo, the sandbox's <c>demo-app</c> client). Ports and the data folder are overridable:
/// <c>--app-port</c>, <c>--sandbox-port</c>, <c>--data-folder</c> (or <c>SAAS_DEV_APPPORT</c>, ...); any other
/// setting of the app can be given as usual (<c>--Gorgias:Scopes "..."</c>, <c>App__PurgeGracePeriod</c>).
/// </summary>
internal static class Demo
{
    public const string ClientId = "demo-app";
    public const string ClientSecret = "demo-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new ConfigurationBuilder()
            .AddEnvironmentVariables("SAAS_DEV_")
            .AddCommandLine(args, new Dictionary<string, string>
            {
                ["--app-port"] = "AppPort",
                ["--sandbox-port"] = "SandboxPort",
                ["--data-folder"] = "DataFolder",
            })
            .Build();
        if (!TryPort(settings["AppPort"], 5080, out var appPort) || !TryPort(settings["SandboxPort"], 5081, out var sandboxPort))
        {
            await Console.Error.WriteLineAsync("--app-port and --sandbox-port take a port number (1-65535).");
            return 2;
        }

        var appUrl = $"http://127.0.0.1:{appPort}";
        var sandboxUrl = $"http://127.0.0.1:{sandboxPort}";
        var dataFolder = Path.GetFullPath(settings["DataFolder"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "demo-data"));

        await using var sandbox = await SandboxHost.StartAsync(
            sandboxUrl,
            o => o.Apps[ClientId] = new AppRegistrationOptions
            {
                Name = "Ticket Autopilot (demo)",
                ClientSecret = ClientSecret,
                AppUrl = appUrl + "/gorgias/install",
                RedirectUris = [appUrl + "/gorgias/callback"],
            });

        var builder = SaasWebApp.Create(args, Environments.Development, b =>
        {
            b.WebHost.UseUrls(appUrl);
            b.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            b.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            b.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

            // The demo's defaults sit under every other source, so the usual settings still win.
            b.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["App:PublicBaseUrl"] = appUrl,
                    ["App:DataFolder"] = dataFolder,
                    ["Gorgias:AccountBaseUrl"] = sandboxUrl + "/{account}",
                    ["Gorgias:ClientId"] = ClientId,
                    ["Gorgias:ClientSecret"] = ClientSecret,
                },
            });
        });
        await using var app = builder.Build();
        app.MapSaas();
        await app.StartAsync();

        Console.WriteLine($"""

            Gorgias sandbox  {sandboxUrl}   (accounts acme and globex; helpdesk UI at {sandboxUrl}/acme/app)
            App              {appUrl}   (data in {AppDataFolder.Resolve(app.Configuration, app.Environment.ContentRootPath)})

            Open {sandboxUrl}/acme/app/apps and click "Connect app".
            Then write a ticket in as a customer at {sandboxUrl}/acme/app/write-in: within seconds the tenant's rules
            (the starter pack, installed with the tenant) tag it, and the tags show in {sandboxUrl}/acme/app.
            Why: {appUrl}/api/tenants/acme/tickets/TICKET_ID/rule-runs
            Press Ctrl+C to stop.

            """);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static bool TryPort(string? text, int fallback, out int port)
    {
        port = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535);
    }
}
