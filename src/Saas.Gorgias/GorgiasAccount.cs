using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Saas.Gorgias;

/// <summary>
/// A Gorgias account subdomain (<c>acme</c> in <c>acme.gorgias.com</c>), validated strictly: lowercase letters,
/// digits and inner hyphens, 1 to 63 characters. Anything else (<c>evil.com/x</c>, uppercase, dots, empty, too long)
/// is refused before any URL is built from it, so it can never steer a request or a redirect elsewhere.
/// </summary>
public readonly partial record struct GorgiasAccount
{
    private GorgiasAccount(string subdomain) => Subdomain = subdomain;

    public string Subdomain { get; }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    public static bool TryParse([NotNullWhen(true)] string? text, out GorgiasAccount account)
    {
        if (text is { Length: > 0 and <= 63 } && Pattern().IsMatch(text))
        {
            account = new GorgiasAccount(text);
            return true;
        }

        account = default;
        return false;
    }

    public override string ToString() => Subdomain;
}
