using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Saas.Core.Tenancy;

/// <summary>
/// Who the current tenant is. Tenant-owned queries are filtered by <see cref="TenantId"/> (none → no rows) and saves
/// of tenant-owned rows are checked against it (none → refused, unless in an explicit system scope).
/// </summary>
public interface ITenantContext
{
    /// <summary>The current tenant, or null when there is none.</summary>
    Guid? TenantId { get; }

    /// <summary>
    /// True inside <see cref="TenantContext.BeginSystemScope"/>: saves of any tenant's rows are allowed. Queries stay
    /// filtered (no tenant → no rows) unless they opt out with <c>IgnoreQueryFilters([TenantQueryFilter.Name])</c>.
    /// </summary>
    bool IsSystemScope { get; }

    /// <summary>Why the system scope was begun (logged when it begins).</summary>
    string? SystemScopeReason { get; }
}

/// <summary>
/// The tenant context of one DI scope (an HTTP request, a circuit, a unit of background work). An HTTP request gets
/// its tenant from the resolution strategies (<see cref="TenancyServiceCollectionExtensions.UseSaasTenancy"/>);
/// background work begins one explicitly:
/// <code>
/// using var scope = tenants.Begin(tenantId);             // tenant work: filtered reads, guarded writes
/// using var system = tenants.BeginSystemScope("purge");  // cross-tenant system work, logged with its reason
/// </code>
/// Scopes nest and restore the previous state when disposed; switching from one tenant straight to another throws,
/// since that is almost always a bug (begin a system scope first if a job really walks several tenants).
/// </summary>
public sealed partial class TenantContext : ITenantContext
{
    private readonly ILogger<TenantContext> _logger;
    private State _state = State.None;

    public TenantContext(ILogger<TenantContext> logger) => _logger = logger;

    /// <summary>A context with no tenant and no way to log: for tools and tests.</summary>
    internal TenantContext() : this(NullLogger<TenantContext>.Instance)
    {
    }

    public Guid? TenantId => _state.TenantId;

    public bool IsSystemScope => _state.SystemReason is not null;

    public string? SystemScopeReason => _state.SystemReason;

    /// <summary>Makes <paramref name="tenantId"/> the current tenant until the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another tenant is current (outside a system scope).</exception>
    public IDisposable Begin(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A tenant scope needs a tenant id (got Guid.Empty).", nameof(tenantId));
        }

        if (_state.TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException(
                $"Cannot begin tenant {tenantId}'s scope inside tenant {current}'s scope. Work for several tenants " +
                "belongs in an explicit system scope (TenantContext.BeginSystemScope) or in separate DI scopes.");
        }

        return Push(new State(tenantId, null));
    }

    /// <summary>
    /// The escape hatch for system work that spans tenants (the purge job, sweepers): saves of any tenant's rows are
    /// allowed until the returned scope is disposed. The reason is logged, so every use is auditable.
    /// </summary>
    public IDisposable BeginSystemScope(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        LogSystemScope(_logger, reason);
        return Push(new State(null, reason));
    }

    private Restore Push(State next)
    {
        var previous = _state;
        _state = next;
        return new Restore(this, previous);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "System scope begun: saves of any tenant's rows are allowed until it ends. Reason: {Reason}")]
    private static partial void LogSystemScope(ILogger logger, string reason);

    private sealed record State(Guid? TenantId, string? SystemReason)
    {
        public static readonly State None = new(null, null);
    }

    private sealed class Restore(TenantContext owner, State previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner._state = previous;
            }
        }
    }
}
