namespace Saas.Core.Secrets;

/// <summary>
/// Where tenants' tokens live: Azure Key Vault in production, a local store encrypted with ASP.NET Core Data
/// Protection as the embedded default. Values never reach logs, exception messages or the UI.
/// </summary>
public interface ISecretStore
{
    /// <summary>The secret's value, or null when there is none.</summary>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken = default);

    Task SetAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Deletes the secret; deleting one that does not exist is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>Names of the secrets the app keeps (Key Vault names: letters, digits and hyphens).</summary>
public static class SecretNames
{
    public static string RefreshToken(Guid tenantId) => $"tenant-{tenantId:N}-refresh-token";
}
