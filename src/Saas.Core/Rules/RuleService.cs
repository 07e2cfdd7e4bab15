using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Saas.Core.Data;
using Saas.Core.Tenancy;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Core.Rules;

/// <summary>
/// A tenant's rules: storage, order, versions, validation, the starter pack and the rule settings (see docs/rules.md).
/// <list type="bullet">
/// <item>Every save of a rule is a new immutable <see cref="RuleVersion"/>; restore saves an old one again as the newest.</item>
/// <item>Every change bumps <see cref="TenantRuleSettings.RuleSetVersion"/> (creating the row when missing) and writes a
/// <see cref="TenantActivity"/> line in the same save, so every silo's compiled set (<see cref="ITenantRuleSets"/>)
/// sees it on its next call, and the merchant's timeline says who changed what.</item>
/// <item>Optimistic concurrency: update, state and restore take the version the caller saw; a stale one throws
/// <see cref="RuleVersionConflictException"/>. Two saves racing on the same tenant meet at the stamp's concurrency
/// token: the loser runs again against the fresh state (and so gets the conflict if it raced on the same rule).</item>
/// <item>Validation: the engine's <see cref="IRuleCompiler.Validate"/>, with the account's team and custom field ids
/// from <see cref="ITenantDirectory"/> (read only when the rule refers to one), and every <c>assign_user</c> email
/// must be a user of the account. When the account cannot be read the save is refused
/// (<see cref="RuleDirectoryUnavailableException"/>): an unchecked reference would fail on every ticket later.</item>
/// </list>
/// A singleton: each call opens its own tenant-bound context.
/// </summary>
public sealed partial class RuleService(
    ITenantDbContextFactory contexts,
    IRuleCompiler compiler,
    ITenantDirectory directory,
    TimeProvider clock,
    ILogger<RuleService> logger)
{
    private const int MaxAttempts = 5;

    public async Task<IReadOnlyList<RuleView>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var rows = await db.Rules.AsNoTracking()
            .Join(db.RuleVersions.AsNoTracking(), r => new { RuleId = r.Id, Version = r.CurrentVersion }, v => new { v.RuleId, v.Version }, (r, v) => new { Rule = r, v.Definition, v.CreatedBy })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Rule.Position).Select(r => View(r.Rule, r.Definition, r.CreatedBy))];
    }

    /// <exception cref="RuleNotFoundException">No such rule for this tenant.</exception>
    public async Task<RuleView> GetAsync(Guid tenantId, Guid ruleId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var rule = await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken) ?? throw new RuleNotFoundException(ruleId);
        var version = await db.RuleVersions.AsNoTracking().FirstAsync(v => v.RuleId == ruleId && v.Version == rule.CurrentVersion, cancellationToken);
        return View(rule, version.Definition, version.CreatedBy);
    }

    /// <summary>The rule's versions, newest first.</summary>
    public async Task<IReadOnlyList<RuleVersionView>> HistoryAsync(Guid tenantId, Guid ruleId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        if (!await db.Rules.AnyAsync(r => r.Id == ruleId, cancellationToken))
        {
            throw new RuleNotFoundException(ruleId);
        }

        var versions = await db.RuleVersions.AsNoTracking().Where(v => v.RuleId == ruleId).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return [.. versions.Select(v => new RuleVersionView(v.Version, v.CreatedAt, v.CreatedBy, RuleJson.Deserialize(v.Definition)))];
    }

    /// <summary>
    /// Every problem of a definition for this tenant, keyed by path; empty when it can be saved.
    /// </summary>
    /// <exception cref="RuleDirectoryUnavailableException">The rule refers to the account's teams, fields or users and the account could not be read.</exception>
    public async Task<IReadOnlyList<RuleValidationError>> ValidateAsync(Guid tenantId, RuleDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<RuleValidationError>();

        var actions = definition.Actions ?? [];
        var teams = actions.Any(a => a?.Type == RuleActionTypes.AssignTeam);
        var fields = actions.Any(a => a?.Type == RuleActionTypes.SetCustomField);
        var users = actions.Select((a, i) => (Action: a, Index: i))
            .Where(a => a.Action?.Type == RuleActionTypes.AssignUser && !string.IsNullOrWhiteSpace(a.Action.UserEmail)).ToList();
        var context = new RuleValidationContext();
        if (teams || fields || users.Count > 0)
        {
            try
            {
                context = new RuleValidationContext(
                    teams ? await directory.GetTeamIdsAsync(tenantId, cancellationToken) : null,
                    fields ? await directory.GetCustomFieldIdsAsync(tenantId, cancellationToken) : null);
                foreach (var (action, index) in users)
                {
                    if (await directory.FindUserIdAsync(tenantId, action!.UserEmail!, cancellationToken) is null)
                    {
                        errors.Add(new($"actions[{index}].user_email", $"The Gorgias account has no user '{action.UserEmail}'."));
                    }
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogDirectoryUnavailable(tenantId, e.GetType().Name);
                var uncheckedPaths = actions.Select((a, i) => (a?.Type, i)).Where(a => a.Type is RuleActionTypes.AssignTeam or RuleActionTypes.SetCustomField or RuleActionTypes.AssignUser)
                    .Select(a => new RuleValidationError(
                        a.Type switch { RuleActionTypes.AssignTeam => $"actions[{a.i}].team_id", RuleActionTypes.SetCustomField => $"actions[{a.i}].field_id", _ => $"actions[{a.i}].user_email" },
                        "Gorgias could not be reached to check this; nothing was saved. Try again."))
                    .ToList();
                throw new RuleDirectoryUnavailableException(uncheckedPaths, e);
            }
        }

        foreach (var error in compiler.Validate(definition, context))
        {
            if (!errors.Contains(error))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>Creates a rule at <paramref name="position"/> (0-based; null = at the end), version 1.</summary>
    /// <exception cref="RuleValidationException">The definition or the position is invalid; nothing stored.</exception>
    public async Task<RuleView> CreateAsync(Guid tenantId, RuleDefinition definition, int? position, string actor, CancellationToken cancellationToken)
    {
        await EnsureValidAsync(tenantId, definition, cancellationToken);
        var json = RuleJson.Serialize(definition);
        return await ChangeAsync(tenantId, async (db, settings, now) =>
        {
            var rules = await db.Rules.OrderBy(r => r.Position).ToListAsync(cancellationToken);
            var at = position ?? rules.Count;
            if (at < 0 || at > rules.Count)
            {
                throw new RuleValidationException([new("position", $"The position is between 0 and {rules.Count} (the number of rules).")]);
            }

            var rule = new Rule
            {
                Id = Guid.NewGuid(),
                TenantId = tenantId,
                CurrentVersion = 1,
                Name = definition.Name,
                State = definition.State,
                CreatedAt = now,
                UpdatedAt = now,
            };
            rules.Insert(at, rule);
            Renumber(rules);
            db.Rules.Add(rule);
            db.RuleVersions.Add(NewVersion(tenantId, rule.Id, 1, json, now, actor));
            return (View(rule, json, actor), "rule-created", $"Rule \"{rule.Name}\" created at position {at + 1} ({rule.State}) by {actor}.");
        }, cancellationToken);
    }

    /// <summary>Saves a new version of a rule.</summary>
    /// <exception cref="RuleNotFoundException"/>
    /// <exception cref="RuleVersionConflictException"><paramref name="expectedVersion"/> is not the current version.</exception>
    /// <exception cref="RuleValidationException"/>
    public async Task<RuleView> UpdateAsync(Guid tenantId, Guid ruleId, RuleDefinition definition, int expectedVersion, string actor, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(tenantId, ruleId, expectedVersion, cancellationToken);
        await EnsureValidAsync(tenantId, definition, cancellationToken);
        return await SaveVersionAsync(tenantId, ruleId, expectedVersion, _ => definition, actor, "rule-updated", (rule, v) => $"Rule \"{rule.Name}\" saved as version {v} by {actor}.", cancellationToken);
    }

    /// <summary>Enables, shadows or disables a rule: a new version with that state (the same state: nothing changes).</summary>
    public async Task<RuleView> SetStateAsync(Guid tenantId, Guid ruleId, RuleState state, int expectedVersion, string actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(state))
        {
            throw new RuleValidationException([new("state", "The state is enabled, shadow or disabled.")]);
        }

        var current = await GetAsync(tenantId, ruleId, cancellationToken);
        if (current.Version != expectedVersion)
        {
            throw new RuleVersionConflictException(ruleId, expectedVersion, current.Version);
        }

        if (current.State == state)
        {
            return current;
        }

        return await SaveVersionAsync(tenantId, ruleId, expectedVersion, d => d with { State = state }, actor, "rule-state",
            (rule, v) => $"Rule \"{rule.Name}\" set to {state} (version {v}) by {actor}.", cancellationToken);
    }

    /// <summary>Saves version <paramref name="version"/> again as the newest (validated again: the account may have changed since).</summary>
    public async Task<RuleView> RestoreAsync(Guid tenantId, Guid ruleId, int version, int expectedVersion, string actor, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(tenantId, ruleId, expectedVersion, cancellationToken);
        RuleDefinition restored;
        await using (var db = contexts.CreateForTenant(tenantId))
        {
            var row = await db.RuleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.RuleId == ruleId && v.Version == version, cancellationToken)
                ?? throw new RuleNotFoundException(ruleId, $"Rule {ruleId} has no version {version}.");
            restored = RuleJson.Deserialize(row.Definition);
        }

        await EnsureValidAsync(tenantId, restored, cancellationToken);
        return await SaveVersionAsync(tenantId, ruleId, expectedVersion, _ => restored, $"{actor} (restore of v{version})", "rule-restored",
            (rule, v) => $"Rule \"{rule.Name}\": version {version} restored as version {v} by {actor}.", cancellationToken);
    }

    /// <summary>Deletes a rule and its versions; the rules after it move up.</summary>
    public Task DeleteAsync(Guid tenantId, Guid ruleId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, async (db, settings, now) =>
        {
            var rules = await db.Rules.OrderBy(r => r.Position).ToListAsync(cancellationToken);
            var rule = rules.FirstOrDefault(r => r.Id == ruleId) ?? throw new RuleNotFoundException(ruleId);
            await RemoveAsync(db, rules, [rule], cancellationToken);
            return (true, "rule-deleted", $"Rule \"{rule.Name}\" deleted by {actor}.");
        }, cancellationToken);

    /// <summary>Sets the order: <paramref name="ruleIds"/> must be exactly the tenant's rules, each once; position i = index i.</summary>
    public async Task<IReadOnlyList<RuleView>> ReorderAsync(Guid tenantId, IReadOnlyList<Guid> ruleIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        await ChangeAsync(tenantId, async (db, settings, now) =>
        {
            var rules = await db.Rules.ToDictionaryAsync(r => r.Id, cancellationToken);
            var errors = new List<RuleValidationError>();
            var seen = new HashSet<Guid>();
            for (var i = 0; i < ruleIds.Count; i++)
            {
                if (!rules.ContainsKey(ruleIds[i]))
                {
                    errors.Add(new($"ids[{i}]", $"No rule {ruleIds[i]}."));
                }
                else if (!seen.Add(ruleIds[i]))
                {
                    errors.Add(new($"ids[{i}]", $"Rule {ruleIds[i]} is listed twice."));
                }
            }

            var missing = rules.Keys.Where(id => !seen.Contains(id)).ToList();
            if (errors.Count == 0 && missing.Count > 0)
            {
                errors.Add(new("ids", $"The order must list every rule exactly once; missing: {string.Join(", ", missing)}."));
            }

            if (errors.Count > 0)
            {
                throw new RuleValidationException(errors);
            }

            for (var i = 0; i < ruleIds.Count; i++)
            {
                rules[ruleIds[i]].Position = i;
            }

            return (0, "rules-reordered", $"Rules reordered by {actor}.");
        }, cancellationToken);
        return await ListAsync(tenantId, cancellationToken);
    }

    /// <summary>Adds the starter pack's rules whose keys are not present (at the end), enabled; marks the pack installed.</summary>
    public Task<StarterPackInstallResult> InstallStarterPackAsync(Guid tenantId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, async (db, settings, now) =>
        {
            var result = await StarterPackInstaller.AddMissingAsync(db, tenantId, settings, now, StarterPackInstaller.CreatedBy, cancellationToken);
            return (result, "starter-pack-installed", $"Starter pack installed by {actor}: {result.Added.Count} rules added, {result.Skipped.Count} already there.");
        }, cancellationToken);

    /// <summary>Deletes every rule that came from the starter pack (edited or not); returns how many.</summary>
    public Task<int> RemoveStarterPackAsync(Guid tenantId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, async (db, settings, now) =>
        {
            var rules = await db.Rules.OrderBy(r => r.Position).ToListAsync(cancellationToken);
            var starter = rules.Where(r => r.StarterKey is not null).ToList();
            await RemoveAsync(db, rules, starter, cancellationToken);
            return (starter.Count, "starter-pack-removed", $"Starter pack removed by {actor}: {starter.Count} rules deleted.");
        }, cancellationToken);

    public async Task<RuleSettingsView> GetSettingsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var settings = await db.TenantRuleSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return SettingsView(settings);
    }

    /// <summary>Sets the time zone and week (null = UTC / Monday–Friday 09:00–17:00); field errors for an unknown zone or a bad interval.</summary>
    public async Task<RuleSettingsView> SetSettingsAsync(Guid tenantId, string? timeZone, string? businessHours, string actor, CancellationToken cancellationToken)
    {
        var errors = BusinessHoursJson.Validate(timeZone, businessHours);
        if (errors.Count > 0)
        {
            throw new RuleValidationException(errors);
        }

        timeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        var week = string.IsNullOrWhiteSpace(businessHours) ? null : BusinessHoursJson.Format(BusinessHoursJson.Parse(null, businessHours));
        var saved = await ChangeAsync(tenantId, (db, settings, now) =>
        {
            settings.TimeZone = timeZone;
            settings.BusinessHours = week;
            return Task.FromResult((settings, "rule-settings", $"Business hours set to {timeZone ?? "UTC"} {week ?? "(default week)"} by {actor}."));
        }, cancellationToken);
        return SettingsView(saved);
    }

    private async Task EnsureValidAsync(Guid tenantId, RuleDefinition definition, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(tenantId, definition, cancellationToken);
        if (errors.Count > 0)
        {
            throw new RuleValidationException(errors);
        }
    }

    /// <summary>A cheap check before validation (which may call Gorgias): unknown rule → 404, stale version → 409.</summary>
    private async Task EnsureExistsAsync(Guid tenantId, Guid ruleId, int expectedVersion, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var current = await db.Rules.Where(r => r.Id == ruleId).Select(r => (int?)r.CurrentVersion).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RuleNotFoundException(ruleId);
        if (current != expectedVersion)
        {
            throw new RuleVersionConflictException(ruleId, expectedVersion, current);
        }
    }

    private Task<RuleView> SaveVersionAsync(
        Guid tenantId, Guid ruleId, int expectedVersion, Func<RuleDefinition, RuleDefinition> change, string createdBy, string kind,
        Func<Rule, int, string> message, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, async (db, settings, now) =>
        {
            var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken) ?? throw new RuleNotFoundException(ruleId);
            if (rule.CurrentVersion != expectedVersion)
            {
                throw new RuleVersionConflictException(ruleId, expectedVersion, rule.CurrentVersion);
            }

            var current = await db.RuleVersions.AsNoTracking().FirstAsync(v => v.RuleId == ruleId && v.Version == rule.CurrentVersion, cancellationToken);
            var definition = change(RuleJson.Deserialize(current.Definition));
            var json = RuleJson.Serialize(definition);
            rule.CurrentVersion++;
            rule.Name = definition.Name;
            rule.State = definition.State;
            rule.UpdatedAt = now;
            db.RuleVersions.Add(NewVersion(tenantId, ruleId, rule.CurrentVersion, json, now, createdBy));
            return (View(rule, json, createdBy), kind, message(rule, rule.CurrentVersion));
        }, cancellationToken);

    /// <summary>
    /// One change in one save: the change itself, the stamp bumped (row created when missing), an activity line. A save
    /// that lost a race (the stamp moved, two saves wrote the same next version, or two first saves created the settings
    /// row) runs the change again on fresh state, where an optimistic check answers the conflict.
    /// </summary>
    private async Task<T> ChangeAsync<T>(Guid tenantId, Func<SaasDbContext, TenantRuleSettings, DateTimeOffset, Task<(T Result, string Kind, string Message)>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.CreateForTenant(tenantId);
            var now = clock.GetUtcNow();
            var settings = await db.TenantRuleSettings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null)
            {
                settings = new TenantRuleSettings { TenantId = tenantId };
                db.TenantRuleSettings.Add(settings);
            }

            var (result, kind, message) = await change(db, settings, now);
            settings.RuleSetVersion++;
            db.TenantActivities.Add(new TenantActivity { TenantId = tenantId, At = now, Kind = kind, Message = Truncate(message, 1000) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogChanged(tenantId, kind, settings.RuleSetVersion);
                return result;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                LogRetry(tenantId, kind, attempt);
            }
        }
    }

    private static async Task RemoveAsync(SaasDbContext db, List<Rule> ordered, IReadOnlyCollection<Rule> remove, CancellationToken cancellationToken)
    {
        var ids = remove.Select(r => r.Id).ToList();
        db.RuleVersions.RemoveRange(await db.RuleVersions.Where(v => ids.Contains(v.RuleId)).ToListAsync(cancellationToken));
        db.Rules.RemoveRange(remove);
        ordered.RemoveAll(r => ids.Contains(r.Id));
        Renumber(ordered);
    }

    private static void Renumber(List<Rule> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }
    }

    private static RuleVersion NewVersion(Guid tenantId, Guid ruleId, int version, string json, DateTimeOffset now, string createdBy) => new()
    {
        TenantId = tenantId,
        RuleId = ruleId,
        Version = version,
        Definition = json,
        CreatedAt = now,
        CreatedBy = Truncate(createdBy, 200),
    };

    private static RuleView View(Rule rule, string definition, string? updatedBy) =>
        new(rule.Id, rule.Position, rule.CurrentVersion, rule.Name, rule.State, rule.StarterKey, rule.CreatedAt, rule.UpdatedAt, updatedBy, RuleJson.Deserialize(definition));

    private static RuleSettingsView SettingsView(TenantRuleSettings? settings)
    {
        JsonElement? week = null;
        if (settings?.BusinessHours is { } json)
        {
            using var document = JsonDocument.Parse(json);
            week = document.RootElement.Clone();
        }

        return new RuleSettingsView(settings?.TimeZone, week, settings?.RuleSetVersion ?? 0, settings?.StarterPackInstalledAt);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(1, LogLevel.Information, "Rules of tenant {TenantId}: {Kind}; rule set now at {RuleSetVersion}")]
    private partial void LogChanged(Guid tenantId, string kind, long ruleSetVersion);

    [LoggerMessage(2, LogLevel.Information, "Rules of tenant {TenantId}: {Kind} lost a race with another save (attempt {Attempt}); running it again")]
    private partial void LogRetry(Guid tenantId, string kind, int attempt);

    [LoggerMessage(3, LogLevel.Warning, "Rules of tenant {TenantId}: the Gorgias account could not be read to check a rule ({Error}); save refused")]
    private partial void LogDirectoryUnavailable(Guid tenantId, string error);
}
