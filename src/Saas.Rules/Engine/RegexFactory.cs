using System.Text.RegularExpressions;

namespace Saas.Rules.Engine;

/// <summary>
/// Builds the regexes of <c>matches</c> conditions: case-insensitive and culture-invariant, with the non-backtracking
/// engine (linear time, no catastrophic backtracking) whenever the pattern allows it; patterns it cannot run
/// (backreferences, lookarounds, atomic groups…) get the backtracking engine, compiled, with the match timeout.
/// </summary>
internal sealed class RegexFactory(TimeSpan matchTimeout)
{
    private const RegexOptions Common = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public TimeSpan MatchTimeout { get; } = matchTimeout;

    public Regex Create(string pattern)
    {
        try
        {
            return new Regex(pattern, Common | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, Common | RegexOptions.Compiled, MatchTimeout);
        }
    }

    /// <summary>The parser's message when <paramref name="pattern"/> is not a valid .NET regular expression, else null.</summary>
    public string? Check(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Common, MatchTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
