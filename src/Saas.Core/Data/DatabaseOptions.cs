using Microsoft.Extensions.Options;

namespace Saas.Core.Data;

/// <summary>Which database the app uses.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: a file under the app's data folder, WAL mode.</summary>
    Sqlite,

    /// <summary>Production: SQL Server or Azure SQL, from <c>ConnectionStrings:Saas</c>.</summary>
    SqlServer,
}

/// <summary>
/// The database (section <c>Database</c>) and its connection string (<c>ConnectionStrings:Saas</c>). The connection
/// string is not bound from this section: it comes from <c>ConnectionStrings:Saas</c>, or for SQLite defaults to
/// <c>saas.db</c> in the app's data folder (<see cref="AppDataFolder"/>). It may hold a password, so it never reaches
/// a log or an exception message.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Saas";

    /// <summary>The SQLite file created in the data folder when no connection string is configured.</summary>
    public const string DefaultSqliteFileName = "saas.db";

    /// <summary><c>Sqlite</c> (default) or <c>SqlServer</c>, case-insensitive.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations when the app starts (default true). Turn off where a deployment step runs them.</summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>How long a SQLite connection waits for another writer's lock (<c>PRAGMA busy_timeout</c>), in milliseconds.</summary>
    public int SqliteBusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>The resolved connection string (see the class remarks); not bindable from the <c>Database</c> section.</summary>
    public string? ConnectionString { get; internal set; }

    /// <summary>True when <see cref="ConnectionString"/> is the SQLite default rather than a configured one.</summary>
    public bool IsDefaultConnectionString { get; internal set; }

    /// <summary>The parsed <see cref="Provider"/>; only meaningful once the options validated.</summary>
    public DatabaseProvider ProviderKind =>
        TryParseProvider(Provider, out var kind) ? kind : throw new InvalidOperationException(DatabaseOptionsValidator.UnknownProvider(Provider));

    internal static bool TryParseProvider(string? text, out DatabaseProvider provider)
    {
        foreach (var candidate in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(candidate.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                provider = candidate;
                return true;
            }
        }

        provider = default;
        return false;
    }
}

/// <summary>Start-up validation of <see cref="DatabaseOptions"/>, with messages that say what to set.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!DatabaseOptions.TryParseProvider(options.Provider, out var kind))
        {
            return ValidateOptionsResult.Fail(UnknownProvider(options.Provider));
        }

        var failures = new List<string>();
        if (kind == DatabaseProvider.SqlServer && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(
                $"{DatabaseOptions.Section}:Provider is SqlServer but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is missing. " +
                $"Set it (for example the environment variable ConnectionStrings__{DatabaseOptions.ConnectionStringName}); " +
                "only the embedded Sqlite provider has a default.");
        }

        if (options.SqliteBusyTimeoutMilliseconds < 0)
        {
            failures.Add($"{DatabaseOptions.Section}:SqliteBusyTimeoutMilliseconds must be 0 or more (milliseconds).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string UnknownProvider(string? provider) =>
        $"{DatabaseOptions.Section}:Provider must be 'Sqlite' (the embedded default) or 'SqlServer'; got '{provider}'.";
}
