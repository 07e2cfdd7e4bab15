using System.Diagnostics;
using Microsoft.Extensions.Options;
using Saas.Core.Intake;
using Saas.Core.Workers;

namespace Saas.Core.Tests.Workers;

/// <summary>
/// The pacing of the tenants' inbox passes: a window that is each busy tenant's share of the silo's passes per
/// second, between the minimum and maximum windows; and passes put off while the intake is busy, within a bound.
/// </summary>
public sealed class InboxPacerShould
{
    private static readonly WorkersOptions Settings = new()
    {
        InboxGatherWindow = TimeSpan.FromMilliseconds(50),
        InboxMaxGatherWindow = TimeSpan.FromSeconds(1),
        InboxPassesPerSecond = 40,
        InboxMaxDeferral = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void Give_one_busy_tenant_the_minimum_window()
    {
        var pacer = new InboxPacer(Options.Create(Settings));

        pacer.WindowFor(Guid.NewGuid()).ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Widen_the_window_to_each_tenants_share_of_the_passes_per_second()
    {
        var pacer = new InboxPacer(Options.Create(Settings));
        var tenants = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var tenant in tenants)
        {
            pacer.WindowFor(tenant);
        }

        // 20 busy tenants sharing 40 passes a second: one pass each every half second. A tenant seen again counts once.
        pacer.WindowFor(tenants[3]).ShouldBe(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Keep_the_window_within_the_maximum_however_many_tenants_are_busy()
    {
        var pacer = new InboxPacer(Options.Create(Settings));
        for (var i = 0; i < 200; i++)
        {
            pacer.WindowFor(Guid.NewGuid());
        }

        pacer.WindowFor(Guid.NewGuid()).ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Put_a_pass_off_while_the_intake_is_busy_and_only_up_to_the_bound()
    {
        var busy = new Pressure { IsBusy = true };
        var pacer = new InboxPacer(Options.Create(Settings), busy);
        var now = Stopwatch.GetTimestamp();

        pacer.ShouldDefer(now).ShouldBeTrue();
        pacer.ShouldDefer(now - (long)(11 * Stopwatch.Frequency)).ShouldBeFalse();

        busy.IsBusy = false;
        pacer.ShouldDefer(now).ShouldBeFalse();
        new InboxPacer(Options.Create(Settings)).ShouldDefer(now).ShouldBeFalse();
        new InboxPacer(Options.Create(new WorkersOptions { InboxMaxDeferral = TimeSpan.Zero }), new Pressure { IsBusy = true }).ShouldDefer(now).ShouldBeFalse();
    }

    [Fact]
    public void Refuse_pacing_settings_out_of_range_at_start_up()
    {
        var result = new WorkersOptionsValidator().Validate(null, new WorkersOptions
        {
            InboxGatherWindow = TimeSpan.FromMilliseconds(500),
            InboxMaxGatherWindow = TimeSpan.FromMilliseconds(100),
            InboxPassesPerSecond = 0,
            InboxMaxDeferral = TimeSpan.FromMinutes(2),
        });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Workers:InboxMaxGatherWindow must be between Workers:InboxGatherWindow and 5 seconds.");
        result.FailureMessage.ShouldContain("Workers:InboxPassesPerSecond must be between 1 and 100000.");
        result.FailureMessage.ShouldContain("Workers:InboxMaxDeferral must be between 0 and 1 minute.");
    }

    private sealed class Pressure : IIntakePressure
    {
        public bool IsBusy { get; set; }
    }
}
