using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Saas.Core.Data;

namespace Saas.Core.Tests.Data;

public sealed class DatabaseOptionsShould
{
    private static IHost BuildHost(string contentRoot, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSaasData();
        return builder.Build();
    }

    [Fact]
    public void Default_to_sqlite_in_saas_db_under_the_content_roots_data_folder()
    {
        using var folder = new TestFolder();
        using var host = BuildHost(folder.Path, []);

        var options = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        options.ProviderKind.ShouldBe(DatabaseProvider.Sqlite);
        options.IsDefaultConnectionString.ShouldBeTrue();
        options.ConnectionString!.ShouldContain(Path.Combine(folder.Path, "data", "saas.db"));
        options.ConnectionString!.ShouldContain("Foreign Keys=True");
        options.MigrateAtStartup.ShouldBeTrue();
    }

    [Theory]
    [InlineData("sqlserver")]
    [InlineData("SqlServer")]
    public void Accept_the_provider_in_any_case(string provider)
    {
        using var folder = new TestFolder();
        using var host = BuildHost(folder.Path, new()
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Saas"] = "Server=db;Database=saas;User Id=app;Password=hunter2",
        });

        var options = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        options.ProviderKind.ShouldBe(DatabaseProvider.SqlServer);
        options.IsDefaultConnectionString.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("1")]
    [InlineData("")]
    public async Task Refuse_to_start_with_an_unknown_provider(string provider)
    {
        using var folder = new TestFolder();
        using var host = BuildHost(folder.Path, new() { ["Database:Provider"] = provider });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("Database:Provider must be 'Sqlite' (the embedded default) or 'SqlServer'");
        Directory.Exists(Path.Combine(folder.Path, "data")).ShouldBeFalse();
    }

    [Fact]
    public async Task Refuse_to_start_sql_server_without_a_connection_string()
    {
        using var folder = new TestFolder();
        using var host = BuildHost(folder.Path, new() { ["Database:Provider"] = "SqlServer" });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("Database:Provider is SqlServer but ConnectionStrings:Saas is missing");
        error.Message.ShouldContain("ConnectionStrings__Saas");
    }

    [Fact]
    public void Not_bind_the_connection_string_from_the_database_section()
    {
        using var folder = new TestFolder();
        using var host = BuildHost(folder.Path, new() { ["Database:ConnectionString"] = "Data Source=/nowhere/x.db" });

        var options = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        options.ConnectionString!.ShouldNotContain("/nowhere/");
        options.IsDefaultConnectionString.ShouldBeTrue();
    }

    [Fact]
    public void Resolve_an_absolute_data_folder_as_given()
    {
        using var folder = new TestFolder();
        var elsewhere = Path.Combine(folder.Path, "absolute");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:DataFolder"] = elsewhere }).Build();

        AppDataFolder.Resolve(configuration, "/some/content/root").ShouldBe(elsewhere);
        AppDataFolder.Resolve(new ConfigurationBuilder().Build(), folder.Path).ShouldBe(Path.Combine(folder.Path, "data"));
    }
}
