namespace Saas.Core.Tenancy;

/// <summary>One line of a tenant's timeline (installed, reinstalled, disconnected and why...), for the merchant and support.</summary>
public sealed class TenantActivity : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A short stable kind, e.g. <c>installed</c>, <c>reinstalled</c>, <c>disconnected</c>, <c>purged</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>What happened, in words (never a token, secret or customer content).</summary>
    public required string Message { get; set; }
}
