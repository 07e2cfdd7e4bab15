using System.Text.RegularExpressions;

namespace Saas.Rules.Engine;

/// <summary>
/// Builds the regexes of <c>matches</c> conditions: case-insensitive and culture-invariant, with the non-backtracking
/// engine (linear time, no catastrophic backtracking) whenever the pattern allows it; patterns it cannot run
/// (backreferences, lookarounds, atomic groups…) get the backtracking engine, interpreted, with the match timeout. The
/// non-backtracking engine runs in time linear in the input, so it gets no timeout: a timeout there would only turn a
/// slow machine's hiccup (its lazily built automaton, a descheduled thread) into a false "no match". The backtracking
/// fallback is interpreted rather than compiled: a compiled regex JITs its code on first use, and that cost would count
/// against the first ticket's timeout (these patterns are rare; the common ones take the linear engine).
/// </summary>
internal sealed class RegexFactory(TimeSpan matchTimeout)
{
    private const RegexOptions Common = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public TimeSpan MatchTimeout { get; } = matchTimeout;

    public Regex Create(string pattern)
    {
        try
        {
            return new Regex(pattern, Common | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, Common, MatchTimeout);
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
