using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Saas.Core.Data;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Data;

/// <summary>
/// The production provider, checked offline: building the model, comparing it with the migrations and scripting
/// them never open a connection, so "Server=none" is enough.
/// </summary>
public sealed class SqlServerMigrationsShould
{
    private static readonly DbContextOptions<SaasDbContext> Offline = new DbContextOptionsBuilder<SaasDbContext>()
        .UseSaasProvider(DatabaseProvider.SqlServer, "Server=none;Database=saas;Integrated Security=true;TrustServerCertificate=true")
        .Options;

    private static SaasDbContext OfflineContext() => new(Offline);

    [Fact]
    public void Have_no_model_changes_missing_from_the_migrations()
    {
        using var db = OfflineContext();

        db.Database.GetMigrations().ShouldContain(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The SQL Server model changed without a migration: dotnet ef migrations add <Name> --project src/Saas.Migrations.SqlServer");
    }

    [Fact]
    public async Task Script_an_idempotent_migration_that_ci_keeps_as_an_artifact()
    {
        using var db = OfflineContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.ShouldNotBeNullOrWhiteSpace();
        script.ShouldContain("CREATE TABLE [Tenants]");
        script.ShouldContain("CREATE TABLE [TenantActivities]");
        script.ShouldContain("CREATE TABLE [DeletionReceipts]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Tenants_Account]");
        // Idempotent: each migration only runs when the history table does not have it yet.
        script.ShouldContain("IF NOT EXISTS");
        script.ShouldContain("[__EFMigrationsHistory]");

        var folder = Path.Combine(RepositoryRoot.Find(), "artifacts", "migrations");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "sqlserver-idempotent.sql");
        await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);
        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ShouldBe(script);
    }

    [Fact]
    public void Filter_tenant_owned_queries_by_the_current_tenant_in_sql()
    {
        var tenants = new TenantContext();
        using var scope = tenants.Begin(Guid.NewGuid());
        using var db = new SaasDbContext(Offline, tenants);

        var sql = db.TenantActivities.ToQueryString();

        sql.ShouldContain("WHERE [t].[TenantId] = @");
    }
}
