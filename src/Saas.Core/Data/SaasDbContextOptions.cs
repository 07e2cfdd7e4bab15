using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Saas.Core.Data;

/// <summary>
/// How <see cref="SaasDbContext"/> is put on a provider: the one place that knows each provider's migrations assembly
/// and SQLite's connection set-up. Used by <see cref="DataServiceCollectionExtensions.AddSaasData(IServiceCollection)"/>,
/// the design-time factories of the migrations projects and the tests.
/// </summary>
internal static class SaasDbContextOptions
{
    public const string SqliteMigrationsAssembly = "Saas.Migrations.Sqlite";

    public const string SqlServerMigrationsAssembly = "Saas.Migrations.SqlServer";

    public static TBuilder UseSaasProvider<TBuilder>(
        this TBuilder builder, DatabaseProvider provider, string connectionString, int sqliteBusyTimeoutMilliseconds = 5000)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(connectionString);
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                builder.AddInterceptors(new SqliteConnectionSetup(sqliteBusyTimeoutMilliseconds));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, sqlServer => sqlServer.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return builder;
    }

    /// <summary>The embedded default: <c>saas.db</c> in the data folder, foreign keys on, pooled connections.</summary>
    public static string DefaultSqliteConnectionString(string dataFolder) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, DatabaseOptions.DefaultSqliteFileName),
            ForeignKeys = true,
            Pooling = true,
        }.ToString();

    /// <summary>SQLite creates the file but not its folder: create the folder of a file database.</summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var settings = new SqliteConnectionStringBuilder(connectionString);
        if (settings.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(settings.DataSource)
            || settings.DataSource == ":memory:" || settings.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(settings.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
