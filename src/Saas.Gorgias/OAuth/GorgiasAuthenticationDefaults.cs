namespace Saas.Gorgias.OAuth;

public static class GorgiasAuthenticationDefaults
{
    public const string AuthenticationScheme = "Gorgias";

    public const string DisplayName = "Gorgias";

    /// <summary>The callback path; the redirect URI is <c>{App:PublicBaseUrl}/gorgias/callback</c>.</summary>
    public const string CallbackPath = "/gorgias/callback";

    /// <summary>
    /// The key of <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties.Items"/> that binds a
    /// challenge to its account; it travels inside the protected <c>state</c>.
    /// </summary>
    public const string AccountItem = "account";

    /// <summary>The single-use id of a <c>state</c> (see <see cref="IOAuthStateReplayGuard"/>).</summary>
    internal const string StateIdItem = ".gorgias.state_id";

    /// <summary>When the <c>state</c> was issued (Unix seconds): it expires with the correlation cookie.</summary>
    internal const string IssuedItem = ".gorgias.issued";

    /// <summary>The <c>nonce</c> sent with the authorize request, checked against the id token.</summary>
    internal const string NonceItem = ".gorgias.nonce";

    /// <summary>Claim types of the ticket the handler builds.</summary>
    public const string AccountClaim = "urn:gorgias:account";

    public const string ScopeClaim = "urn:gorgias:scope";
}
