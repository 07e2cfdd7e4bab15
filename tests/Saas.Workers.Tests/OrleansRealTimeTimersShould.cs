using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Workers;

namespace Saas.Workers.Tests;

/// <summary>The app's clock, with Orleans' own timers kept on real time (so moving a test clock by a month is cheap).</summary>
public sealed class OrleansRealTimeTimersShould
{
    [Fact]
    public void Wrap_a_clock_the_app_was_given_and_leave_the_system_clock_alone()
    {
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var given = new ServiceCollection().AddSingleton<TimeProvider>(fake).AddTenantWorkers().BuildServiceProvider();
        using var system = new ServiceCollection().AddTenantWorkers().BuildServiceProvider();

        given.GetRequiredService<TimeProvider>().ShouldBeOfType<OrleansRealTimeTimers>().AppClock.ShouldBeSameAs(fake);
        system.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
    }

    [Fact]
    public void Give_the_apps_time_and_run_the_apps_timers_on_the_apps_clock()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new OrleansRealTimeTimers(fake);
        var fired = 0;

        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        clock.GetUtcNow().ShouldBe(fake.GetUtcNow());
        fake.Advance(TimeSpan.FromHours(3));

        fired.ShouldBe(3);
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2030, 1, 1, 3, 0, 0, TimeSpan.Zero));
    }
}
