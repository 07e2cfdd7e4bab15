using Saas.Gorgias;

namespace Saas.Core.Install;

/// <summary>The install step that failed (after Gorgias granted access); each leaves nothing half-made.</summary>
public enum InstallStep
{
    /// <summary>Writing the refresh token to the secret store.</summary>
    SecretStore,

    /// <summary>Registering the webhook integration on the Gorgias account.</summary>
    Webhook,

    /// <summary>Saving the tenant.</summary>
    Database,
}

/// <summary>
/// Installing failed after Gorgias granted access; what had been done was undone. The message names the account and
/// the step, never a token or secret.
/// </summary>
public sealed class InstallException : Exception
{
    public InstallException()
    {
    }

    public InstallException(string message)
        : base(message)
    {
    }

    public InstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InstallException(GorgiasAccount account, InstallStep step, Exception innerException)
        : base($"Installing on {account.Subdomain} failed at the {step} step; nothing was kept.", innerException)
    {
        Account = account;
        Step = step;
    }

    public GorgiasAccount Account { get; }

    public InstallStep Step { get; }
}
