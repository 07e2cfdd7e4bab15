using System.Reflection;
using System.Text.RegularExpressions;

namespace Saas.Workers.Tests;

/// <summary>
/// The Orleans SQL Server scripts the deployment applies (deploy/sql/orleans): present, creating the tables the
/// ADO.NET providers use, and defining every query the providers of the referenced version look up by key.
/// </summary>
public sealed partial class OrleansSqlScriptsShould
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "OrleansSql");

    private static string Script(string name)
    {
        var path = Path.Combine(Folder, name);
        File.Exists(path).ShouldBeTrue($"{name} is missing from deploy/sql/orleans");
        return File.ReadAllText(path);
    }

    [Theory]
    [InlineData("SQLServer-Main.sql", "OrleansQuery")]
    [InlineData("SQLServer-Clustering.sql", "OrleansMembershipVersionTable")]
    [InlineData("SQLServer-Clustering.sql", "OrleansMembershipTable")]
    [InlineData("SQLServer-Reminders.sql", "OrleansRemindersTable")]
    public void Create_the_tables_the_providers_use(string script, string table)
    {
        Script(script).ShouldContain($"CREATE TABLE dbo.{table}");
        Script(script).ShouldContain($"OBJECT_ID(N'dbo.{table}', N'U') IS NULL");
    }

    [Theory]
    [InlineData("Orleans.Clustering.AdoNet", "SQLServer-Clustering.sql")]
    [InlineData("Orleans.Reminders.AdoNet", "SQLServer-Reminders.sql")]
    public void Define_every_query_the_provider_looks_up(string assembly, string script)
    {
        var keys = QueryKeys(Assembly.Load(assembly));
        keys.Count.ShouldBeGreaterThanOrEqualTo(7, $"the query keys of {assembly} could not be read");
        var defined = Inserted(Script(script));

        keys.ShouldBeSubsetOf(defined);
        defined.ShouldBeUnique();
        foreach (var key in keys)
        {
            Script(script).ShouldContain($"'{key}'");
        }
    }

    [Fact]
    public void Name_the_provider_parameters_the_queries_use()
    {
        var clustering = Script("SQLServer-Clustering.sql");
        foreach (var parameter in new[] { "@DeploymentId", "@Address", "@Port", "@Generation", "@SiloName", "@HostName", "@Status", "@ProxyPort", "@SuspectTimes", "@StartTime", "@IAmAliveTime", "@Version" })
        {
            clustering.ShouldContain(parameter);
        }

        var reminders = Script("SQLServer-Reminders.sql");
        foreach (var parameter in new[] { "@ServiceId", "@GrainId", "@ReminderName", "@StartTime", "@Period", "@GrainHash", "@BeginHash", "@EndHash", "@Version" })
        {
            reminders.ShouldContain(parameter);
        }
    }

    /// <summary>The query keys a provider reads from OrleansQuery: the string properties of its DbStoredQueries named *Key.</summary>
    private static List<string> QueryKeys(Assembly provider) =>
        [.. provider.GetTypes()
            .Where(t => t.Name == "DbStoredQueries")
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(p => p.Name)
            .Distinct()];

    /// <summary>The keys a script inserts into OrleansQuery: every <c>('SomethingKey', '</c> row.</summary>
    private static List<string> Inserted(string script) =>
        [.. InsertedKey().Matches(script).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^\('(\w+Key)',\s*'", RegexOptions.Multiline)]
    private static partial Regex InsertedKey();
}
