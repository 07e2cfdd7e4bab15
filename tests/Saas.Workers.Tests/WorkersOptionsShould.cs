using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Saas.Core.Workers;

namespace Saas.Workers.Tests;

/// <summary>The silo's configuration (section Workers), checked before the host is built.</summary>
public sealed class WorkersOptionsShould
{
    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void Default_to_one_localhost_silo_on_free_ports_that_differ_between_instances()
    {
        using var first = Builder([]).AddSaasWorkersAndBuild();
        using var second = Builder([]).AddSaasWorkersAndBuild();

        var a = first.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        var b = second.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        a.SiloPort.ShouldBeGreaterThan(0);
        a.GatewayPort.ShouldBeGreaterThan(0);
        a.SiloPort.ShouldNotBe(a.GatewayPort);
        new[] { a.SiloPort, a.GatewayPort }.ShouldNotContain(b.SiloPort);
        Implementation(first.Services, "IMembershipTable").ShouldNotContain("AdoNet");
        Implementation(first.Services, "IReminderTable").ShouldNotContain("AdoNet");
        var collection = first.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        collection.CollectionAge.ShouldBe(new WorkersOptions().IdleDeactivation);
        collection.DeactivationTimeout.ShouldBe(new WorkersOptions().ShutdownGrace);
    }

    [Fact]
    public void Use_fixed_ports_when_set()
    {
        using var host = Builder(new() { ["Workers:SiloPort"] = "21111", ["Workers:GatewayPort"] = "23000" }).AddSaasWorkersAndBuild();

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        endpoints.SiloPort.ShouldBe(21111);
        endpoints.GatewayPort.ShouldBe(23000);
    }

    [Fact]
    public void Use_ado_net_clustering_and_reminders_on_sql_server_in_production()
    {
        using var host = Builder(new()
        {
            ["Workers:Clustering"] = "AdoNet",
            ["Workers:ClusterId"] = "prod",
            ["Workers:ServiceId"] = "autopilot",
            ["ConnectionStrings:Saas"] = "Server=sql.example;Database=saas;Authentication=Active Directory Default",
        }).AddSaasWorkersAndBuild();

        Implementation(host.Services, "IMembershipTable").ShouldContain("AdoNet");
        Implementation(host.Services, "IReminderTable").ShouldContain("AdoNet");
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        cluster.ClusterId.ShouldBe("prod");
        cluster.ServiceId.ShouldBe("autopilot");
        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        endpoints.SiloPort.ShouldBe(11111);
        endpoints.GatewayPort.ShouldBe(30000);
        var clustering = host.Services.GetRequiredService<IOptions<AdoNetClusteringSiloOptions>>().Value;
        clustering.Invariant.ShouldBe("Microsoft.Data.SqlClient");
        clustering.ConnectionString!.ShouldContain("Database=saas");
    }

    [Fact]
    public void Refuse_ado_net_clustering_without_a_connection_string()
    {
        var error = Should.Throw<OptionsValidationException>(() => Builder(new() { ["Workers:Clustering"] = "AdoNet" }).AddSaasWorkers());

        error.Message.ShouldContain("ConnectionStrings:Saas");
    }

    [Theory]
    [InlineData("Workers:Clustering", "Kubernetes", "Workers:Clustering")]
    [InlineData("Workers:ClusterId", " ", "Workers:ClusterId is required")]
    [InlineData("Workers:SiloPort", "70000", "Workers:SiloPort must be between")]
    [InlineData("Workers:GatewayPort", "-1", "Workers:GatewayPort must be between")]
    [InlineData("Workers:IdleDeactivation", "00:00:00", "Workers:IdleDeactivation must be positive")]
    [InlineData("Workers:CollectionQuantum", "01:00:00", "Workers:CollectionQuantum must be positive and at most")]
    [InlineData("Workers:ShutdownGrace", "00:00:00", "Workers:ShutdownGrace must be positive")]
    [InlineData("Workers:Invariant", "Npgsql", "Workers:Invariant must be Microsoft.Data.SqlClient")]
    public void Refuse_an_invalid_setting_before_the_host_is_built(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key == "Workers:Invariant")
        {
            settings["Workers:Clustering"] = "AdoNet";
            settings["ConnectionStrings:Saas"] = "Server=x";
        }

        var error = Should.Throw<Exception>(() => Builder(settings).AddSaasWorkers());

        error.ShouldBeAssignableTo<Exception>().Message.ShouldContain(message);
    }

    [Fact]
    public void Refuse_the_same_port_for_silo_and_gateway() =>
        Should.Throw<OptionsValidationException>(() => Builder(new() { ["Workers:SiloPort"] = "21111", ["Workers:GatewayPort"] = "21111" }).AddSaasWorkers())
            .Message.ShouldContain("must differ");

    private static string Implementation(IServiceProvider services, string serviceName)
    {
        var descriptors = services.GetRequiredService<IServiceCollectionAccessor>().Services;
        var descriptor = descriptors.Last(d => d.ServiceType.Name == serviceName);
        return descriptor.ImplementationType?.FullName
            ?? descriptor.ImplementationInstance?.GetType().FullName
            ?? descriptor.ImplementationFactory?.Method.ReturnType.FullName
            ?? "";
    }
}

/// <summary>Exposes the registrations of a built host (which implementation a service has) to the tests.</summary>
internal interface IServiceCollectionAccessor
{
    IServiceCollection Services { get; }
}

internal static class HostBuilding
{
    public static IHost AddSaasWorkersAndBuild(this HostApplicationBuilder builder)
    {
        builder.AddSaasWorkers();
        var services = builder.Services;
        builder.Services.AddSingleton<IServiceCollectionAccessor>(new Accessor(services));
        return builder.Build();
    }

    private sealed class Accessor(IServiceCollection services) : IServiceCollectionAccessor
    {
        public IServiceCollection Services { get; } = services;
    }
}
