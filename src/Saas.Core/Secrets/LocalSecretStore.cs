using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Saas.Core.Secrets;

/// <summary>
/// The embedded default secret store: one file per secret under the data folder, encrypted with ASP.NET Core Data
/// Protection (whose keys are kept under the data folder too). Values are cached in memory after the first read.
/// </summary>
internal sealed class LocalSecretStore : ISecretStore
{
    private const string Purpose = "Saas.Core.Secrets.LocalSecretStore.v1";
    private readonly IDataProtector _protector;
    private readonly string _folder;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public LocalSecretStore(IDataProtectionProvider protection, string folder)
    {
        _protector = protection.CreateProtector(Purpose);
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var value = Encoding.UTF8.GetString(_protector.Unprotect(await File.ReadAllBytesAsync(path, cancellationToken)));
        _cache[name] = value;
        return value;
    }

    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, _protector.Protect(Encoding.UTF8.GetBytes(value)), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        _cache[name] = value;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        _cache.TryRemove(name, out _);
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    /// <summary>The file of a secret: its name hashed, so no name can reach outside the folder.</summary>
    private string PathOf(string name) =>
        Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))) + ".secret");
}
