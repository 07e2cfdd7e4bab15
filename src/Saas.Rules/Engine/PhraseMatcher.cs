namespace Saas.Rules.Engine;

/// <summary>One phrase found in a folded text: the term's id and its folded span [Start, End).</summary>
internal readonly record struct PhraseHit(int TermId, int Start, int End);

/// <summary>
/// Every phrase of a whole rule set in one word-anchored trie over folded text. Folded text has exactly one space
/// between words, so a whole-word match can only start at offset 0 or after a space: the scan walks the trie from
/// each word start as far as the text follows it, reporting a term where it ends on a word boundary (or anywhere, for
/// a prefix term like <c>rembours*</c>, which then extends to the end of the word). One pass per text finds every term
/// of every rule; no failure links are needed because matches never start inside a word.
/// </summary>
internal sealed class PhraseMatcher
{
    private const int NoNode = -1;

    // Node n's edges are _edgeChars/_edgeTargets[_edgeStart[n] .. _edgeStart[n] + _edgeCount[n]), sorted by char.
    private readonly int[] _edgeStart;
    private readonly int[] _edgeCount;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;
    private readonly int[] _rootAscii; // root transitions by ASCII char, for the common first letter.
    private readonly int[]?[] _wholeTerms; // terms ending at the node that need a word boundary after them.
    private readonly int[]?[] _prefixTerms; // terms ending at the node that match a word prefix.

    private PhraseMatcher(int termCount, int[] edgeStart, int[] edgeCount, char[] edgeChars, int[] edgeTargets, int[] rootAscii, int[]?[] wholeTerms, int[]?[] prefixTerms)
    {
        TermCount = termCount;
        _edgeStart = edgeStart;
        _edgeCount = edgeCount;
        _edgeChars = edgeChars;
        _edgeTargets = edgeTargets;
        _rootAscii = rootAscii;
        _wholeTerms = wholeTerms;
        _prefixTerms = prefixTerms;
    }

    public int NodeCount => _edgeStart.Length;

    /// <summary>How many terms the matcher was built with (term ids are 0 .. TermCount - 1).</summary>
    public int TermCount { get; }

    /// <summary>Builds the trie; <paramref name="terms"/>[id] is a folded term and whether it is a prefix.</summary>
    public static PhraseMatcher Build(IReadOnlyList<(string Folded, bool Prefix)> terms)
    {
        var children = new List<SortedDictionary<char, int>> { new() };
        var whole = new List<List<int>?> { null };
        var prefix = new List<List<int>?> { null };
        for (var id = 0; id < terms.Count; id++)
        {
            var (folded, isPrefix) = terms[id];
            var node = 0;
            foreach (var c in folded)
            {
                if (!children[node].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    whole.Add(null);
                    prefix.Add(null);
                    children[node][c] = next;
                }

                node = next;
            }

            var list = isPrefix ? prefix : whole;
            (list[node] ??= []).Add(id);
        }

        var count = children.Count;
        var edgeStart = new int[count];
        var edgeCount = new int[count];
        var edgeChars = new List<char>();
        var edgeTargets = new List<int>();
        for (var n = 0; n < count; n++)
        {
            edgeStart[n] = edgeChars.Count;
            edgeCount[n] = children[n].Count;
            foreach (var (c, target) in children[n])
            {
                edgeChars.Add(c);
                edgeTargets.Add(target);
            }
        }

        var rootAscii = new int[128];
        Array.Fill(rootAscii, NoNode);
        foreach (var (c, target) in children[0])
        {
            if (c < 128)
            {
                rootAscii[c] = target;
            }
        }

        return new PhraseMatcher(
            terms.Count, edgeStart, edgeCount, [.. edgeChars], [.. edgeTargets], rootAscii,
            [.. whole.Select(l => l?.ToArray())], [.. prefix.Select(l => l?.ToArray())]);
    }

    /// <summary>Scans <paramref name="folded"/> once; every term found is passed to <paramref name="onHit"/> (a term may be reported more than once).</summary>
    public void Scan<TState>(string folded, ref TState state, HitSink<TState> onHit)
    {
        var length = folded.Length;
        for (var start = 0; start < length; start++)
        {
            if (start > 0 && folded[start - 1] != ' ')
            {
                continue;
            }

            var node = 0;
            for (var j = start; j < length; j++)
            {
                node = Step(node, folded[j]);
                if (node == NoNode)
                {
                    break;
                }

                var end = j + 1;
                if (_wholeTerms[node] is { } whole && (end == length || folded[end] == ' '))
                {
                    foreach (var id in whole)
                    {
                        onHit(ref state, new PhraseHit(id, start, end));
                    }
                }

                if (_prefixTerms[node] is { } prefixes)
                {
                    var wordEnd = folded.IndexOf(' ', end);
                    if (wordEnd < 0)
                    {
                        wordEnd = length;
                    }

                    foreach (var id in prefixes)
                    {
                        onHit(ref state, new PhraseHit(id, start, wordEnd));
                    }
                }
            }
        }
    }

    private int Step(int node, char c)
    {
        if (node == 0 && c < 128)
        {
            return _rootAscii[c];
        }

        var from = _edgeStart[node];
        var count = _edgeCount[node];
        if (count <= 8)
        {
            for (var k = from; k < from + count; k++)
            {
                if (_edgeChars[k] == c)
                {
                    return _edgeTargets[k];
                }
            }

            return NoNode;
        }

        var index = Array.BinarySearch(_edgeChars, from, count, c);
        return index >= 0 ? _edgeTargets[index] : NoNode;
    }
}

/// <summary>Receives a hit of <see cref="PhraseMatcher.Scan{TState}"/>.</summary>
internal delegate void HitSink<TState>(ref TState state, PhraseHit hit);
