using Microsoft.Extensions.Logging;
using Saas.Core.Tenancy;

namespace Saas.Core.Tests.Tenancy;

/// <summary>The explicit strategy: background work names its tenant, and the escape hatch is named and logged.</summary>
public sealed class TenantContextShould
{
    [Fact]
    public void Start_with_no_tenant()
    {
        var tenants = new TenantContext();

        tenants.TenantId.ShouldBeNull();
        tenants.IsSystemScope.ShouldBeFalse();
    }

    [Fact]
    public void Make_a_tenant_current_until_its_scope_ends()
    {
        var tenants = new TenantContext();
        var id = Guid.NewGuid();

        using (tenants.Begin(id))
        {
            tenants.TenantId.ShouldBe(id);
            using (tenants.Begin(id))
            {
                tenants.TenantId.ShouldBe(id);
            }

            tenants.TenantId.ShouldBe(id);
        }

        tenants.TenantId.ShouldBeNull();
    }

    [Fact]
    public void Refuse_to_switch_from_one_tenant_straight_to_another()
    {
        var tenants = new TenantContext();
        var a = Guid.NewGuid();
        using var scope = tenants.Begin(a);

        Should.Throw<InvalidOperationException>(() => tenants.Begin(Guid.NewGuid())).Message.ShouldContain("BeginSystemScope");
        Should.Throw<ArgumentException>(() => tenants.Begin(Guid.Empty));
        tenants.TenantId.ShouldBe(a);
    }

    [Fact]
    public void Walk_several_tenants_from_a_system_scope_that_is_logged_with_its_reason()
    {
        var logger = new ListLogger<TenantContext>();
        var tenants = new TenantContext(logger);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        using (tenants.BeginSystemScope("purge tenants past their grace period"))
        {
            tenants.IsSystemScope.ShouldBeTrue();
            tenants.TenantId.ShouldBeNull();
            using (tenants.Begin(a))
            {
                tenants.TenantId.ShouldBe(a);
                tenants.IsSystemScope.ShouldBeFalse();
            }

            using (tenants.Begin(b))
            {
                tenants.TenantId.ShouldBe(b);
            }

            tenants.IsSystemScope.ShouldBeTrue();
            tenants.SystemScopeReason.ShouldBe("purge tenants past their grace period");
        }

        tenants.IsSystemScope.ShouldBeFalse();
        logger.Messages.ShouldHaveSingleItem().ShouldContain("purge tenants past their grace period");
        Should.Throw<ArgumentException>(() => tenants.BeginSystemScope(" "));
    }

    [Fact]
    public void Restore_the_previous_state_once_even_if_a_scope_is_disposed_twice()
    {
        var tenants = new TenantContext();
        var id = Guid.NewGuid();
        var outer = tenants.BeginSystemScope("outer");
        var inner = tenants.Begin(id);

        inner.Dispose();
        tenants.IsSystemScope.ShouldBeTrue();
        outer.Dispose();
        inner.Dispose();

        tenants.IsSystemScope.ShouldBeFalse();
        tenants.TenantId.ShouldBeNull();
    }
}

/// <summary>Captures formatted log messages.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages)
        {
            Messages.Add(formatter(state, exception));
        }
    }
}
