using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Saas.Core.Data;

namespace Saas.Migrations.SqlServer;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project src/Saas.Migrations.SqlServer</c> build the SQL Server model without
/// the app or a server: adding a migration and scripting never open a connection. Commands that do
/// (<c>database update</c>) take the connection string after <c>--</c>.
/// </summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SaasDbContext>
{
    public SaasDbContext CreateDbContext(string[] args)
    {
        var connectionString = args is [{ Length: > 0 } given, ..] ? given : "Server=none;Database=saas;Integrated Security=true;TrustServerCertificate=true";
        var options = new DbContextOptionsBuilder<SaasDbContext>().UseSaasProvider(DatabaseProvider.SqlServer, connectionString);
        return new SaasDbContext(options.Options);
    }
}
