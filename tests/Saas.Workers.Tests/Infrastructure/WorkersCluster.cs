using System.Collections.Concurrent;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Saas.Core.Data;
using Saas.Core.Install;
using Saas.Core.Intake;
using Saas.Core.Secrets;
using Saas.Core.Tenancy;
using Saas.Core.Workers;

namespace Saas.Workers.Tests.Infrastructure;

/// <summary>
/// A two-silo Orleans test cluster running the app's real services (SQLite file and local secret store shared by
/// both silos in a temporary folder, Gorgias clients pointed at an in-process sandbox), with one fake clock for the
/// app's services, every log line captured and a recording inbox processor; or, with <c>realIntake</c>, the real
/// intake (<c>AddIntake()</c>: the inbox table in the shared SQLite file, the real <see cref="ITenantInboxProcessor"/>
/// and sweeper) with <see cref="Handler"/> as the only inbox event handler.
/// </summary>
internal sealed class WorkersCluster : IAsyncDisposable
{
    public const string ClientId = "workers-tests";
    public const string ClientSecret = "workers-tests-secret";
    private const string KeySetting = "Test:ClusterKey";

    private static readonly ConcurrentDictionary<string, WorkersCluster> Running = new(StringComparer.Ordinal);

    private readonly string _key = Guid.NewGuid().ToString("N");

    private WorkersCluster(SandboxHost sandbox, string folder, Dictionary<string, string?> settings)
    {
        Sandbox = sandbox;
        Folder = folder;
        Settings = settings;
    }

    public SandboxHost Sandbox { get; }

    public string Folder { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The app's clock in every silo (Orleans keeps its own).</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CapturedLogs Logs { get; } = new();

    public RecordingInboxProcessor Inbox { get; } = new();

    /// <summary>The inbox event handler of both silos when the cluster runs the real intake.</summary>
    public RecordingInboxHandler Handler { get; } = new();

    /// <summary>The intake's pressure as every silo's pacer sees it (the real one's when <see cref="RealIntake"/>).</summary>
    public SwitchablePressure Pressure { get; } = new();

    /// <summary>Whether the silos run the real intake (<c>AddIntake()</c>) instead of <see cref="Inbox"/>.</summary>
    public bool RealIntake { get; private init; }

    public SandboxControlClient Control => Sandbox.Control;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WorkersCluster> StartAsync(Dictionary<string, string?>? settings = null, bool realIntake = false)
    {
        var sandbox = await SandboxHost.StartAsync(
            o => o.Accounts = new(StringComparer.Ordinal)
            {
                ["acme"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                ["globex"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
            },
            cancellationToken: Ct);
        await sandbox.Control.RegisterAppAsync(new RegisterAppRequest(["http://127.0.0.1:1/gorgias/callback"], ClientId, ClientSecret), Ct);
        var folder = Path.Combine(Path.GetTempPath(), "saas-workers-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["App:PublicBaseUrl"] = "http://127.0.0.1:1",
            ["App:DataFolder"] = folder,
            ["Database:MigrateAtStartup"] = "false",
            ["Gorgias:AccountBaseUrl"] = sandbox.AccountBaseUrlTemplate,
            ["Gorgias:ClientId"] = ClientId,
            ["Gorgias:ClientSecret"] = ClientSecret,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var cluster = new WorkersCluster(sandbox, folder, all) { RealIntake = realIntake };
        all[KeySetting] = cluster._key;
        Running[cluster._key] = cluster;
        try
        {
            await cluster.MigrateAsync();
            var builder = new TestClusterBuilder(2);
            builder.Options.ClusterId = "workers-" + cluster._key[..8];
            builder.Options.ServiceId = "saas-tests";
            builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(all));
            builder.AddSiloBuilderConfigurator<SiloSetup>();
            cluster.Cluster = builder.Build();
            await cluster.Cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The services of one silo (each silo is its own host with its own container).</summary>
    public static IServiceProvider Services(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;

    public static IGrainFactory Grains(SiloHandle silo) => Services(silo).GetRequiredService<IGrainFactory>();

    public IReadOnlyList<SiloHandle> Silos => Cluster.Silos;

    /// <summary>
    /// Installs the app on the sandbox account headlessly and stores the tenant as the install does (an Active row
    /// and the refresh token in the secret store); returns the tenant id and the install's tokens.
    /// </summary>
    public async Task<(Guid TenantId, SandboxTokens Tokens)> InstallTenantAsync(string account = "acme", Guid? id = null)
    {
        var tokens = await Control.InstallAsync(account, ClientId, ["openid", "offline", "write:all"], cancellationToken: Ct);
        tokens.RefreshToken.ShouldNotBeNull();
        var tenantId = id ?? Guid.NewGuid();
        var services = Services(Silos[0]);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISecretStore>().SetAsync(SecretNames.RefreshToken(tenantId), tokens.RefreshToken, Ct);
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var now = Clock.GetUtcNow();
        db.Tenants.Add(new Tenant
        {
            Id = tenantId,
            Account = account,
            State = TenantState.Active,
            CreatedAt = now,
            UpdatedAt = now,
            InstalledAt = now,
            GrantedScopes = tokens.Scope,
        });
        using (scope.ServiceProvider.GetRequiredService<TenantContext>().Begin(tenantId))
        {
            await db.SaveChangesAsync(Ct);
        }

        return (tenantId, tokens);
    }

    /// <summary>The files of the local secret store shared by the silos (each silo's store caches what it read).</summary>
    public IReadOnlyList<string> SecretFiles()
    {
        var folder = Path.Combine(Folder, "secrets");
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*.secret")] : [];
    }

    public async Task<Tenant> TenantAsync(Guid tenantId)
    {
        await using var scope = Services(Silos[0]).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SaasDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, Ct);
    }

    public async Task<List<TenantActivity>> ActivitiesAsync(Guid tenantId)
    {
        await using var scope = Services(Silos[0]).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SaasDbContext>().TenantActivities
            .IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().Where(a => a.TenantId == tenantId).ToListAsync(Ct);
    }

    /// <summary>The refresh requests the sandbox saw for the account (token endpoint, <c>grant_type=refresh_token</c>).</summary>
    public async Task<int> RefreshRequestsAsync(string account = "acme") =>
        (await Control.GetRequestLogAsync(account, 1000, Ct)).Count(r =>
            r.Path.EndsWith("/oauth/token", StringComparison.Ordinal)
            && (r.Detail ?? "").Contains("grant_type=refresh_token", StringComparison.Ordinal));

    /// <summary>A GET on the account's API with <paramref name="accessToken"/>: the status the sandbox answers.</summary>
    public async Task<int> ApiStatusAsync(string accessToken, string account = "acme")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sandbox.AccountBaseAddress(account) + "/api/account"));
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await Sandbox.Http.SendAsync(request, Ct);
        return (int)response.StatusCode;
    }

    private async Task MigrateAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        services.AddLogging();
        services.AddSaasData();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SaasDbContext>().Database.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        Running.TryRemove(_key, out _);
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Each silo: the app's data, secrets, install services and tenant workers, on the fixture's clock and logs.</summary>
    public sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            var fixture = Running[configuration[KeySetting]!];
            var services = siloBuilder.Services;
            services.AddSaasData();
            services.AddSaasSecrets(configuration);
            services.AddSingleton<TimeProvider>(fixture.Clock);
            services.AddTenantWorkers();
            services.AddInstall();
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TenantPurgeService)));
            if (fixture.RealIntake)
            {
                // After AddTenantWorkers: its grain dispatcher stays the IInboxDispatcher (AddIntake only TryAdds its own).
                services.AddSingleton<IInboxEventHandler>(fixture.Handler);
                services.AddIntake();
            }
            else
            {
                services.AddSingleton<ITenantInboxProcessor>(fixture.Inbox);
                services.AddSingleton<IIntakePressure>(fixture.Pressure);
            }

            services.AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Debug);
                logging.AddProvider(fixture.Logs);
            });
            siloBuilder.ConfigureTenantGrains(WorkersHosting.Read(configuration));
        }
    }
}

/// <summary>An intake pressure a test switches, counting how often the pacer asked.</summary>
internal sealed class SwitchablePressure : IIntakePressure
{
    private int _asked;
    private volatile bool _busy;

    public int Asked => Volatile.Read(ref _asked);

    public bool Busy
    {
        get => _busy;
        set => _busy = value;
    }

    public bool IsBusy
    {
        get
        {
            Interlocked.Increment(ref _asked);
            return _busy;
        }
    }
}
