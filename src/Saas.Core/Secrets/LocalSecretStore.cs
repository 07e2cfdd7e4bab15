using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Saas.Core.Secrets;

/// <summary>
/// The embedded default secret store: one file per secret under the data folder, encrypted with ASP.NET Core Data
/// Protection (whose key ring is kept under the data folder too, see <see cref="SecretsSetup"/>). Names follow Key
/// Vault's rule and, like Key Vault, ignore case. Values are cached in memory after the first read or a write.
/// </summary>
/// <remarks>
/// Each value is protected with a purpose that includes its name, so a file copied over another secret's file does
/// not decrypt. File names are a hash of the name: nothing a name holds can reach outside the folder.
/// </remarks>
internal sealed class LocalSecretStore : ISecretStore, IDisposable
{
    private const string Purpose = "Saas.Core.Secrets.LocalSecretStore.v1";
    private readonly IDataProtector _protector;
    private readonly string _folder;
    private readonly ConcurrentDictionary<string, string> _cache = new(SecretNameRules.Comparer);

    /// <summary>Serializes file access so a read, a write and a delete of one secret cannot interleave.</summary>
    private readonly SemaphoreSlim _files = new(1, 1);

    public LocalSecretStore(IDataProtectionProvider protection, string folder)
    {
        ArgumentNullException.ThrowIfNull(protection);
        _protector = protection.CreateProtector(Purpose);
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNameRules.Validate(name);
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        await _files.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(name, out cached))
            {
                return cached;
            }

            var path = PathOf(name);
            if (!File.Exists(path))
            {
                return null;
            }

            var value = Unprotect(name, await File.ReadAllBytesAsync(path, cancellationToken));
            _cache[name] = value;
            return value;
        }
        finally
        {
            _files.Release();
        }
    }

    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        SecretNameRules.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        var protectedBytes = ProtectorFor(name).Protect(Encoding.UTF8.GetBytes(value));

        await _files.WaitAsync(cancellationToken);
        try
        {
            var path = PathOf(name);
            var temporary = Path.Combine(_folder, $"{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllBytesAsync(temporary, protectedBytes, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            _cache[name] = value;
        }
        finally
        {
            _files.Release();
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNameRules.Validate(name);
        await _files.WaitAsync(cancellationToken);
        try
        {
            _cache.TryRemove(name, out _);
            File.Delete(PathOf(name));
        }
        finally
        {
            _files.Release();
        }
    }

    public void Dispose() => _files.Dispose();

    private string Unprotect(string name, byte[] protectedBytes)
    {
        try
        {
            return Encoding.UTF8.GetString(ProtectorFor(name).Unprotect(protectedBytes));
        }
        catch (CryptographicException exception)
        {
            throw new SecretStoreException(
                $"The local secret '{name}' could not be decrypted: the Data Protection key ring that encrypted it is " +
                "missing or was replaced (see Secrets:KeysFolder), or the file was altered.",
                exception);
        }
    }

    private IDataProtector ProtectorFor(string name) => _protector.CreateProtector(Normalize(name));

    /// <summary>The file of a secret: its (case-folded) name hashed, so no name can reach outside the folder.</summary>
    private string PathOf(string name) =>
        Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(name)))) + ".secret");

    private static string Normalize(string name) => name.ToUpperInvariant();
}
