using System.Net;
using System.Net.Sockets;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Data;
using Saas.Core.Install;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.OAuth;

namespace Saas.Web.Tests.Infrastructure;

internal sealed class TestAppOptions
{
    /// <summary>The client secret the app is configured with (the sandbox app's is <see cref="TestApp.ClientSecret"/>).</summary>
    public string ClientSecret { get; set; } = TestApp.ClientSecret;

    public string EnvironmentName { get; set; } = Environments.Development;

    /// <summary>The app's clock (the sandbox keeps the real one).</summary>
    public FakeTimeProvider? Clock { get; set; }

    /// <summary>Extra services, registered before the app's own (so a replacement wins over a TryAdd).</summary>
    public Action<IServiceCollection>? Services { get; set; }

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Run the hourly purge service. Off for tests that call <c>TenantPurger</c> themselves while moving a fake
    /// clock (the service would purge on the same clock ticks, racing the test).
    /// </summary>
    public bool PurgeInBackground { get; set; } = true;
}

/// <summary>
/// The app in-process on 127.0.0.1 against its own in-process sandbox (accounts acme and globex), with a SQLite file
/// and local secrets in a temporary folder, every outgoing request recorded, every log line captured.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string ClientId = "autopilot-test";
    public const string ClientSecret = "autopilot-test-secret";

    private readonly string _folder;

    private TestApp(SandboxHost sandbox, WebApplication app, Uri baseAddress, string folder, OutgoingRequests outgoing, CapturedLogs logs, FakeTimeProvider? clock)
    {
        Sandbox = sandbox;
        App = app;
        BaseAddress = baseAddress;
        _folder = folder;
        Outgoing = outgoing;
        Logs = logs;
        Clock = clock;
    }

    public SandboxHost Sandbox { get; }

    public WebApplication App { get; }

    /// <summary>The app's root, e.g. <c>http://127.0.0.1:41234/</c> (= <c>App:PublicBaseUrl</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's data folder (SQLite file, secrets, Data Protection keys).</summary>
    public string DataFolder => _folder;

    public OutgoingRequests Outgoing { get; }

    public CapturedLogs Logs { get; }

    public FakeTimeProvider? Clock { get; }

    public ISecretStore Secrets => App.Services.GetRequiredService<ISecretStore>();

    public SandboxControlClient Control => Sandbox.Control;

    /// <summary>
    /// The files of the local secret store (one per secret): how a test sees that no secret was left behind when it
    /// does not know the tenant id a failed install had picked.
    /// </summary>
    public IReadOnlyList<string> SecretFiles()
    {
        var folder = Path.Combine(_folder, "secrets");
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*.secret")] : [];
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestApp> StartAsync(Action<TestAppOptions>? configure = null)
    {
        var options = new TestAppOptions();
        configure?.Invoke(options);
        var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new(StringComparer.Ordinal)
                {
                    ["acme"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                    ["globex"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                };
            },
            cancellationToken: Ct);
        var folder = Path.Combine(Path.GetTempPath(), "saas-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        // The app must know its public address before it starts (redirect URI, webhook URLs), so a free port is
        // picked first; another process taking it in between is retried.
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            await sandbox.Control.RegisterAppAsync(
                new RegisterAppRequest([baseAddress + "gorgias/callback"], ClientId, ClientSecret, "Ticket Autopilot (test)", baseAddress + "gorgias/install"),
                Ct);
            var outgoing = new OutgoingRequests();
            var logs = new CapturedLogs();
            var builder = SaasWebApp.Create([], options.EnvironmentName, b =>
            {
                b.WebHost.UseUrls(baseAddress.ToString().TrimEnd('/'));
                b.Logging.ClearProviders();
                b.Logging.SetMinimumLevel(LogLevel.Trace);
                b.Logging.AddProvider(logs);
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["App:PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/'),
                    ["App:DataFolder"] = folder,
                    ["Gorgias:AccountBaseUrl"] = sandbox.AccountBaseUrlTemplate,
                    ["Gorgias:ClientId"] = ClientId,
                    ["Gorgias:ClientSecret"] = options.ClientSecret,

                    // The co-hosted silo on free ports (the embedded default, said here): many apps in one process.
                    ["Workers:SiloPort"] = "0",
                    ["Workers:GatewayPort"] = "0",

                    // Everything is captured (the app's appsettings.json quiets Microsoft.AspNetCore), so the leak checks see every line.
                    ["Logging:LogLevel:Default"] = "Trace",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                });
                b.Configuration.AddInMemoryCollection(options.Settings);
                if (options.Clock is { } clock)
                {
                    b.Services.AddSingleton<TimeProvider>(clock);
                }

                b.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(outgoing.Handler));
                b.Services.Configure<GorgiasAuthenticationOptions>(GorgiasAuthenticationDefaults.AuthenticationScheme, o =>
                {
                    var handler = outgoing.Handler();
                    handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false };
                    o.BackchannelHttpHandler = handler;
                });
                options.Services?.Invoke(b.Services);
            });
            if (!options.PurgeInBackground)
            {
                builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TenantPurgeService)));
            }

            var app = builder.Build();
            app.MapSaas();
            try
            {
                await app.StartAsync(Ct);
                return new TestApp(sandbox, app, baseAddress, folder, outgoing, logs, options.Clock);
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    public async Task<long> AdminIdAsync(string account = "acme") =>
        (await Control.GetAccountAsync(account, Ct)).Users.First(u => u.Role == "admin").Id;

    /// <summary>The whole install as a merchant does it: App URL → sign-in → consent → back to the app's final page.</summary>
    public async Task<BrowserResult> InstallAsync(string account = "acme", string decision = "approve", Browser? browser = null)
    {
        var own = browser is null;
        browser ??= new Browser();
        try
        {
            var authorize = await browser.StartInstallAsync(BaseAddress, account);
            var callback = await browser.AuthorizeAsync(authorize, await AdminIdAsync(account), decision);
            return await browser.FollowAsync(callback);
        }
        finally
        {
            if (own)
            {
                browser.Dispose();
            }
        }
    }

    public async Task<T> DbAsync<T>(Func<SaasDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SaasDbContext>());
    }

    public Task<List<Tenant>> TenantsAsync() => DbAsync(db => db.Tenants.AsNoTracking().ToListAsync(Ct));

    /// <summary>Every tenant's activity rows: a test-side system read, past the tenant filter on purpose.</summary>
    public Task<List<TenantActivity>> ActivitiesAsync() => DbAsync(db => db.TenantActivities.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct));

    public async Task<T> ScopedAsync<TService, T>(Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The account's OAuth token requests in the sandbox log (path <c>/oauth/token</c>), with their <c>detail</c> (<c>grant_type=...</c>).</summary>
    public async Task<List<SandboxRequestLogEntry>> TokenRequestsAsync(string account = "acme") =>
        [.. (await Control.GetRequestLogAsync(account, 1000, Ct)).Where(r => r.Path.EndsWith("/oauth/token", StringComparison.Ordinal))];

    public async Task<List<SandboxRequestLogEntry>> RequestLogAsync(string account = "acme") =>
        [.. await Control.GetRequestLogAsync(account, 1000, Ct)];

    /// <summary>The app's live installations on the sandbox account.</summary>
    public async Task<List<SandboxInstallation>> LiveInstallationsAsync(string account = "acme") =>
        [.. (await Control.GetAccountAsync(account, Ct)).Installations.Where(i => i.ClientId == ClientId && i.RevokedAt is null)];

    public async Task<List<SandboxInstallation>> InstallationsAsync(string account = "acme") =>
        [.. (await Control.GetAccountAsync(account, Ct)).Installations.Where(i => i.ClientId == ClientId)];

    public async Task<IReadOnlyList<SandboxIntegration>> IntegrationsAsync(string account = "acme") =>
        (await Control.GetAccountAsync(account, Ct)).Integrations;

    /// <summary>Every secret the test knows of (tokens seen on the wire, the client secret, webhook secrets) for leak checks.</summary>
    public IEnumerable<string> KnownSecrets(IEnumerable<string>? more = null) =>
        Outgoing.Tokens.Append(ClientSecret).Concat(more ?? []);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Advances <paramref name="clock"/> a second every 10 ms of real time until <paramref name="stop"/>.</summary>
    private static async Task TickUntilAsync(FakeTimeProvider clock, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(10, stop);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Shutdown waits on timers of the app's clock (Polly waits for in-flight calls, whose retry delays run on it):
        // a frozen test clock would stop it for good, so it moves on its own while the app stops.
        using var stopped = new CancellationTokenSource();
        var ticking = Clock is { } clock ? TickUntilAsync(clock, stopped.Token) : Task.CompletedTask;
        try
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }
        finally
        {
            await stopped.CancelAsync();
            await ticking;
        }

        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
