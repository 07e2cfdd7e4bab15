using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Saas.Core.Data;

namespace Saas.Migrations.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project src/Saas.Migrations.Sqlite</c> build the SQLite model without the
/// app. No database is opened to add a migration; commands that do (<c>database update</c>) use a file in the
/// current folder, or the connection string given with <c>-- "Data Source=..."</c>.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SaasDbContext>
{
    public SaasDbContext CreateDbContext(string[] args)
    {
        var connectionString = args is [{ Length: > 0 } given, ..] ? given : "Data Source=saas-design.db";
        var options = new DbContextOptionsBuilder<SaasDbContext>().UseSaasProvider(DatabaseProvider.Sqlite, connectionString);
        return new SaasDbContext(options.Options);
    }
}
