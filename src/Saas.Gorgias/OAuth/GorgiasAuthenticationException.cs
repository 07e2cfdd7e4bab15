namespace Saas.Gorgias.OAuth;

/// <summary>Why an OAuth callback from Gorgias was refused.</summary>
public enum GorgiasAuthenticationFailure
{
    /// <summary>Something unforeseen; the inner exception says what.</summary>
    Unexpected,

    /// <summary>The <c>state</c> is missing, tampered with, or was not issued by this app.</summary>
    InvalidState,

    /// <summary>The <c>state</c> is older than the remote authentication timeout.</summary>
    ExpiredState,

    /// <summary>The <c>state</c> was already used once.</summary>
    ReplayedState,

    /// <summary>The callback came from another browser than the one that started the install (correlation cookie).</summary>
    BrowserMismatch,

    /// <summary>The callback names another account (its <c>account</c> or <c>iss</c> parameter) than the one bound to the <c>state</c>.</summary>
    AccountMismatch,

    /// <summary>Gorgias sent an OAuth error other than access_denied (e.g. <c>invalid_scope</c>).</summary>
    AuthorizationError,

    /// <summary>The callback carries neither a code nor an error.</summary>
    MissingCode,

    /// <summary>The token endpoint refused the code (<c>invalid_grant</c>: used, expired, or for another client).</summary>
    CodeRefused,

    /// <summary>The token endpoint refused the app's client id or secret (<c>invalid_client</c>).</summary>
    InvalidClient,

    /// <summary>The token endpoint failed (5xx, unreachable, not an OAuth answer).</summary>
    TokenEndpointError,

    /// <summary>The access token's issuer or audience names another account than the one bound to the <c>state</c>.</summary>
    TokenForAnotherAccount,

    /// <summary>The access or id token could not be read, or the id token's nonce or audience is wrong.</summary>
    InvalidToken,

    /// <summary>No refresh token came back (the <c>offline</c> scope was not granted).</summary>
    NoRefreshToken,
}

/// <summary>
/// An OAuth callback from Gorgias was refused before anything was stored. The message names the reason and the
/// account (a validated subdomain), never a token, code or secret.
/// </summary>
public sealed class GorgiasAuthenticationException : Exception
{
    public GorgiasAuthenticationException()
        : this(GorgiasAuthenticationFailure.Unexpected, null)
    {
    }

    public GorgiasAuthenticationException(string message)
        : base(message)
    {
    }

    public GorgiasAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GorgiasAuthenticationException(GorgiasAuthenticationFailure reason, GorgiasAccount? account, string? oauthError = null, Exception? innerException = null)
        : base(Describe(reason, account, oauthError), innerException)
    {
        Reason = reason;
        Account = account;
        OAuthError = oauthError;
    }

    public GorgiasAuthenticationFailure Reason { get; }

    /// <summary>The account the <c>state</c> was bound to, when the state could be read.</summary>
    public GorgiasAccount? Account { get; }

    /// <summary>The OAuth error code involved (from the callback or the token endpoint), if any.</summary>
    public string? OAuthError { get; }

    private static string Describe(GorgiasAuthenticationFailure reason, GorgiasAccount? account, string? oauthError)
    {
        var on = account is { } a ? $" (account {a.Subdomain})" : "";
        var code = oauthError is null ? "" : $" [{oauthError}]";
        return reason switch
        {
            GorgiasAuthenticationFailure.InvalidState => "The OAuth state is missing or invalid.",
            GorgiasAuthenticationFailure.ExpiredState => $"The OAuth state has expired{on}.",
            GorgiasAuthenticationFailure.ReplayedState => $"The OAuth state was already used{on}.",
            GorgiasAuthenticationFailure.BrowserMismatch => $"The OAuth callback came from another browser than the one that started the install, or its correlation cookie expired{on}.",
            GorgiasAuthenticationFailure.AccountMismatch => $"The OAuth callback names another account than the one the state was issued for{on}.",
            GorgiasAuthenticationFailure.AuthorizationError => $"Gorgias refused the authorization request{on}{code}.",
            GorgiasAuthenticationFailure.MissingCode => $"The OAuth callback carries no authorization code{on}.",
            GorgiasAuthenticationFailure.CodeRefused => $"Gorgias refused the authorization code{on}{code}.",
            GorgiasAuthenticationFailure.InvalidClient => $"Gorgias refused the app's client credentials{on}{code}.",
            GorgiasAuthenticationFailure.TokenEndpointError => $"Gorgias' token endpoint failed{on}{code}.",
            GorgiasAuthenticationFailure.TokenForAnotherAccount => $"The access token was not issued for the account the install started on{on}.",
            GorgiasAuthenticationFailure.InvalidToken => $"The token from Gorgias could not be accepted{on}{code}.",
            GorgiasAuthenticationFailure.NoRefreshToken => $"Gorgias issued no refresh token (the 'offline' scope was not granted){on}.",
            _ => $"The OAuth callback failed{on}.",
        };
    }
}
