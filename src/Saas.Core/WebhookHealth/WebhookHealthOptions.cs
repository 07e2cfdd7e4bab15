using System.ComponentModel.DataAnnotations;

namespace Saas.Core.WebhookHealth;

/// <summary>
/// Settings of the webhook self-healing (section <c>WebhookHealth</c>), validated at start-up. Every active tenant's
/// integration is checked every <see cref="Interval"/>, and the account's event log read since the last check, so a
/// deleted, deactivated or altered integration and the events it missed are both repaired within one interval.
/// </summary>
public sealed class WebhookHealthOptions
{
    public const string Section = "WebhookHealth";

    /// <summary>Whether the scheduled checks run (a check asked for explicitly always runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often every active tenant is checked: one Orleans reminder for the cluster. Orleans reminders fire at most
    /// once a minute, hence the lower bound.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "WebhookHealth:Interval must be between 1 minute and 1 day (an Orleans reminder period).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far before the stored watermark the event log is read again: events recorded late, or with the clock of
    /// another Gorgias server, are still seen. Re-reading is cheap (dedupe and the inbox check skip what is known).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "WebhookHealth:Lookback must be between 0 and 1 day.")]
    public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At most this many events are read per check (100 per page); the watermark moves to the last one read, so a long
    /// outage is caught up over several checks instead of one that spends the account's whole budget.
    /// </summary>
    [Range(100, 100_000, ErrorMessage = "WebhookHealth:MaxEventsPerCheck must be between 100 and 100000.")]
    public int MaxEventsPerCheck { get; set; } = 2000;

    /// <summary>
    /// A ticket is taken as already in the inbox when a row holds a state updated no earlier than this before the
    /// event: Gorgias stamps the ticket just before it records the event, so the two times differ by a little.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "WebhookHealth:EventMatchTolerance must be between 0 and 1 minute.")]
    public TimeSpan EventMatchTolerance { get; set; } = TimeSpan.FromSeconds(1);
}
