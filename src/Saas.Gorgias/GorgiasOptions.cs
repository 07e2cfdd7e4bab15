using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Saas.Gorgias;

/// <summary>How the app reaches Gorgias (section <c>Gorgias</c>).</summary>
public sealed class GorgiasOptions
{
    public const string Section = "Gorgias";

    /// <summary>The placeholder every account URL is built around.</summary>
    public const string AccountPlaceholder = "{account}";

    /// <summary>Every account URL comes from this template: <c>https://{account}.gorgias.com</c>, or the sandbox's <c>http://127.0.0.1:5081/{account}</c>.</summary>
    [Required(ErrorMessage = "Gorgias:AccountBaseUrl is required: the template of a Gorgias account's URL, e.g. https://{{account}}.gorgias.com.")]
    public string AccountBaseUrl { get; set; } = "https://{account}.gorgias.com";

    [Required(ErrorMessage = "Gorgias:ClientId is required: the client id of the app in the Gorgias Developer Portal.")]
    public string ClientId { get; set; } = "";

    [Required(ErrorMessage = "Gorgias:ClientSecret is required: the client secret of the app in the Gorgias Developer Portal.")]
    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated scopes asked for at install; <c>offline</c> is needed for a refresh token.</summary>
    [Required(ErrorMessage = "Gorgias:Scopes is required: the space-separated OAuth scopes the app asks for (with 'offline').")]
    public string Scopes { get; set; } = "openid email profile offline write:all";

    /// <summary>Send a PKCE (S256) challenge with the authorize request.</summary>
    public bool UsePkce { get; set; } = true;

    /// <summary>The scopes, one by one.</summary>
    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The account's base URL, without a trailing slash.</summary>
    public Uri AccountBase(GorgiasAccount account) =>
        new(AccountBaseUrl.Replace(AccountPlaceholder, account.Subdomain, StringComparison.Ordinal).TrimEnd('/'));
}

/// <summary>
/// Checks what data annotations cannot: the template is an absolute http(s) URL with the <c>{account}</c> placeholder
/// (without it every account would share one authorization server, which defeats the per-account checks), and the
/// scopes include <c>offline</c> (no refresh token otherwise).
/// </summary>
internal sealed class GorgiasOptionsValidator : IValidateOptions<GorgiasOptions>
{
    public ValidateOptionsResult Validate(string? name, GorgiasOptions options)
    {
        var failures = new List<string>();
        var template = options.AccountBaseUrl ?? "";
        if (template.Length > 0)
        {
            if (!template.Contains(GorgiasOptions.AccountPlaceholder, StringComparison.Ordinal))
            {
                failures.Add($"Gorgias:AccountBaseUrl must contain the placeholder {GorgiasOptions.AccountPlaceholder}, e.g. https://{{account}}.gorgias.com (it is '{template}').");
            }
            else if (!Uri.TryCreate(template.Replace(GorgiasOptions.AccountPlaceholder, "acme", StringComparison.Ordinal), UriKind.Absolute, out var sample)
                || (sample.Scheme != Uri.UriSchemeHttps && sample.Scheme != Uri.UriSchemeHttp)
                || sample.Query.Length > 0 || sample.Fragment.Length > 0)
            {
                failures.Add($"Gorgias:AccountBaseUrl must be an absolute http(s) URL without query, e.g. https://{{account}}.gorgias.com (it is '{template}').");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Scopes) && !options.ScopeList.Contains("offline", StringComparer.Ordinal))
        {
            failures.Add($"Gorgias:Scopes must include 'offline': without it Gorgias issues no refresh token (it is '{options.Scopes}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
