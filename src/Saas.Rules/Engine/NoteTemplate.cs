using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Saas.Rules.Engine;

/// <summary>
/// An internal-note template parsed once: literal text and <c>{{placeholder}}</c>s (spaces inside the braces allowed):
/// <c>ticket.id</c>, <c>ticket.subject</c>, <c>customer.email</c>, <c>customer.name</c>, <c>rule.name</c>, <c>matched</c>
/// (the distinct original words that made the rule match, comma separated). Anything else in braces is an error.
/// </summary>
internal sealed partial class NoteTemplate
{
    public static IReadOnlyList<string> Placeholders { get; } =
        ["ticket.id", "ticket.subject", "customer.email", "customer.name", "rule.name", "matched"];

    private readonly (string? Literal, string? Placeholder)[] _parts;

    private NoteTemplate((string?, string?)[] parts) => _parts = parts;

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    /// <summary>Parses <paramref name="template"/>; <paramref name="unknown"/> lists the placeholders that are not supported.</summary>
    public static NoteTemplate Parse(string template, out IReadOnlyList<string> unknown)
    {
        var parts = new List<(string?, string?)>();
        var bad = new List<string>();
        var at = 0;
        foreach (Match match in PlaceholderPattern().Matches(template))
        {
            if (match.Index > at)
            {
                parts.Add((template[at..match.Index], null));
            }

            var name = match.Groups[1].Value;
            if (Placeholders.Contains(name, StringComparer.Ordinal))
            {
                parts.Add((null, name));
            }
            else
            {
                bad.Add(name);
            }

            at = match.Index + match.Length;
        }

        if (at < template.Length)
        {
            parts.Add((template[at..], null));
        }

        unknown = bad;
        return new NoteTemplate([.. parts]);
    }

    public string Render(TicketSnapshot ticket, string ruleName, IReadOnlyList<string> matched)
    {
        var builder = new StringBuilder();
        foreach (var (literal, placeholder) in _parts)
        {
            builder.Append(literal ?? placeholder switch
            {
                "ticket.id" => ticket.TicketId.ToString(CultureInfo.InvariantCulture),
                "ticket.subject" => ticket.Subject ?? string.Empty,
                "customer.email" => ticket.CustomerEmail ?? string.Empty,
                "customer.name" => ticket.CustomerName ?? string.Empty,
                "rule.name" => ruleName,
                _ => string.Join(", ", matched),
            });
        }

        return builder.ToString();
    }
}
