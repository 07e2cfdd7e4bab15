using System.Buffers;
using System.Globalization;

namespace Saas.Rules.Engine;

/// <summary>
/// A text and its folded form (see <see cref="TextFolding"/>), with a map from every folded offset back to the original
/// text, so a match found in the folded text can be shown as the words the customer actually wrote.
/// </summary>
internal sealed class FoldedText
{
    private readonly int[] _map;

    public static FoldedText Empty { get; } = new(string.Empty, string.Empty, []);

    public FoldedText(string original, string folded, int[] map)
    {
        Original = original;
        Folded = folded;
        _map = map;
    }

    public string Original { get; }

    public string Folded { get; }

    /// <summary>The original text that produced folded characters [<paramref name="start"/>, <paramref name="end"/>), accents included.</summary>
    public string OriginalSlice(int start, int end)
    {
        if (start >= end || start >= _map.Length)
        {
            return string.Empty;
        }

        var from = _map[start];
        var to = _map[Math.Min(end, _map.Length) - 1] + 1;
        if (to < Original.Length && char.IsLowSurrogate(Original[to]))
        {
            to++;
        }

        // Combining marks that follow the last character belong to it ("e" + U+0301 is "é").
        while (to < Original.Length && IsMark(Original[to]))
        {
            to++;
        }

        return Original[from..to];
    }

    private static bool IsMark(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

/// <summary>
/// The one text normalisation of the engine, applied to ticket text once per evaluation and to every configured term
/// once per compilation: lower case (invariant), accents removed (the base letter of its canonical decomposition, see <see cref="AccentTable"/>,
/// plus ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, ð→d, þ→th, ı→i), and every run of anything that is not a letter or digit
/// (punctuation, symbols, whitespace, emoji) turned into one space, without leading or trailing space. So
/// "Où est ma commande ?" folds to "ou est ma commande" and "Rücksendung" to "rucksendung".
/// </summary>
internal static class TextFolding
{
    // For each BMP char, filled on first sight: null = separator, "" = dropped (a mark), else its folded letters.
    // Writes race benignly (the same value, a reference write).
    private static readonly string NotComputed = new('\0', 1);
    private static readonly string?[] Table = BuildTable();

    /// <summary>Folds <paramref name="text"/> without keeping the offset map (for configured terms and values).</summary>
    public static string Fold(string? text) => string.IsNullOrEmpty(text) ? string.Empty : FoldWithMap(text).Folded;

    /// <summary>Folds <paramref name="text"/> and keeps the map back to the original offsets.</summary>
    public static FoldedText FoldWithMap(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return FoldedText.Empty;
        }

        // Folding grows a character to at most two (ß→ss, þ→th) or keeps a surrogate pair as two.
        var buffer = ArrayPool<char>.Shared.Rent(text.Length * 2);
        var map = ArrayPool<int>.Shared.Rent(text.Length * 2);
        try
        {
            return Fold(text, buffer, map);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(map);
        }
    }

    private static FoldedText Fold(string text, char[] buffer, int[] map)
    {
        var length = 0;
        var pendingSpace = false;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? folded;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (char.IsLetterOrDigit(text, i))
                {
                    AppendPending(ref length, ref pendingSpace, buffer, map, i);
                    buffer[length] = c;
                    map[length++] = i;
                    buffer[length] = text[i + 1];
                    map[length++] = i;
                }
                else
                {
                    pendingSpace = length > 0;
                }

                i++;
                continue;
            }
            else
            {
                folded = Table[c];
                if (ReferenceEquals(folded, NotComputed))
                {
                    folded = FoldOther(c);
                    Table[c] = folded;
                }
            }

            if (folded is null)
            {
                pendingSpace = length > 0;
            }
            else if (folded.Length > 0)
            {
                AppendPending(ref length, ref pendingSpace, buffer, map, i);
                foreach (var f in folded)
                {
                    buffer[length] = f;
                    map[length++] = i;
                }
            }
        }

        if (length == 0)
        {
            return new FoldedText(text, string.Empty, []);
        }

        return new FoldedText(text, new string(buffer, 0, length), map[..length]);
    }

    private static void AppendPending(ref int length, ref bool pendingSpace, char[] buffer, int[] map, int index)
    {
        if (pendingSpace)
        {
            buffer[length] = ' ';
            map[length++] = index;
            pendingSpace = false;
        }
    }

    private static string?[] BuildTable()
    {
        var table = new string?[char.MaxValue + 1];
        Array.Fill(table, NotComputed);
        for (var c = 0; c < 0x0250; c++)
        {
            table[c] = FoldOther((char)c); // ASCII and the Latin blocks up front.
        }

        return table;
    }

    /// <summary>The folded form of one BMP character: null = separator, "" = a mark (dropped), else letters.</summary>
    private static string? FoldOther(char c)
    {
        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
                return string.Empty;
        }

        if (!char.IsLetterOrDigit(c))
        {
            return null;
        }

        var lower = char.ToLowerInvariant(c);
        switch (lower)
        {
            case 'ß' or 'ẞ':
                return "ss";
            case 'æ':
                return "ae";
            case 'œ':
                return "oe";
            case 'ø':
                return "o";
            case 'ł':
                return "l";
            case 'đ' or 'ð':
                return "d";
            case 'þ':
                return "th";
            case 'ı':
                return "i";
        }

        if (lower < 0x80)
        {
            return lower.ToString();
        }

        var index = AccentTable.Accented.AsSpan().BinarySearch(lower);
        return index >= 0 ? char.ToLowerInvariant(AccentTable.Bases[index]).ToString() : lower.ToString();
    }
}
