using System.Text.Json;
using Saas.Rules.Definitions;

namespace Saas.Core.Rules;

/// <summary>A stored rule as the API shows it: identity, place, current version and its definition.</summary>
public sealed record RuleView(
    Guid Id,
    int Position,
    int Version,
    string Name,
    RuleState State,
    string? StarterKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? UpdatedBy,
    RuleDefinition Definition);

/// <summary>One saved version of a rule, for the history: who saved it, when, and what.</summary>
public sealed record RuleVersionView(int Version, DateTimeOffset CreatedAt, string? CreatedBy, RuleDefinition Definition);

/// <summary>The tenant's rule settings: time zone and week (null = defaults), the rule-set stamp and the starter pack's install time.</summary>
public sealed record RuleSettingsView(string? TimeZone, JsonElement? BusinessHours, long RuleSetVersion, DateTimeOffset? StarterPackInstalledAt);

/// <summary>What a starter-pack install did: the keys added, and those skipped because a rule from them is already there.</summary>
public sealed record StarterPackInstallResult(IReadOnlyList<string> Added, IReadOnlyList<string> Skipped);
