using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Saas.Core.Data;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Data;

/// <summary>A temporary folder for one test, deleted (with its SQLite files) when disposed.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "saas-core-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // Pooled SQLite connections keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}

/// <summary>
/// A real SQLite database in memory, migrated with the real SQLite migrations, alive while this object holds its
/// keeper connection open. Contexts go through the app's own provider set-up (<c>UseSaasProvider</c>).
/// </summary>
internal sealed class MemoryDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _keeper;

    private MemoryDatabase(SqliteConnection keeper, DbContextOptions<SaasDbContext> options)
    {
        _keeper = keeper;
        Options = options;
    }

    public DbContextOptions<SaasDbContext> Options { get; }

    public static async Task<MemoryDatabase> CreateAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = "saas-" + Guid.NewGuid().ToString("N"),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            ForeignKeys = true,
        }.ToString();
        var keeper = new SqliteConnection(connectionString);
        await keeper.OpenAsync(TestContext.Current.CancellationToken);
        var options = new DbContextOptionsBuilder<SaasDbContext>().UseSaasProvider(DatabaseProvider.Sqlite, connectionString).Options;
        var database = new MemoryDatabase(keeper, options);
        await using var db = new SaasDbContext(options);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>A context with no tenant.</summary>
    public SaasDbContext Context() => new(Options);

    /// <summary>A context whose tenant context is <paramref name="tenant"/>.</summary>
    public SaasDbContext Context(ITenantContext tenant) => new(Options, tenant);

    /// <summary>A context bound to <paramref name="tenantId"/>, made by the app's factory.</summary>
    public SaasDbContext ForTenant(Guid tenantId) =>
        new TenantDbContextFactory(Options, NullLogger<TenantContext>.Instance).CreateForTenant(tenantId);

    /// <summary>A context in a system scope, made by the app's factory.</summary>
    public SaasDbContext ForSystem(string reason) =>
        new TenantDbContextFactory(Options, NullLogger<TenantContext>.Instance).CreateForSystem(reason);

    public async ValueTask DisposeAsync() => await _keeper.DisposeAsync();
}

/// <summary>The repository root (the folder holding Saas.sln), found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Saas.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Saas.sln above {AppContext.BaseDirectory}.");
    }
}
