using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saas.Core.Secrets;

/// <summary>
/// The production secret store: Azure Key Vault through the SDK's <see cref="SecretClient"/> (with
/// <c>DefaultAzureCredential</c>, a managed identity in Azure), one secret per name, cached in memory.
/// </summary>
/// <remarks>
/// <para>
/// Reads: a secret read or written is served from memory; once it is older than <see cref="SecretsOptions.CacheLifetime"/>
/// the cached value is still returned at once and a refresh runs in the background (one per secret at a time). When
/// that refresh fails (throttled, 5xx, timeout, no connection, credential trouble) the cached value keeps being served,
/// the next attempt waits a while, and the outage is logged once (a warning, then an information when the vault
/// answers again). Only a 404 on refresh (the secret was deleted elsewhere) drops the cached value. A read of a secret
/// that is not cached goes to the vault: 404 is null, any other failure a <see cref="SecretStoreException"/>.
/// </para>
/// <para>
/// Writes: <see cref="SetAsync"/> is one <c>SetSecret</c> call (a new version). When the name is held by a soft-deleted
/// secret (409 after an uninstall), the deleted secret is recovered and then set: with purge protection a deleted name
/// cannot be purged, and recovery keeps its history. <see cref="DeleteAsync"/> starts a soft delete and does not wait
/// for it; a missing secret is fine.
/// </para>
/// <para>
/// Transient failures are retried by the SDK's own retry policy (exponential with jitter, honouring
/// <c>Retry-After</c>, bounded attempts and a network timeout, see <see cref="CreateClientOptions"/>); this class adds no
/// retries of its own. Values never reach logs or exception messages.
/// </para>
/// </remarks>
internal sealed partial class KeyVaultSecretStore : ISecretStore, IDisposable
{
    /// <summary>After a failed refresh, the cached value is served this long (at most the cache lifetime) before the next try.</summary>
    internal static readonly TimeSpan FailedRefreshPause = TimeSpan.FromMinutes(1);

    /// <summary>How long a set waits for the recovery of a soft-deleted secret of the same name.</summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan RecoveryPollingInterval = TimeSpan.FromSeconds(1);

    private readonly SecretClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<KeyVaultSecretStore> _logger;
    private readonly TimeSpan _lifetime;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(SecretNameRules.Comparer);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;

    /// <summary>Guards cache changes against reads that began before a write or delete (see <see cref="_writes"/>).</summary>
    private readonly Lock _gate = new();

    /// <summary>Counts writes and deletes: a read that saw it change while it was at the vault does not fill the cache.</summary>
    private long _writes;

    /// <summary>1 while a vault failure has been logged and the vault has not answered since.</summary>
    private int _vaultFailing;

    private int _disposed;

    public KeyVaultSecretStore(
        SecretClient client, IOptions<SecretsOptions> options, TimeProvider time, ILogger<KeyVaultSecretStore> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _time = time;
        _logger = logger;
        _lifetime = options.Value.CacheLifetime;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>The production client: the vault from the options, the given credential (by default <see cref="DefaultAzureCredential"/>).</summary>
    public static SecretClient CreateClient(SecretsOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SecretClient(options.VaultUri, credential ?? new DefaultAzureCredential(), CreateClientOptions(options));
    }

    /// <summary>
    /// The SDK options from <see cref="SecretsOptions"/>: the SDK's exponential retry (it honours <c>Retry-After</c> and
    /// retries 408, 429, 500, 502, 503, 504 and network failures) with bounded attempts, delays and network timeout.
    /// </summary>
    public static SecretClientOptions CreateClientOptions(SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new SecretClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.KeyVaultMaxRetries;
        clientOptions.Retry.Delay = options.KeyVaultRetryDelay;
        clientOptions.Retry.MaxDelay = options.KeyVaultMaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.KeyVaultNetworkTimeout;
        return clientOptions;
    }

    public Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNameRules.Validate(name);
        if (_cache.TryGetValue(name, out var entry))
        {
            if (entry.IsDue(_time.GetUtcNow()))
            {
                StartRefresh(name, entry);
            }

            return Task.FromResult<string?>(entry.Value);
        }

        return ReadAsync(name, cancellationToken);
    }

    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        SecretNameRules.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            try
            {
                await _client.SetSecretAsync(name, value, cancellationToken);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 409)
            {
                if (!await TryRecoverDeletedAsync(name, cancellationToken))
                {
                    throw;
                }

                await _client.SetSecretAsync(name, value, cancellationToken);
            }
        }
        catch (Exception exception) when (IsVaultFailure(exception, cancellationToken))
        {
            Forget(name);
            VaultFailed(exception, name);
            throw new SecretStoreException($"Key Vault did not store the secret '{name}': {Describe(exception)}.", exception);
        }
        catch
        {
            Forget(name);
            throw;
        }

        VaultAnswered();
        lock (_gate)
        {
            _writes++;
            _cache[name] = new Entry(value, _time.GetUtcNow() + _lifetime);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNameRules.Validate(name);
        Forget(name);
        try
        {
            await _client.StartDeleteSecretAsync(name, cancellationToken);
            VaultAnswered();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            VaultAnswered();
        }
        catch (Exception exception) when (IsVaultFailure(exception, cancellationToken))
        {
            VaultFailed(exception, name);
            throw new SecretStoreException($"Key Vault did not delete the secret '{name}': {Describe(exception)}.", exception);
        }
        finally
        {
            // A read that ran while the vault was deleting must not put the value back.
            Forget(name);
        }
    }

    public void Dispose()
    {
        // Registered as itself and as ISecretStore, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    /// <summary>For tests: the background refresh of a cached secret, if one was started.</summary>
    internal Task WhenRefreshed(string name) =>
        _cache.TryGetValue(name, out var entry) && entry.Refresh is { } refresh ? refresh : Task.CompletedTask;

    private async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var writes = Interlocked.Read(ref _writes);
        string value;
        try
        {
            value = (await _client.GetSecretAsync(name, cancellationToken: cancellationToken)).Value.Value;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            VaultAnswered();
            return null;
        }
        catch (Exception exception) when (IsVaultFailure(exception, cancellationToken))
        {
            VaultFailed(exception, name);
            throw new SecretStoreException(
                $"Key Vault did not return the secret '{name}', which is not cached: {Describe(exception)}.", exception);
        }

        VaultAnswered();
        lock (_gate)
        {
            if (_writes == writes)
            {
                _cache.TryAdd(name, new Entry(value, _time.GetUtcNow() + _lifetime));
            }
        }

        return value;
    }

    private void StartRefresh(string name, Entry entry)
    {
        if (_stoppingToken.IsCancellationRequested || !entry.TryBeginRefresh())
        {
            return;
        }

        entry.Refresh = Task.Run(() => RefreshAsync(name, entry), CancellationToken.None);
    }

    private async Task RefreshAsync(string name, Entry entry)
    {
        try
        {
            var writes = Interlocked.Read(ref _writes);
            var value = (await _client.GetSecretAsync(name, cancellationToken: _stoppingToken)).Value.Value;
            VaultAnswered();
            lock (_gate)
            {
                if (_writes == writes)
                {
                    _cache.TryUpdate(name, new Entry(value, _time.GetUtcNow() + _lifetime), entry);
                }
            }
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            VaultAnswered();
            lock (_gate)
            {
                _cache.TryRemove(KeyValuePair.Create(name, entry));
            }

            LogSecretGone(_logger, name);
        }
        catch (OperationCanceledException) when (_stoppingToken.IsCancellationRequested)
        {
            // The store is being disposed.
        }
#pragma warning disable CA1031 // A refresh must never fail the reader: whatever went wrong, the cached value stays.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            entry.PostponeRefresh(_time.GetUtcNow() + (_lifetime < FailedRefreshPause ? _lifetime : FailedRefreshPause));
            VaultFailed(exception, name);
        }
        finally
        {
            entry.EndRefresh();
        }
    }

    /// <summary>
    /// After a 409 on set: recovers the soft-deleted secret of that name and waits until it is back. False when there
    /// is no deleted secret to recover (the 409 had another cause).
    /// </summary>
    private async Task<bool> TryRecoverDeletedAsync(string name, CancellationToken cancellationToken)
    {
        RecoverDeletedSecretOperation operation;
        try
        {
            operation = await _client.StartRecoverDeletedSecretAsync(name, cancellationToken);
        }
        catch (RequestFailedException notDeleted) when (notDeleted.Status == 404)
        {
            return false;
        }

        LogRecovering(_logger, name);
        using var timeout = new CancellationTokenSource(RecoveryTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await operation.WaitForCompletionAsync(RecoveryPollingInterval, linked.Token);
        return true;
    }

    private void Forget(string name)
    {
        lock (_gate)
        {
            _writes++;
            _cache.TryRemove(name, out _);
        }
    }

    private static bool IsVaultFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private void VaultFailed(Exception exception, string name)
    {
        var reason = Describe(exception);
        if (Interlocked.Exchange(ref _vaultFailing, 1) == 0)
        {
            LogVaultFailing(_logger, reason, name, exception);
        }
        else
        {
            LogVaultStillFailing(_logger, reason, name);
        }
    }

    private void VaultAnswered()
    {
        if (Interlocked.Exchange(ref _vaultFailing, 0) == 1)
        {
            LogVaultBack(_logger);
        }
    }

    /// <summary>What went wrong, in words fit for a log or an exception message: status and error codes, never content.</summary>
    internal static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: 429 } => "the vault is throttling requests (HTTP 429)",
        RequestFailedException { Status: >= 500 } failed => $"the vault is unavailable (HTTP {failed.Status})",
        RequestFailedException { Status: 0 } => "the vault could not be reached",
        RequestFailedException failed => $"the vault refused the request (HTTP {failed.Status}{(failed.ErrorCode is { } code ? " " + code : "")})",
        AggregateException { InnerExceptions.Count: > 0 } retries =>
            $"{Describe(retries.InnerExceptions[^1])}, after {retries.InnerExceptions.Count} attempts",
        AuthenticationFailedException or CredentialUnavailableException => "no access token could be obtained for the vault",
        OperationCanceledException => "the vault did not answer in time",
        HttpRequestException => "the vault could not be reached",
        _ => $"unexpected {exception.GetType().Name}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault is failing ({Reason}) for secret {SecretName}; cached secrets keep being served. Logged once until the vault answers again.")]
    private static partial void LogVaultFailing(ILogger logger, string reason, string secretName, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Key Vault still failing ({Reason}) for secret {SecretName}.")]
    private static partial void LogVaultStillFailing(ILogger logger, string reason, string secretName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key Vault answers again.")]
    private static partial void LogVaultBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {SecretName} is no longer in Key Vault; dropped from the cache.")]
    private static partial void LogSecretGone(ILogger logger, string secretName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {SecretName} was soft-deleted; recovering it before setting a new version.")]
    private static partial void LogRecovering(ILogger logger, string secretName);

    /// <summary>A cached value and when it is due for a refresh.</summary>
    private sealed class Entry(string value, DateTimeOffset refreshAt)
    {
        private long _refreshAtTicks = refreshAt.UtcTicks;
        private int _refreshing;

        public string Value { get; } = value;

        public Task? Refresh { get; set; }

        public bool IsDue(DateTimeOffset now) => now.UtcTicks >= Interlocked.Read(ref _refreshAtTicks);

        public void PostponeRefresh(DateTimeOffset until) => Interlocked.Exchange(ref _refreshAtTicks, until.UtcTicks);

        public bool TryBeginRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

        public void EndRefresh() => Volatile.Write(ref _refreshing, 0);
    }
}
