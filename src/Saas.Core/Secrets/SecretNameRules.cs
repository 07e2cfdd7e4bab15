using System.Text.RegularExpressions;

namespace Saas.Core.Secrets;

/// <summary>
/// The names every store accepts: Key Vault's rule (1 to 127 letters, digits and hyphens), compared without regard to
/// case as Key Vault does, so the local store behaves like production.
/// </summary>
internal static partial class SecretNameRules
{
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Pattern().IsMatch(name))
        {
            throw new ArgumentException(
                "A secret name is 1 to 127 letters, digits and hyphens (see SecretNames).", nameof(name));
        }
    }

    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
