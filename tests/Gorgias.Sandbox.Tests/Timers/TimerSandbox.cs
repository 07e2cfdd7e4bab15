using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Tests.Infrastructure;
using Gorgias.Sandbox.Tests.Tickets;
using Gorgias.Sandbox.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gorgias.Sandbox.Tests.Timers;

/// <summary>
/// A sandbox of its own on a fake clock, with one empty account and its admin's API client. <see cref="AdvanceAsync"/>
/// moves the clock and waits until the timer service has scanned at the new time, so a test sees its effects at once.
/// </summary>
internal sealed class TimerSandbox : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    private TimerSandbox(FakeTimeProvider clock, SandboxHost sandbox, TestAccount account)
    {
        Clock = clock;
        Sandbox = sandbox;
        Account = account;
        Api = account.AdminApi();
    }

    public FakeTimeProvider Clock { get; }
    public SandboxHost Sandbox { get; }
    public TestAccount Account { get; }
    public HttpClient Api { get; }
    public string Domain => Account.Domain;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TimerSandbox> StartAsync(Action<SandboxOptions>? configure = null, int tickets = 0)
    {
        var clock = new FakeTimeProvider(Start);
        var sandbox = await TicketApi.StartUnlimitedAsync(clock, configure);
        var account = await TestAccount.CreateAsync(sandbox, "t" + Guid.NewGuid().ToString("N")[..12], tickets);
        return new TimerSandbox(clock, sandbox, account);
    }

    /// <summary>
    /// Moves the clock, then waits for the timer service's scan at the new time. The timer ticks every
    /// <see cref="TicketTimerService.Interval"/>, so a step must be at least that long to reach its next tick.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        by.ShouldBeGreaterThanOrEqualTo(TicketTimerService.Interval);
        Clock.Advance(by);
        await Sandbox.Services.GetRequiredService<TicketTimerService>()
            .WaitForScanAsync(Clock.GetUtcNow(), Ct)
            .WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    /// <summary>
    /// Waits until the delivery log shows <paramref name="count"/> delivered requests: a delivery still in flight
    /// when the fake clock jumps would see its HTTP timeout expire.
    /// </summary>
    public Task WaitForDeliveredAsync(int count) =>
        Poll.UntilAsync(
            () => Sandbox.Control.GetDeliveriesAsync(Domain, cancellationToken: Ct),
            log => log.Count(d => d.Outcome == "delivered") >= count,
            $"{count} delivered webhook(s)");

    public async Task<JsonObject> TicketAsync(long id)
    {
        var answer = await Api.GetJsonAsync($"api/tickets/{id}");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        return answer.Object;
    }

    public async Task<JsonObject> MessageAsync(long ticketId, long messageId)
    {
        var answer = await Api.GetJsonAsync($"api/tickets/{ticketId}/messages/{messageId}");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        return answer.Object;
    }

    /// <summary>Posts a message to a ticket; asserts 201.</summary>
    public async Task<JsonObject> PostMessageAsync(long ticketId, string json)
    {
        var answer = await Api.PostJsonAsync($"api/tickets/{ticketId}/messages", json);
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        return answer.Object;
    }

    /// <summary>An agent's public email reply to the ticket's customer.</summary>
    public Task<JsonObject> ReplyAsync(long ticketId, string body = "It ships today.") =>
        PostMessageAsync(ticketId, $$"""{"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "{{body}}"}""");

    /// <summary>The ticket's events, oldest first.</summary>
    public async Task<List<JsonObject>> TicketEventsAsync(long ticketId)
    {
        var events = await Api.WalkAsync($"api/events?object_type=Ticket&object_id={ticketId}&order_by=created_datetime:asc&limit=100");
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Sandbox.DisposeAsync();
    }
}
