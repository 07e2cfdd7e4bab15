using System.ComponentModel.DataAnnotations;

namespace Saas.Core.Secrets;

/// <summary>Where tenants' secrets are kept (section <c>Secrets</c>).</summary>
public sealed class SecretsOptions : IValidatableObject
{
    public const string Section = "Secrets";

    /// <summary><see cref="SecretProvider.Local"/> (the embedded default) or <see cref="SecretProvider.KeyVault"/>.</summary>
    public SecretProvider Provider { get; set; } = SecretProvider.Local;

    /// <summary>The vault, such as <c>https://my-vault.vault.azure.net/</c>; required for Key Vault.</summary>
    public string? KeyVaultUri { get; set; }

    /// <summary>
    /// Local store: the folder of the encrypted secret files. Default <c>{data folder}/secrets</c>; a relative path is
    /// taken from the content root.
    /// </summary>
    public string? LocalFolder { get; set; }

    /// <summary>
    /// Local store: the folder of the Data Protection key ring that encrypts them. Default <c>{data folder}/keys</c>;
    /// a relative path is taken from the content root.
    /// </summary>
    public string? KeysFolder { get; set; }

    /// <summary>Key Vault: how long a read or written secret is served from memory before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Secrets:CacheLifetime must be between 0 and 7 days.")]
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Key Vault: retries of one call by the SDK after a 408, 429, 5xx or network failure.</summary>
    [Range(0, 10, ErrorMessage = "Secrets:KeyVaultMaxRetries must be between 0 and 10.")]
    public int KeyVaultMaxRetries { get; set; } = 3;

    /// <summary>Key Vault: the first retry delay, doubled (with jitter) on each retry; a longer <c>Retry-After</c> wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Secrets:KeyVaultRetryDelay must be between 0 and 1 minute.")]
    public TimeSpan KeyVaultRetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Key Vault: the longest computed delay between two retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Secrets:KeyVaultMaxRetryDelay must be between 0 and 5 minutes.")]
    public TimeSpan KeyVaultMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Key Vault: how long one attempt may wait for the vault's answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "Secrets:KeyVaultNetworkTimeout must be between 1 ms and 5 minutes.")]
    public TimeSpan KeyVaultNetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Fills in the local folders: explicit settings win, else under the app's data folder
    /// (<see cref="Data.AppDataFolder"/>). Relative paths are taken from the content root.
    /// </summary>
    internal void ResolveFolders(string contentRoot, string data)
    {
        LocalFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(LocalFolder) ? Path.Combine(data, "secrets") : LocalFolder, contentRoot);
        KeysFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(KeysFolder) ? Path.Combine(data, "keys") : KeysFolder, contentRoot);
    }

    /// <summary>The validated vault URI (call after validation).</summary>
    internal Uri VaultUri => new(KeyVaultUri!, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult(
                "Secrets:Provider must be Local (the embedded default) or KeyVault.", [nameof(Provider)]);
        }

        if (Provider == SecretProvider.KeyVault)
        {
            if (string.IsNullOrWhiteSpace(KeyVaultUri))
            {
                yield return new ValidationResult(
                    "Secrets:KeyVaultUri is required when Secrets:Provider is KeyVault: the vault's URI, such as https://my-vault.vault.azure.net/.",
                    [nameof(KeyVaultUri)]);
            }
            else if (!Uri.TryCreate(KeyVaultUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult(
                    $"Secrets:KeyVaultUri must be an absolute https URI, such as https://my-vault.vault.azure.net/ (got '{KeyVaultUri}').",
                    [nameof(KeyVaultUri)]);
            }
        }
    }
}

/// <summary>The secret store behind <see cref="ISecretStore"/>.</summary>
public enum SecretProvider
{
    /// <summary>Files under the data folder, encrypted with ASP.NET Core Data Protection: the embedded default.</summary>
    Local,

    /// <summary>Azure Key Vault, reached with <c>DefaultAzureCredential</c> (managed identity in Azure): production.</summary>
    KeyVault,
}
