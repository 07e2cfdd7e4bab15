using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Saas.Core.Budget;
using Saas.Gorgias;
using Saas.Gorgias.Calls;

namespace Saas.Core.Tests.Budget;

/// <summary>
/// Two Orleans silos (TestCluster, in process) with the account budgets, and a sandbox ten times faster than
/// Gorgias (a standard bucket: 80 per 2 s). Each test creates its own sandbox accounts, so grains never mix.
/// </summary>
public sealed class BudgetCluster : IAsyncLifetime
{
    public const double TimeScale = 10;

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 });

    public TestCluster Cluster { get; private set; } = null!;

    public SandboxHost Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(o =>
        {
            o.TimeScale = TimeScale;
            o.Accounts = new(StringComparer.Ordinal)
            {
                ["acme"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 1 },
            };
        });
        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Budget:TimeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
            ["Budget:DefaultCeiling"] = "1",
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Sandbox.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>The rate gate of silo 0 or 1 (each talks to the one budget grain of the account wherever it lives).</summary>
    public IGorgiasRateGate Gate(int silo) =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<IGorgiasRateGate>();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>A fresh sandbox account with the app installed; its access token.</summary>
    public async Task<string> NewAccountAsync(string domain, double backgroundLoadPerSecond = 0)
    {
        await Sandbox.Control.CreateAccountAsync(new CreateAccountRequest(domain, "standard", 1, 1, 1, backgroundLoadPerSecond));
        var tokens = await Sandbox.Control.InstallAsync(domain, "demo-app", ["openid", "offline", "write:all"]);
        return tokens.AccessToken;
    }

    /// <summary>A driver that sends through <paramref name="gate"/> as <paramref name="caller"/>.</summary>
    public BudgetDriver Driver(IGorgiasRateGate gate, GorgiasCaller caller, string accessToken) =>
        new(_http, Sandbox.AccountBaseUrlTemplate.Replace("{account}", caller.Account.Subdomain, StringComparison.Ordinal), gate, caller, accessToken);

    public static GorgiasCaller Caller(string account, string tenant, GorgiasLane lane) =>
        new(GorgiasAccount.TryParse(account, out var parsed) ? parsed : throw new ArgumentException(account), tenant, lane);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddAccountBudgets();
    }
}

/// <summary>
/// A tiny stand-in for the Gorgias client: wait for the gate, send <c>GET /api/users/0</c> with the token, report the
/// response's rate-limit header and <c>Retry-after</c> to the gate. Records every response and its gate wait.
/// </summary>
public sealed class BudgetDriver(HttpClient http, string accountBaseUrl, IGorgiasRateGate gate, GorgiasCaller caller, string accessToken)
{
    public ConcurrentQueue<(DateTimeOffset At, HttpStatusCode Status, TimeSpan Waited)> Responses { get; } = new();

    public GorgiasCaller Caller => caller;

    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetUtcNow();
        await gate.WaitAsync(caller, cancellationToken);
        var waited = TimeProvider.System.GetUtcNow() - started;
        using var request = new HttpRequestMessage(HttpMethod.Get, accountBaseUrl + "/api/users/0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var at = TimeProvider.System.GetUtcNow();
        int? used = null, limit = null;
        if (response.Headers.TryGetValues("X-Gorgias-Account-Api-Call-Limit", out var values)
            && values.First().Split('/') is [var u, var l]
            && int.TryParse(u, CultureInfo.InvariantCulture, out var usedValue)
            && int.TryParse(l, CultureInfo.InvariantCulture, out var limitValue))
        {
            used = usedValue;
            limit = limitValue;
        }

        TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta;
        Responses.Enqueue((at, response.StatusCode, waited));
        await gate.ObserveAsync(caller, new GorgiasRateObservation(response.StatusCode, used, limit, retryAfter, at), cancellationToken);
    }

    /// <summary><paramref name="workers"/> loops sending back to back until <paramref name="until"/>.</summary>
    public Task RunAsync(int workers, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (TimeProvider.System.GetUtcNow() < until && !cancellationToken.IsCancellationRequested)
            {
                await SendAsync(cancellationToken);
            }
        }));
}
