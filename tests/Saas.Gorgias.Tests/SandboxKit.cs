using System.Collections.Concurrent;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Gorgias.OAuth;

namespace Saas.Gorgias.Tests;

/// <summary>
/// A sandbox (acme, globex) with this project's OAuth app registered, and the clients pointed at it: the API client
/// comes from <c>AddGorgiasClients</c> (real handlers and resilience pipeline) with a recording rate gate and a
/// settable token source in place of the app's.
/// </summary>
internal sealed class SandboxKit : IAsyncDisposable
{
    public const string ClientId = "gorgias-client-tests";
    public const string ClientSecret = "gorgias-client-tests-secret";

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly ServiceProvider _services;

    private SandboxKit(SandboxHost sandbox, GorgiasOptions options, Action<GorgiasResilienceOptions>? resilience)
    {
        Sandbox = sandbox;
        Options = options;
        OAuth = new GorgiasOAuthClient(_http, Microsoft.Extensions.Options.Options.Create(options));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gorgias:AccountBaseUrl"] = options.AccountBaseUrl,
            ["Gorgias:ClientId"] = options.ClientId,
            ["Gorgias:ClientSecret"] = options.ClientSecret,
        }).Build());
        services.AddSingleton<IGorgiasRateGate>(Gate);
        services.AddSingleton<IGorgiasAccessTokens>(Tokens);
        services.AddGorgiasClients();
        services.Configure<GorgiasResilienceOptions>(o =>
        {
            // Fast for tests; the breaker stays out of the way unless a test asks for it.
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.TotalTimeout = TimeSpan.FromSeconds(30);
            o.BreakerMinimumThroughput = 1000;
            resilience?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
    }

    public SandboxHost Sandbox { get; }

    public GorgiasOptions Options { get; }

    public GorgiasOAuthClient OAuth { get; }

    public GorgiasApiClient Api => _services.GetRequiredService<GorgiasApiClient>();

    public IServiceProvider Services => _services;

    public RecordingRateGate Gate { get; } = new();

    public SettableAccessTokens Tokens { get; } = new();

    public static GorgiasAccount Acme => Account("acme");

    public static GorgiasAccount Globex => Account("globex");

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static GorgiasAccount Account(string text) => GorgiasAccount.TryParse(text, out var account) ? account : throw new ArgumentException(text);

    /// <summary>A caller with a fixed token (as the install makes them).</summary>
    public static GorgiasCaller Fixed(string token, string account = "acme", string tenant = "tenant-acme", GorgiasLane lane = GorgiasLane.Live) =>
        GorgiasCaller.WithAccessToken(Account(account), tenant, lane, token);

    /// <summary>A caller whose token comes from <see cref="Tokens"/> (as the workers make them).</summary>
    public static GorgiasCaller Managed(string account = "acme", string tenant = "tenant-acme", GorgiasLane lane = GorgiasLane.Sync) =>
        new(Account(account), tenant, lane);

    public static async Task<SandboxKit> StartAsync(
        string clientSecret = ClientSecret,
        Action<SandboxOptions>? configure = null,
        Action<GorgiasResilienceOptions>? resilience = null)
    {
        var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new(StringComparer.Ordinal)
                {
                    ["acme"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                    ["globex"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                };
                configure?.Invoke(o);
            },
            cancellationToken: Ct);
        await sandbox.Control.RegisterAppAsync(new RegisterAppRequest(["http://127.0.0.1:1/gorgias/callback"], ClientId, ClientSecret), Ct);
        return new SandboxKit(sandbox, new GorgiasOptions { AccountBaseUrl = sandbox.AccountBaseUrlTemplate, ClientId = ClientId, ClientSecret = clientSecret }, resilience);
    }

    /// <summary>Installs the app headlessly on the account (as its admin) and returns the tokens.</summary>
    public Task<SandboxTokens> InstallAsync(string account = "acme", params string[] scopes) =>
        Sandbox.Control.InstallAsync(account, ClientId, scopes.Length == 0 ? ["openid", "offline", "write:all"] : scopes, cancellationToken: Ct);

    /// <summary>Installs the app and returns a fixed-token caller for it.</summary>
    public async Task<GorgiasCaller> CallerAsync(string account = "acme", string? tenant = null) =>
        Fixed((await InstallAsync(account)).AccessToken, account, tenant ?? "tenant-" + account);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _http.Dispose();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>A rate gate that lets everything through and records each wait and observation, with an optional hook per wait.</summary>
internal sealed class RecordingRateGate : IGorgiasRateGate
{
    private int _waits;

    public ConcurrentQueue<GorgiasCaller> Waits { get; } = new();

    public ConcurrentQueue<(GorgiasCaller Caller, GorgiasRateObservation Observation)> Observations { get; } = new();

    /// <summary>Called on each wait with the wait's number (1 = the first attempt).</summary>
    public Func<GorgiasCaller, int, Task>? OnWait { get; set; }

    public async ValueTask WaitAsync(GorgiasCaller caller, CancellationToken cancellationToken)
    {
        Waits.Enqueue(caller);
        var number = Interlocked.Increment(ref _waits);
        if (OnWait is { } hook)
        {
            await hook(caller, number);
        }
    }

    public ValueTask ObserveAsync(GorgiasCaller caller, GorgiasRateObservation observation, CancellationToken cancellationToken)
    {
        Observations.Enqueue((caller, observation));
        return ValueTask.CompletedTask;
    }

    public void Clear()
    {
        Waits.Clear();
        Observations.Clear();
        Interlocked.Exchange(ref _waits, 0);
    }
}

/// <summary>A token source the test sets: the current token, and what a renewal does.</summary>
internal sealed class SettableAccessTokens : IGorgiasAccessTokens
{
    public string? Current { get; set; }

    public Func<string, Task<string>>? Renew { get; set; }

    public ConcurrentQueue<string> Rejected { get; } = new();

    public int Gets;

    public ValueTask<string> GetAsync(GorgiasCaller caller, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Gets);
        return ValueTask.FromResult(Current ?? throw new InvalidOperationException("No token set."));
    }

    public async ValueTask<string> RenewAsync(GorgiasCaller caller, string rejectedToken, CancellationToken cancellationToken)
    {
        Rejected.Enqueue(rejectedToken);
        Current = await (Renew ?? throw new InvalidOperationException("No renewal set."))(rejectedToken);
        return Current;
    }
}
