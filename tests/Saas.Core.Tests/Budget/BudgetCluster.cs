using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Saas.Core.Budget;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;

namespace Saas.Core.Tests.Budget;

/// <summary>
/// Two Orleans silos (TestCluster, in process) with the account budgets, and a sandbox ten times faster than
/// Gorgias (a standard bucket: 80 per 2 s). Each test creates its own sandbox accounts, so grains never mix.
/// </summary>
public sealed class BudgetCluster : IAsyncLifetime
{
    public const double TimeScale = 10;

    private readonly ConcurrentDictionary<IGorgiasRateGate, ServiceProvider> _clients = new();

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
        foreach (var provider in _clients.Values)
        {
            await provider.DisposeAsync();
        }
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

    /// <summary>
    /// A driver that sends through the real Gorgias client whose rate gate is <paramref name="gate"/>, as
    /// <paramref name="caller"/> with the fixed <paramref name="accessToken"/>.
    /// </summary>
    public BudgetDriver Driver(IGorgiasRateGate gate, GorgiasCaller caller, string accessToken) =>
        new(Client(gate), GorgiasCaller.WithAccessToken(caller.Account, caller.Tenant, caller.Lane, accessToken));

    /// <summary>
    /// The app's Gorgias client (<c>AddGorgiasClients</c>) pointed at the sandbox, with <paramref name="gate"/> (a silo's
    /// <c>BudgetRateGate</c>) as its rate gate. Its own retries are off: the sandbox runs ten times faster but its
    /// <c>Retry-after</c> is in sandbox seconds, which only the budget scales; these tests are about the gate, and
    /// each attempt passes it either way.
    /// </summary>
    private GorgiasApiClient Client(IGorgiasRateGate gate)
    {
        if (_clients.TryGetValue(gate, out var existing))
        {
            return existing.GetRequiredService<GorgiasApiClient>();
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gorgias:AccountBaseUrl"] = Sandbox.AccountBaseUrlTemplate,
            ["Gorgias:ClientId"] = "demo-app",
            ["Gorgias:ClientSecret"] = "demo-secret",
            ["Gorgias:Resilience:MaxRetryAttempts"] = "0",
        }).Build());
        services.AddLogging();
        services.AddSingleton<IGorgiasRateGate>(new RecordingRateGate(gate));
        services.AddGorgiasClients();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _clients[gate] = provider;
        return provider.GetRequiredService<GorgiasApiClient>();
    }

    public static GorgiasCaller Caller(string account, string tenant, GorgiasLane lane) =>
        new(GorgiasAccount.TryParse(account, out var parsed) ? parsed : throw new ArgumentException(account), tenant, lane);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddAccountBudgets();
    }
}

/// <summary>
/// Drives the real Gorgias client (<see cref="GorgiasApiClient"/> from <c>AddGorgiasClients</c>, the silo's
/// <c>BudgetRateGate</c> as its <see cref="IGorgiasRateGate"/>) with a fixed-token caller: each send is
/// <c>GetUserAsync(caller, 0)</c> (<c>GET /api/users/0</c>). Records every response the gate observed (each attempt,
/// so a 429 is seen too) with the time the attempt waited at the gate.
/// </summary>
public sealed class BudgetDriver(GorgiasApiClient client, GorgiasCaller caller)
{
    public ConcurrentQueue<(DateTimeOffset At, HttpStatusCode Status, TimeSpan Waited)> Responses { get; } = new();

    public GorgiasCaller Caller => caller;

    public async Task SendAsync(CancellationToken cancellationToken)
    {
        // The recording gate below the client finds this call's record through the async flow.
        RecordingRateGate.Current.Value = new RecordingRateGate.CallRecord(Responses);
        try
        {
            await client.GetUserAsync(caller, 0, cancellationToken);
        }
        catch (GorgiasApiException)
        {
            // A 429 (or other refusal) was recorded by the gate; the loop goes on as Gorgias' caller would.
        }
        finally
        {
            RecordingRateGate.Current.Value = null;
        }
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

/// <summary>
/// The client's <see cref="IGorgiasRateGate"/> in the budget tests: the silo's real gate, plus a record of each
/// attempt (its wait at the gate and the response the client reported) for the driver whose call it is.
/// </summary>
internal sealed class RecordingRateGate(IGorgiasRateGate inner) : IGorgiasRateGate
{
    public static readonly AsyncLocal<CallRecord?> Current = new();

    public async ValueTask WaitAsync(GorgiasCaller caller, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetUtcNow();
        await inner.WaitAsync(caller, cancellationToken);
        if (Current.Value is { } record)
        {
            record.Waited = TimeProvider.System.GetUtcNow() - started;
        }
    }

    public async ValueTask ObserveAsync(GorgiasCaller caller, GorgiasRateObservation observation, CancellationToken cancellationToken)
    {
        Current.Value?.Responses.Enqueue((observation.At, observation.Status, Current.Value.Waited));
        await inner.ObserveAsync(caller, observation, cancellationToken);
    }

    internal sealed class CallRecord(ConcurrentQueue<(DateTimeOffset At, HttpStatusCode Status, TimeSpan Waited)> responses)
    {
        public ConcurrentQueue<(DateTimeOffset At, HttpStatusCode Status, TimeSpan Waited)> Responses { get; } = responses;

        public TimeSpan Waited { get; set; }
    }
}
