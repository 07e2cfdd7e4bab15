using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Data;
using Saas.Core.Install;
using Saas.Core.Intake;
using Saas.Core.Tenancy;
using Saas.Gorgias.OAuth;

namespace Saas.Core.Workers;

/// <summary>
/// <see cref="ITenantGrain"/>. Its token methods interleave (the tenant's inbox work, running in this activation,
/// asks for the token too), so single flight is this activation's own: one refresh task that every concurrent asker
/// awaits. The token lives in a field only: not in grain state, logs or exceptions. Each unit of work (a refresh, an
/// inbox pass) runs in a new DI scope, like a request.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in OnDeactivateAsync, the end of an activation.")]
internal sealed partial class TenantGrain(
    IServiceScopeFactory scopes,
    ILocalSiloDetails silo,
    IOptions<WorkersOptions> options,
    InboxPacer pacer,
    TimeProvider clock,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private readonly CancellationTokenSource _stopping = new();
    private TenantAccessToken? _token;
    private bool _tokenAfterRejection;
    private Task<TenantAccessToken>? _inflight;
    private DisconnectCause? _disconnected;
    private Task? _inboxLoop;
    private bool _inboxDirty;
    private int _refreshes;
    private int _inboxPasses;
    private int _inboxNudges;
    private DateTimeOffset _activatedAt;

    private Guid TenantId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var tenant = await db.Tenants.AsNoTracking()
            .Where(t => t.Id == TenantId)
            .Select(t => new { t.State, t.DisconnectReason })
            .SingleOrDefaultAsync(cancellationToken);
        if (tenant is { State: TenantState.Disconnected or TenantState.Purged })
        {
            _disconnected = CauseOf(tenant.DisconnectReason);
        }

        LogActivated(TenantId, _disconnected is not null);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Graceful: the inbox pass under way may finish within the deactivation's time; past it, it is cancelled and
        // its rows stay pending (the sweeper and the next activation pick them up).
        if (_inboxLoop is { } loop)
        {
            try
            {
                await loop.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await _stopping.CancelAsync();
                await loop;
            }
        }

        await _stopping.CancelAsync();
        _token = null;
        _stopping.Dispose();
        LogDeactivated(TenantId, reason.ReasonCode.ToString());
    }

    public async Task<TenantAccessToken> GetAccessTokenAsync()
    {
        ThrowIfDisconnected();
        if (_token is { } token && !IsDue(token))
        {
            return token;
        }

        return await SingleFlight(() => RefreshAsync(afterRejection: false));
    }

    public async Task<TenantAccessToken> RenewAccessTokenAsync(string rejectedToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectedToken);
        while (true)
        {
            ThrowIfDisconnected();
            if (_inflight is { } running)
            {
                // Someone is refreshing (or disconnecting) already: its outcome is ours.
                await running;
                continue;
            }

            if (_token is { } current && !SameToken(current.Value, rejectedToken) && !IsDue(current))
            {
                return current;
            }

            if (_token is { } refused && _tokenAfterRejection && SameToken(refused.Value, rejectedToken))
            {
                // This token was refreshed because of a 401 and is refused as well: the access was revoked.
                return await SingleFlight(DisconnectUnauthorizedAsync);
            }

            return await SingleFlight(() => RefreshAsync(afterRejection: true));
        }
    }

    public Task NotifyInboxAsync()
    {
        _inboxNudges++;
        if (_disconnected is not null)
        {
            LogNudgeIgnored(TenantId);
            return Task.CompletedTask;
        }

        _inboxDirty = true;
        if (_inboxLoop is null)
        {
            var loop = RunInboxAsync();
            if (!loop.IsCompleted)
            {
                _inboxLoop = loop;
            }
        }

        return Task.CompletedTask;
    }

    public Task<TenantGrainStatus> GetStatusAsync() => Task.FromResult(new TenantGrainStatus(
        TenantId,
        silo.SiloAddress.ToString(),
        GrainContext.ActivationId.ToString(),
        _activatedAt,
        _token is not null,
        _token?.ExpiresAt,
        _refreshes,
        _disconnected is not null,
        _inboxPasses,
        _inboxNudges));

    private Task<TenantAccessToken> SingleFlight(Func<Task<TenantAccessToken>> work)
    {
        if (_inflight is { } running)
        {
            return running;
        }

        var task = RunAsync(work);
        if (!task.IsCompleted)
        {
            _inflight = task;
        }

        return task;

        async Task<TenantAccessToken> RunAsync(Func<Task<TenantAccessToken>> body)
        {
            try
            {
                return await body();
            }
            finally
            {
                _inflight = null;
            }
        }
    }

    private async Task<TenantAccessToken> RefreshAsync(bool afterRejection)
    {
        GorgiasTokens response;
        await using (var scope = scopes.CreateAsyncScope())
        {
            try
            {
                response = await scope.ServiceProvider.GetRequiredService<TenantTokens>().RefreshAsync(TenantId, _stopping.Token);
            }
            catch (TenantDisconnectedException e)
            {
                Disconnected(e.Cause);
                throw new TenantDisconnectedException(TenantId, e.Cause);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(TenantId, e.GetType().Name);
                throw new TenantAccessTokenException($"Could not refresh the access token of tenant {TenantId}: {Describe(e)}");
            }
        }

        var now = clock.GetUtcNow();
        _token = new TenantAccessToken(response.AccessToken, ExpiryOf(response, now));
        _tokenAfterRejection = afterRejection;
        _refreshes++;
        LogRefreshed(TenantId, _token.ExpiresAt, afterRejection);
        return _token;
    }

    private async Task<TenantAccessToken> DisconnectUnauthorizedAsync()
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantTokens>().OnUnauthorizedWithFreshTokenAsync(TenantId, _stopping.Token);
        }

        Disconnected(DisconnectCause.Unauthorized);
        throw new TenantDisconnectedException(TenantId, DisconnectCause.Unauthorized);
    }

    private async Task RunInboxAsync()
    {
        try
        {
            // Lets NotifyInboxAsync record this loop before it runs.
            await Task.Yield();
            while (_inboxDirty && _disconnected is null && !_stopping.IsCancellationRequested)
            {
                var window = pacer.WindowFor(TenantId);
                var since = System.Diagnostics.Stopwatch.GetTimestamp();
                while (window > TimeSpan.Zero)
                {
                    // Real time on purpose: a batching window, not business time (a test's frozen clock must not stop it).
                    // One more window while the intake is busy, up to the pacer's bound.
                    try
                    {
                        await Task.Delay(window, TimeProvider.System, _stopping.Token).ConfigureAwait(true);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        LogInboxStopped(TenantId);
                        return;
                    }

                    if (!pacer.ShouldDefer(since))
                    {
                        break;
                    }
                }

                _inboxDirty = false;
                await using var scope = scopes.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetService<ITenantInboxProcessor>();
                if (processor is null)
                {
                    LogNoProcessor(TenantId);
                    return;
                }

                try
                {
                    var handled = await processor.ProcessPendingAsync(TenantId, _stopping.Token);
                    _inboxPasses++;
                    LogInboxPass(TenantId, handled);
                }
                catch (TenantDisconnectedException e)
                {
                    Disconnected(e.Cause);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    LogInboxStopped(TenantId);
                }
                catch (Exception e)
                {
                    // The rows stay pending: the processor counts attempts and the sweeper nudges again.
                    LogInboxFailed(TenantId, e.GetType().Name, e.Message);
                }
            }
        }
        finally
        {
            _inboxLoop = null;
        }
    }

    private void Disconnected(DisconnectCause cause)
    {
        _disconnected = cause;
        _token = null;
        _inboxDirty = false;
        LogDisconnected(TenantId, cause);

        // A later activation reads the tenant row again, so a reinstall is served.
        DeactivateOnIdle();
    }

    private void ThrowIfDisconnected()
    {
        if (_disconnected is { } cause)
        {
            throw new TenantDisconnectedException(TenantId, cause);
        }
    }

    private bool IsDue(TenantAccessToken token) => clock.GetUtcNow() >= token.ExpiresAt - options.Value.TokenRefreshAhead;

    /// <summary>Constant time, so the comparison says nothing about the token through its timing.</summary>
    private static bool SameToken(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>
    /// When the token expires, on this app's clock: <c>expires_in</c> from the response; else the JWT's <c>exp</c>;
    /// else <see cref="WorkersOptions.AssumedTokenLifetime"/>.
    /// </summary>
    private DateTimeOffset ExpiryOf(GorgiasTokens response, DateTimeOffset now)
    {
        if (response.ExpiresIn is > 0 and var seconds)
        {
            return now.AddSeconds(seconds);
        }

        return JwtExpiry(response.AccessToken) ?? now + options.Value.AssumedTokenLifetime;
    }

    /// <summary>The <c>exp</c> claim of a JWT (its payload only is read; nothing is validated or logged).</summary>
    internal static DateTimeOffset? JwtExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("exp", out var exp)
                && exp.TryGetInt64(out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DisconnectCause CauseOf(string? reason) =>
        Enum.GetValues<DisconnectCause>().FirstOrDefault(c => TenantLifecycle.Describe(c) == reason, DisconnectCause.InvalidGrant);

    private static string Describe(Exception e) => e switch
    {
        GorgiasOAuthException or HttpRequestException or InvalidOperationException => e.Message,
        _ => e.GetType().Name,
    };

    [LoggerMessage(1, LogLevel.Debug, "Tenant grain {TenantId} activated (disconnected: {Disconnected})")]
    private partial void LogActivated(Guid tenantId, bool disconnected);

    [LoggerMessage(2, LogLevel.Debug, "Tenant grain {TenantId} deactivated ({Reason})")]
    private partial void LogDeactivated(Guid tenantId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Refreshed the access token of tenant {TenantId}, valid until {ExpiresAt:O} (after a 401: {AfterRejection})")]
    private partial void LogRefreshed(Guid tenantId, DateTimeOffset expiresAt, bool afterRejection);

    [LoggerMessage(4, LogLevel.Warning, "Could not refresh the access token of tenant {TenantId} ({Error})")]
    private partial void LogRefreshFailed(Guid tenantId, string error);

    [LoggerMessage(5, LogLevel.Warning, "Tenant grain {TenantId} stops serving: the tenant is disconnected ({Cause})")]
    private partial void LogDisconnected(Guid tenantId, DisconnectCause cause);

    [LoggerMessage(6, LogLevel.Debug, "Inbox nudge for disconnected tenant {TenantId} ignored")]
    private partial void LogNudgeIgnored(Guid tenantId);

    [LoggerMessage(7, LogLevel.Debug, "No inbox processor is registered; nudge for tenant {TenantId} not processed")]
    private partial void LogNoProcessor(Guid tenantId);

    [LoggerMessage(8, LogLevel.Debug, "Inbox pass for tenant {TenantId}: {Handled} rows")]
    private partial void LogInboxPass(Guid tenantId, int handled);

    [LoggerMessage(9, LogLevel.Information, "Inbox pass for tenant {TenantId} stopped by the deactivation; its rows stay pending")]
    private partial void LogInboxStopped(Guid tenantId);

    [LoggerMessage(10, LogLevel.Error, "Inbox pass for tenant {TenantId} failed ({Error}: {Message}); its rows stay pending")]
    private partial void LogInboxFailed(Guid tenantId, string error, string message);
}
