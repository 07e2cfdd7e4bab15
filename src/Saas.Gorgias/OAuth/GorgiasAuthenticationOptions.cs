using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;

namespace Saas.Gorgias.OAuth;

/// <summary>
/// Options of the Gorgias OAuth handler. Every Gorgias account is its own authorization server, so there is no
/// fixed authorization or token endpoint: both are built per request from <see cref="AccountBaseUrl"/> and the
/// account bound to the challenge. Filled from <see cref="GorgiasOptions"/> by <c>AddGorgias()</c>.
/// </summary>
public sealed class GorgiasAuthenticationOptions : OAuthOptions
{
    public GorgiasAuthenticationOptions()
    {
        CallbackPath = new PathString(GorgiasAuthenticationDefaults.CallbackPath);
        AuthorizationEndpoint = "{account base}/oauth/authorize";
        TokenEndpoint = "{account base}/oauth/token";
        UsePkce = true;
        SaveTokens = false;
        CorrelationCookie.Name = ".Saas.Gorgias.Correlation.";
        CorrelationCookie.SameSite = SameSiteMode.Lax;
    }

    /// <summary>The account URL template, e.g. <c>https://{account}.gorgias.com</c>.</summary>
    public string AccountBaseUrl { get; set; } = "https://{account}.gorgias.com";

    /// <summary>
    /// The exact redirect URI registered with Gorgias (<c>{App:PublicBaseUrl}/gorgias/callback</c>); when null it is
    /// built from the request, which is wrong behind a proxy.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The account's base URL, without a trailing slash.</summary>
    public Uri AccountBase(GorgiasAccount account) =>
        new GorgiasOptions { AccountBaseUrl = AccountBaseUrl }.AccountBase(account);

    public override void Validate()
    {
        base.Validate();
        if (!AccountBaseUrl.Contains(GorgiasOptions.AccountPlaceholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"AccountBaseUrl must contain {GorgiasOptions.AccountPlaceholder}.", nameof(AccountBaseUrl));
        }

        if (RedirectUri is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("RedirectUri must be absolute.", nameof(RedirectUri));
        }
    }
}
