using Microsoft.Extensions.Configuration;

namespace Saas.Core.Data;

/// <summary>
/// The folder where the embedded defaults keep their files (the SQLite database, the local secret store):
/// <c>App:DataFolder</c>, absolute or relative to the content root; default <c>{ContentRoot}/data</c>.
/// </summary>
public static class AppDataFolder
{
    public const string ConfigurationKey = "App:DataFolder";

    public const string DefaultName = "data";

    /// <summary>The data folder's full path (not created here).</summary>
    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ConfigurationKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, DefaultName) : configured, contentRoot);
    }
}
