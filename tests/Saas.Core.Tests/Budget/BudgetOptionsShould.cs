using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Saas.Core.Budget;
using Saas.Gorgias.Calls;

namespace Saas.Core.Tests.Budget;

public sealed class BudgetOptionsShould
{
    [Fact]
    public void Default_to_gorgias_documented_limits()
    {
        var options = Resolve([]);
        options.Limit.ShouldBe(80);
        options.Window.ShouldBe(TimeSpan.FromSeconds(20));
        options.EnterpriseWindow.ShouldBe(TimeSpan.FromSeconds(10));
        options.DefaultCeiling.ShouldBe(0.8);
        options.LaneShares[GorgiasLane.Live].ShouldBe(0.5);
    }

    [Fact]
    public void Scale_windows_and_retry_after_for_the_sandbox_and_know_enterprise_accounts()
    {
        var options = Resolve(new()
        {
            ["Budget:TimeScale"] = "10",
            ["Budget:Plans:globex"] = "Enterprise",
        });

        var acme = options.SettingsFor("acme");
        acme.Window.ShouldBe(TimeSpan.FromSeconds(2));
        acme.RetryAfterScale.ShouldBe(0.1);
        acme.DefaultRetryAfter.ShouldBe(TimeSpan.FromSeconds(0.1));
        options.SettingsFor("globex").Window.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("Budget:Limit", "0", "Budget:Limit")]
    [InlineData("Budget:Window", "00:00:00", "Budget:Window")]
    [InlineData("Budget:EnterpriseWindow", "-00:00:01", "Budget:EnterpriseWindow")]
    [InlineData("Budget:TimeScale", "0", "Budget:TimeScale")]
    [InlineData("Budget:DefaultCeiling", "1.5", "Budget:DefaultCeiling")]
    [InlineData("Budget:DefaultCeiling", "0", "Budget:DefaultCeiling")]
    [InlineData("Budget:Headroom", "80", "Budget:Headroom")]
    [InlineData("Budget:LaneShares:Live", "0.9", "add up to at most 1")]
    [InlineData("Budget:LaneShares:Backfill", "0", "Budget:LaneShares:Backfill")]
    [InlineData("Budget:MaxPoll", "00:00:00", "Budget:MaxPoll")]
    [InlineData("Budget:TicketTimeout", "00:00:01", "Budget:TicketTimeout")]
    [InlineData("Budget:Plans:Evil.com", "Enterprise", "Evil.com")]
    public void Refuse_a_bad_setting_naming_it(string key, string value, string named)
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        error.Message.ShouldContain(named);
    }

    [Fact]
    public void Register_the_gate_as_the_clients_rate_gate()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddAccountBudgets();
        services.ShouldContain(d => d.ServiceType == typeof(IGorgiasRateGate));
        services.ShouldContain(d => d.ServiceType == typeof(BudgetMetrics));
    }

    private static BudgetOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddAccountBudgets();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BudgetOptions>>().Value;
    }
}
