using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Saas.Core.Intake;
using Saas.Gorgias.Calls;

namespace Saas.Core.Workers;

/// <summary>
/// The Orleans silo co-hosted in the web app, and the tenant workers in it. <see cref="AddSaasWorkers"/> is all the
/// app calls; tests that build their own silos (a <c>TestCluster</c>) use <see cref="AddTenantWorkers"/> and
/// <see cref="ConfigureTenantGrains"/> on top of the clustering they choose.
/// </summary>
public static class WorkersHosting
{
    /// <summary>
    /// Adds the silo: <see cref="WorkersOptions"/> (section <c>Orleans</c>, checked here, before anything starts:
    /// the clustering is chosen when the host is built), localhost clustering with in-memory reminders or ADO.NET
    /// clustering and reminders on SQL Server, idle deactivation, and the tenant workers' services
    /// (<see cref="AddTenantWorkers"/>). Stopping the host stops the silo gracefully: grains are deactivated and
    /// their in-flight work finishes or is left resumable.
    /// </summary>
    public static IHostApplicationBuilder AddSaasWorkers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Read(builder.Configuration);
        builder.Services.AddTenantWorkers();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            if (options.Clustering == ClusteringMode.AdoNet)
            {
                var connectionString = builder.Configuration.GetConnectionString(options.ConnectionStringName);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException(WorkersOptions.Section, typeof(WorkersOptions), [$"Workers:Clustering is AdoNet but ConnectionStrings:{options.ConnectionStringName} is not set."]);
                }

                silo.ConfigureEndpoints(Port(options.SiloPort, 11111), Port(options.GatewayPort, 30000), AddressFamily.InterNetwork, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = options.Invariant;
                    o.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = options.Invariant;
                    o.ConnectionString = connectionString;
                });
            }
            else
            {
                silo.UseLocalhostClustering(Port(options.SiloPort, 0), Port(options.GatewayPort, 0), serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.UseInMemoryReminderService();
            }

            silo.ConfigureTenantGrains(options);
        });
        return builder;
    }

    /// <summary>
    /// What every silo of the app needs besides clustering: idle deactivation from <paramref name="options"/> and
    /// the app's exception types allowed across the grain boundary.
    /// </summary>
    public static ISiloBuilder ConfigureTenantGrains(this ISiloBuilder silo, WorkersOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = options.IdleDeactivation;
            collection.CollectionQuantum = options.CollectionQuantum;
            collection.DeactivationTimeout = options.ShutdownGrace;
        });
        return silo;
    }

    /// <summary>
    /// The tenant workers' services (TryAdd, so call this before <c>AddInstall</c> and <c>AddIntake</c>, whose
    /// defaults are TryAdd too, and after a test's own replacements): <see cref="GrainAccessTokens"/> as
    /// <see cref="IGorgiasAccessTokens"/>, <see cref="GrainInboxDispatcher"/> as <see cref="IInboxDispatcher"/>, the
    /// <see cref="InboxPacer"/>, and
    /// <see cref="WorkersOptions"/> validated at start-up.
    /// </summary>
    public static IServiceCollection AddTenantWorkers(this IServiceCollection services)
    {
        services.AddOptions<WorkersOptions>().BindConfiguration(WorkersOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkersOptions>, WorkersOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        KeepOrleansTimersOnRealTime(services);
        services.TryAddSingleton<IGorgiasAccessTokens, GrainAccessTokens>();
        services.TryAddSingleton<IInboxDispatcher, GrainInboxDispatcher>();
        services.TryAddSingleton<InboxPacer>();
        return services;
    }

    /// <summary>
    /// Wraps the app's clock, as registered so far, in <see cref="OrleansRealTimeTimers"/> (a clock registered later,
    /// e.g. by a test after this call, must be wrapped by whoever registers it).
    /// </summary>
    private static void KeepOrleansTimersOnRealTime(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService);
        if (registered.ImplementationInstance is TimeProvider clock && clock != TimeProvider.System && clock is not OrleansRealTimeTimers)
        {
            services.Remove(registered);
            services.AddSingleton<TimeProvider>(new OrleansRealTimeTimers(clock));
        }
    }

    /// <summary>The options as configured, validated (an invalid configuration stops the app before it starts).</summary>
    public static WorkersOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new WorkersOptions();
        configuration.GetSection(WorkersOptions.Section).Bind(options);
        var result = new WorkersOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(WorkersOptions.Section, typeof(WorkersOptions), result.Failures);
        }

        return options;
    }

    /// <summary>The configured port; unset → <paramref name="fallback"/>; 0 → a free port on this machine.</summary>
    private static int Port(int? configured, int fallback)
    {
        var port = configured ?? fallback;
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
