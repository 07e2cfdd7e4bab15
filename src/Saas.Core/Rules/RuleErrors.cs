using Saas.Rules.Engine;

namespace Saas.Core.Rules;

/// <summary>The tenant has no rule with this id (also what another tenant's rule id looks like: 404, never 403).</summary>
public sealed class RuleNotFoundException(Guid ruleId, string? what = null)
    : Exception(what ?? $"No rule {ruleId}.")
{
    public Guid RuleId { get; } = ruleId;
}

/// <summary>
/// The caller saved against a version that is no longer the current one (someone else saved in between): nothing was
/// stored; the caller reloads <see cref="CurrentVersion"/> and tries again. The API answers 409.
/// </summary>
public sealed class RuleVersionConflictException(Guid ruleId, int expectedVersion, int currentVersion)
    : Exception($"Rule {ruleId} is at version {currentVersion}, not {expectedVersion}: it was changed meanwhile. Reload it and try again.")
{
    public Guid RuleId { get; } = ruleId;

    public int ExpectedVersion { get; } = expectedVersion;

    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>A rule (or a request about rules) is invalid: per-field errors keyed by path; nothing was stored. The API answers 400.</summary>
public sealed class RuleValidationException(IReadOnlyList<RuleValidationError> errors)
    : Exception("The rule is invalid: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")))
{
    public IReadOnlyList<RuleValidationError> Errors { get; } = errors;
}

/// <summary>
/// A rule refers to teams, custom fields or users of the Gorgias account, and the account could not be read to check
/// them: the save is refused (nothing stored) rather than letting an unchecked reference through. The API answers 503
/// with the paths that could not be checked.
/// </summary>
public sealed class RuleDirectoryUnavailableException(IReadOnlyList<RuleValidationError> errors, Exception inner)
    : Exception("Gorgias could not be reached to check the rule's teams, users or custom fields; nothing was saved.", inner)
{
    public IReadOnlyList<RuleValidationError> Errors { get; } = errors;
}
