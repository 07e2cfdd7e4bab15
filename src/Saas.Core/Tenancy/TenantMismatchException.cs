namespace Saas.Core.Tenancy;

/// <summary>
/// Thrown by <c>SaveChanges</c> before anything is written, when a tenant-owned row that is added, modified or deleted
/// belongs to another tenant than the current one, or when there is no current tenant (and no system scope).
/// </summary>
public sealed class TenantMismatchException : InvalidOperationException
{
    public TenantMismatchException()
    {
    }

    public TenantMismatchException(string message) : base(message)
    {
    }

    public TenantMismatchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    private TenantMismatchException(string message, string entityType, Guid? entityTenantId, Guid? currentTenantId)
        : base(message)
    {
        EntityType = entityType;
        EntityTenantId = entityTenantId;
        CurrentTenantId = currentTenantId;
    }

    /// <summary>The entity type of the refused row.</summary>
    public string? EntityType { get; }

    /// <summary>The tenant the refused row belongs to.</summary>
    public Guid? EntityTenantId { get; }

    /// <summary>The current tenant, or null when there was none.</summary>
    public Guid? CurrentTenantId { get; }

    internal static TenantMismatchException NoCurrentTenant(string entityType, string change, Guid entityTenantId) =>
        new($"Refusing to save {entityType} ({change}) of tenant {Show(entityTenantId)}: there is no current tenant. " +
            "Begin a tenant scope (TenantContext.Begin) or, for system work, an explicit system scope (TenantContext.BeginSystemScope).",
            entityType, entityTenantId, null);

    internal static TenantMismatchException OtherTenant(string entityType, string change, Guid entityTenantId, Guid currentTenantId) =>
        new($"Refusing to save {entityType} ({change}) of tenant {Show(entityTenantId)} in the scope of tenant {currentTenantId}: " +
            "a tenant may only write its own rows.",
            entityType, entityTenantId, currentTenantId);

    internal static TenantMismatchException NoOwner(string entityType) =>
        new($"Refusing to save {entityType} (added) without a TenantId in a system scope: a tenant-owned row must name its tenant.",
            entityType, null, null);

    private static string Show(Guid tenantId) => tenantId == Guid.Empty ? "(none)" : tenantId.ToString();
}
