using Microsoft.Extensions.Options;

namespace Saas.Core.Tagging;

/// <summary>The live tagging path (section <c>Tagging</c>), validated at start-up.</summary>
public sealed class TaggingOptions
{
    public const string Section = "Tagging";

    /// <summary>
    /// The hard stop of the loop guard: at most this many rounds of writes per ticket in <see cref="RoundWindow"/>
    /// (rules that undo each other, or a fight with another integration, end here; the run says so).
    /// </summary>
    public int MaxWriteRounds { get; set; } = 5;

    public TimeSpan RoundWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most rule runs <c>GET …/tickets/{id}/rule-runs</c> returns.</summary>
    public int MaxRunsListed { get; set; } = 50;
}

/// <summary>Start-up validation of <see cref="TaggingOptions"/>.</summary>
internal sealed class TaggingOptionsValidator : IValidateOptions<TaggingOptions>
{
    public ValidateOptionsResult Validate(string? name, TaggingOptions options)
    {
        var failures = new List<string>();
        if (options.MaxWriteRounds < 1)
        {
            failures.Add($"{TaggingOptions.Section}:MaxWriteRounds must be at least 1 (got {options.MaxWriteRounds}).");
        }

        if (options.RoundWindow <= TimeSpan.Zero)
        {
            failures.Add($"{TaggingOptions.Section}:RoundWindow must be positive (got {options.RoundWindow}).");
        }

        if (options.MaxRunsListed is < 1 or > 1000)
        {
            failures.Add($"{TaggingOptions.Section}:MaxRunsListed must be 1–1000 (got {options.MaxRunsListed}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
