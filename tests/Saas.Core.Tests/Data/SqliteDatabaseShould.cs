using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Saas.Core.Data;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Data;

/// <summary>The embedded default: a real SQLite file under the data folder, migrated at start-up, in WAL mode.</summary>
public sealed class SqliteDatabaseShould
{
    private static IHost BuildHost(string contentRoot, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddSaasData();
        return builder.Build();
    }

    private static async Task<string> PragmaAsync(SqliteConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public void Have_no_model_changes_missing_from_the_migrations()
    {
        using var db = new SaasDbContext(new DbContextOptionsBuilder<SaasDbContext>()
            .UseSaasProvider(DatabaseProvider.Sqlite, "Data Source=:memory:").Options);

        db.Database.GetMigrations().ShouldContain(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The SQLite model changed without a migration: dotnet ef migrations add <Name> --project src/Saas.Migrations.Sqlite");
    }

    [Fact]
    public async Task Create_and_migrate_saas_db_in_the_data_folder_at_start_up_in_wal_mode()
    {
        using var folder = new TestFolder();
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(folder.Path, "data", "saas.db");
        File.Exists(file).ShouldBeFalse();

        using (var host = BuildHost(folder.Path))
        {
            await host.StartAsync(ct);

            File.Exists(file).ShouldBeTrue();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
                (await db.Database.GetPendingMigrationsAsync(ct)).ShouldBeEmpty();
                (await db.Database.GetAppliedMigrationsAsync(ct)).ShouldContain(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));

                // The app's own connections: busy timeout and foreign keys on each of them.
                await db.Database.OpenConnectionAsync(ct);
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                (await PragmaAsync(connection, "busy_timeout")).ShouldBe("5000");
                (await PragmaAsync(connection, "foreign_keys")).ShouldBe("1");
                (await PragmaAsync(connection, "journal_mode")).ShouldBe("wal");
            }

            await host.StopAsync(ct);
        }

        // WAL is a property of the file: a fresh connection of its own sees it.
        await using var fresh = new SqliteConnection($"Data Source={file};Pooling=False");
        await fresh.OpenAsync(ct);
        (await PragmaAsync(fresh, "journal_mode")).ShouldBe("wal");
    }

    [Fact]
    public async Task Start_again_on_a_migrated_file_and_keep_its_rows()
    {
        using var folder = new TestFolder();
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid();

        using (var host = BuildHost(folder.Path))
        {
            await host.StartAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            db.Tenants.Add(new Tenant { Id = id, Account = "acme", State = TenantState.Active });
            await db.SaveChangesAsync(ct);
            await host.StopAsync(ct);
        }

        using (var host = BuildHost(folder.Path))
        {
            await host.StartAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            (await db.Tenants.SingleAsync(ct)).Id.ShouldBe(id);
            await host.StopAsync(ct);
        }
    }

    [Fact]
    public async Task Use_app_data_folder_relative_to_the_content_root()
    {
        using var folder = new TestFolder();
        var ct = TestContext.Current.CancellationToken;

        using var host = BuildHost(folder.Path, new() { ["App:DataFolder"] = "state/db" });
        await host.StartAsync(ct);

        File.Exists(Path.Combine(folder.Path, "state", "db", "saas.db")).ShouldBeTrue();
        Directory.Exists(Path.Combine(folder.Path, "data")).ShouldBeFalse();
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Use_a_configured_connection_string_as_given()
    {
        using var folder = new TestFolder();
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(folder.Path, "elsewhere", "custom.db");

        using var host = BuildHost(folder.Path, new() { ["ConnectionStrings:Saas"] = $"Data Source={file}" });
        await host.StartAsync(ct);

        File.Exists(file).ShouldBeTrue();
        Directory.Exists(Path.Combine(folder.Path, "data")).ShouldBeFalse();
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Not_migrate_when_migrate_at_startup_is_off()
    {
        using var folder = new TestFolder();
        var ct = TestContext.Current.CancellationToken;

        using var host = BuildHost(folder.Path, new() { ["Database:MigrateAtStartup"] = "false" });
        await host.StartAsync(ct);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        (await db.Database.GetPendingMigrationsAsync(ct)).ShouldNotBeEmpty();
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Compare_and_order_dates_in_linq_although_sqlite_has_no_date_type()
    {
        await using var database = await MemoryDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        await using (var db = database.Context())
        {
            db.Tenants.AddRange(
                new Tenant { Id = Guid.NewGuid(), Account = "due", PurgeAfter = now.AddTicks(-1) },
                new Tenant { Id = Guid.NewGuid(), Account = "later", PurgeAfter = now.AddDays(1) },
                // Same instant in another offset: stored as UTC, compared as the same instant.
                new Tenant { Id = Guid.NewGuid(), Account = "paris", PurgeAfter = now.ToOffset(TimeSpan.FromHours(1)) },
                new Tenant { Id = Guid.NewGuid(), Account = "kept" });
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.Context();
        (await read.Tenants.Where(t => t.PurgeAfter <= now).OrderBy(t => t.PurgeAfter).Select(t => t.Account).ToListAsync(ct))
            .ShouldBe(["due", "paris"]);
        (await read.Tenants.MaxAsync(t => t.PurgeAfter, ct)).ShouldBe(now.AddDays(1));
        (await read.Tenants.SingleAsync(t => t.Account == "paris", ct)).PurgeAfter.ShouldBe(now);
    }
}
