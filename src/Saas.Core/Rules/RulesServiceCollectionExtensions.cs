using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saas.Rules.Engine;

namespace Saas.Core.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rules feature: compiler, compiled-set cache, tenant directory, <see cref="RuleService"/> (see docs/rules.md).</summary>
    public static IServiceCollection AddRules(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRuleCompiler, RuleCompiler>();
        services.TryAddSingleton<ITenantRuleSets, TenantRuleSets>();
        services.TryAddSingleton<ITenantDirectory, TenantDirectory>();
        services.TryAddSingleton<RuleService>();
        return services;
    }

    /// <summary>Maps the rules API under <c>/api/tenants/{tenant}/rules</c>.</summary>
    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RuleEndpoints.Map(endpoints);
        return endpoints;
    }
}
