using System.ComponentModel.DataAnnotations;

namespace Saas.Gorgias;

/// <summary>How the app reaches Gorgias (section <c>Gorgias</c>).</summary>
public sealed class GorgiasOptions
{
    public const string Section = "Gorgias";

    /// <summary>Every account URL comes from this template: <c>https://{account}.gorgias.com</c>, or the sandbox's <c>http://127.0.0.1:5081/{account}</c>.</summary>
    [Required]
    public string AccountBaseUrl { get; set; } = "https://{account}.gorgias.com";

    [Required(ErrorMessage = "Gorgias:ClientId is required: the client id of the app in the Gorgias Developer Portal.")]
    public string ClientId { get; set; } = "";

    [Required(ErrorMessage = "Gorgias:ClientSecret is required: the client secret of the app in the Gorgias Developer Portal.")]
    public string ClientSecret { get; set; } = "";

    [Required]
    public string Scopes { get; set; } = "openid email profile offline write:all";

    public bool UsePkce { get; set; } = true;

    /// <summary>The account's base URL, without a trailing slash.</summary>
    public Uri AccountBase(GorgiasAccount account) =>
        new(AccountBaseUrl.Replace("{account}", account.Subdomain, StringComparison.Ordinal).TrimEnd('/'));
}
