using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;

namespace Saas.Core.Rules;

/// <summary>
/// What rules refer to in the merchant's Gorgias account (users by email, team ids, custom field ids), read through
/// the API and cached per tenant for <see cref="TenantDirectory.Lifetime"/> so validation and assignment cost no calls
/// on the hot path.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>The Gorgias user id of an email (case-insensitive), or null when the account has no such user.</summary>
    Task<long?> FindUserIdAsync(Guid tenantId, string email, CancellationToken cancellationToken);

    Task<IReadOnlySet<long>> GetTeamIdsAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The ticket custom field ids.</summary>
    Task<IReadOnlySet<long>> GetCustomFieldIdsAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Forgets a tenant's cached lists (the next read fetches them again).</summary>
    void Invalidate(Guid tenantId);
}

/// <summary>The API-backed directory; the lists of one tenant are fetched together, single flight, in the live lane.</summary>
internal sealed class TenantDirectory(ITenantDbContextFactory contexts, GorgiasApiClient api, TimeProvider clock) : ITenantDirectory
{
    /// <summary>How long a tenant's lists are kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, Lazy<Task<Entry>>> _entries = new();

    public async Task<long?> FindUserIdAsync(Guid tenantId, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var entry = await GetAsync(tenantId, cancellationToken);
        return entry.UsersByEmail.TryGetValue(email.Trim(), out var id) ? id : null;
    }

    public async Task<IReadOnlySet<long>> GetTeamIdsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await GetAsync(tenantId, cancellationToken)).TeamIds;

    public async Task<IReadOnlySet<long>> GetCustomFieldIdsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await GetAsync(tenantId, cancellationToken)).CustomFieldIds;

    public void Invalidate(Guid tenantId) => _entries.TryRemove(tenantId, out _);

    private async Task<Entry> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lazy = _entries.GetOrAdd(tenantId, id => new Lazy<Task<Entry>>(() => LoadAsync(id)));
            Entry entry;
            try
            {
                entry = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed load is not cached: the next caller tries again.
                _entries.TryRemove(new KeyValuePair<Guid, Lazy<Task<Entry>>>(tenantId, lazy));
                throw;
            }

            if (clock.GetUtcNow() - entry.LoadedAt < Lifetime)
            {
                return entry;
            }

            _entries.TryRemove(new KeyValuePair<Guid, Lazy<Task<Entry>>>(tenantId, lazy));
        }
    }

    private async Task<Entry> LoadAsync(Guid tenantId)
    {
        string account;
        await using (var db = contexts.CreateForTenant(tenantId))
        {
            account = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Account).FirstOrDefaultAsync()
                ?? throw new InvalidOperationException($"Tenant {tenantId} does not exist.");
        }

        if (!GorgiasAccount.TryParse(account, out var gorgiasAccount))
        {
            throw new InvalidOperationException($"Tenant {tenantId} has an invalid account name.");
        }

        var caller = new GorgiasCaller(gorgiasAccount, tenantId.ToString(), GorgiasLane.Live);
        var users = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await foreach (var user in api.ListUsersAsync(caller))
        {
            if (!string.IsNullOrWhiteSpace(user.Email))
            {
                users.TryAdd(user.Email.Trim(), user.Id);
            }
        }

        var teams = new HashSet<long>();
        await foreach (var team in api.ListTeamsAsync(caller))
        {
            teams.Add(team.Id);
        }

        var fields = new HashSet<long>();
        await foreach (var field in api.ListCustomFieldsAsync(caller))
        {
            fields.Add(field.Id);
        }

        return new Entry(users, teams, fields, clock.GetUtcNow());
    }

    private sealed record Entry(IReadOnlyDictionary<string, long> UsersByEmail, IReadOnlySet<long> TeamIds, IReadOnlySet<long> CustomFieldIds, DateTimeOffset LoadedAt);
}
