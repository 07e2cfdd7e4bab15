using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Saas.Gorgias.Calls;

namespace Saas.Core.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>
    /// The account budgets: <see cref="BudgetOptions"/> (section <c>Budget</c>, validated at start-up), the
    /// <c>Saas.Budget</c> metrics and <see cref="BudgetRateGate"/> as the Gorgias client's
    /// <see cref="IGorgiasRateGate"/>. The grain itself is found by Orleans in this assembly; the silo and client
    /// (an <see cref="IGrainFactory"/>) are registered by the host.
    /// </summary>
    public static IServiceCollection AddAccountBudgets(this IServiceCollection services)
    {
        services.AddOptions<BudgetOptions>()
            .BindConfiguration(BudgetOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BudgetMetrics>();
        services.TryAddSingleton<BudgetRateGate>();

        // TryAdd, before AddGorgiasClients' pass-through gate (also TryAdd): the app calls this first.
        services.TryAddSingleton<IGorgiasRateGate>(sp => sp.GetRequiredService<BudgetRateGate>());
        return services;
    }
}
