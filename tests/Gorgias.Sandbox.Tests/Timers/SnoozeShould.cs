using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Tests.Infrastructure;
using Gorgias.Sandbox.Tests.Tickets;

namespace Gorgias.Sandbox.Tests.Timers;

/// <summary>Snoozed tickets: closed until their <c>snooze_datetime</c>, then reopened by the timer (trigger <c>ticket-self-unsnoozed</c>).</summary>
public sealed class SnoozeShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string In(TimeSpan offset) => GorgiasJson.Format(TimerSandbox.Start + offset);

    [Fact]
    public async Task Close_a_snoozed_ticket_and_reopen_it_by_itself_when_the_snooze_comes()
    {
        await using var s = await TimerSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var form = """{"id": {{ticket.id}}, "status": "{{ticket.status}}", "closed": "{{ticket.closed_datetime}}"}""";
        await ApiIntegrations.CreateAsync(s.Api, receiver.Url("unsnoozed"), JsonValue.Create(form), "ticket-self-unsnoozed");
        await ApiIntegrations.CreateAsync(s.Api, receiver.Url("status"), JsonValue.Create(form), "ticket-status-updated");
        var id = (await s.Api.CreateTicketAsync()).Id();

        var snoozed = await s.Api.PutJsonAsync($"api/tickets/{id}", $$"""{"snooze_datetime": "{{In(TimeSpan.FromHours(1))}}"}""");

        snoozed.Status.ShouldBe(HttpStatusCode.OK, snoozed.Text);
        snoozed.Object.Str("status").ShouldBe("closed");
        snoozed.Object.Str("closed_datetime").ShouldBe(GorgiasJson.Format(TimerSandbox.Start));
        snoozed.Object.Str("snooze_datetime").ShouldBe(In(TimeSpan.FromHours(1)));
        (await receiver.WaitForCountAsync(1, "status"))[0].Json["status"]!.GetValue<string>().ShouldBe("closed");
        await s.WaitForDeliveredAsync(1);

        await s.AdvanceAsync(TimeSpan.FromMinutes(59));
        (await s.TicketAsync(id)).Str("status").ShouldBe("closed");

        await s.AdvanceAsync(TimeSpan.FromMinutes(1));
        var woken = await s.TicketAsync(id);
        woken.Str("status").ShouldBe("open");
        woken["snooze_datetime"].ShouldBeNull();
        woken["closed_datetime"].ShouldBeNull();
        woken.Str("updated_datetime").ShouldBe(In(TimeSpan.FromHours(1)));

        var unsnoozed = (await receiver.WaitForCountAsync(1, "unsnoozed")).Single(r => r.Path == "/unsnoozed").Json;
        unsnoozed["id"]!.GetValue<long>().ShouldBe(id);
        unsnoozed["status"]!.GetValue<string>().ShouldBe("open");
        unsnoozed["closed"]!.GetValue<string>().ShouldBe("null");
        var statusUpdates = await receiver.WaitForCountAsync(2, "status");
        statusUpdates.Where(r => r.Path == "/status").Select(r => r.Json["status"]!.GetValue<string>()).ShouldBe(["closed", "open"]);
    }

    [Fact]
    public async Task Record_the_self_unsnooze_as_an_update_without_a_user()
    {
        await using var s = await TimerSandbox.StartAsync();
        var id = (await s.Api.CreateTicketAsync()).Id();
        var until = In(TimeSpan.FromMinutes(5));
        await s.Api.PutJsonAsync($"api/tickets/{id}", $$"""{"snooze_datetime": "{{until}}"}""");

        await s.AdvanceAsync(TimeSpan.FromMinutes(5));

        var events = await s.TicketEventsAsync(id);
        events.Select(e => e.Str("type")).ShouldBe(
            ["ticket-created", "ticket-updated", "ticket-snoozed", "ticket-closed", "ticket-updated", "ticket-self-unsnoozed"]);
        var snooze = events[1]["data"]!["changes"]!.AsObject();
        snooze.Select(c => c.Key).Order(StringComparer.Ordinal).ShouldBe(["snooze_datetime", "status"]);
        var wake = events[4];
        wake["user_id"].ShouldBeNull();
        events[5]["user_id"].ShouldBeNull();
        wake["context"]!.GetValue<string>().ShouldBe(events[5]["context"]!.GetValue<string>());
        var changes = wake["data"]!["changes"]!.AsObject();
        changes["status"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["closed", "open"]);
        changes["snooze_datetime"]![0]!.GetValue<string>().ShouldBe(until);
        changes["snooze_datetime"]![1].ShouldBeNull();
    }

    [Fact]
    public async Task Create_a_ticket_with_a_snooze_closed_and_wake_it_later()
    {
        await using var s = await TimerSandbox.StartAsync();
        var created = await s.Api.CreateTicketAsync(extra: $$""" "status": "open", "snooze_datetime": "{{In(TimeSpan.FromDays(1))}}", """);

        created.Str("status").ShouldBe("closed");
        created.Str("closed_datetime").ShouldBe(GorgiasJson.Format(TimerSandbox.Start));

        await s.AdvanceAsync(TimeSpan.FromDays(1));

        var woken = await s.TicketAsync(created.Id());
        woken.Str("status").ShouldBe("open");
        woken["snooze_datetime"].ShouldBeNull();
    }

    [Fact]
    public async Task Wake_at_the_latest_snooze_when_it_is_moved()
    {
        await using var s = await TimerSandbox.StartAsync();
        var id = (await s.Api.CreateTicketAsync()).Id();
        await s.Api.PutJsonAsync($"api/tickets/{id}", $$"""{"snooze_datetime": "{{In(TimeSpan.FromMinutes(10))}}"}""");
        await s.Api.PutJsonAsync($"api/tickets/{id}", $$"""{"snooze_datetime": "{{In(TimeSpan.FromMinutes(30))}}"}""");

        await s.AdvanceAsync(TimeSpan.FromMinutes(10));
        (await s.TicketAsync(id)).Str("status").ShouldBe("closed");
        await s.AdvanceAsync(TimeSpan.FromMinutes(20));

        (await s.TicketAsync(id)).Str("status").ShouldBe("open");
        (await s.TicketEventsAsync(id)).Count(e => e.Str("type") == "ticket-self-unsnoozed").ShouldBe(1);
    }

    [Fact]
    public async Task Reopen_a_snoozed_ticket_when_the_customer_replies()
    {
        await using var s = await TimerSandbox.StartAsync();
        var id = (await s.Api.CreateTicketAsync()).Id();
        await s.Api.PutJsonAsync($"api/tickets/{id}", $$"""{"snooze_datetime": "{{In(TimeSpan.FromHours(2))}}"}""");

        await s.PostMessageAsync(id, """{"channel": "email", "via": "api", "from_agent": false, "body_text": "Any news?"}""");

        var reopened = await s.TicketAsync(id);
        reopened.Str("status").ShouldBe("open");
        reopened["snooze_datetime"].ShouldBeNull();
        reopened["closed_datetime"].ShouldBeNull();
        await s.AdvanceAsync(TimeSpan.FromHours(2));
        (await s.TicketEventsAsync(id)).ShouldNotContain(e => e.Str("type") == "ticket-self-unsnoozed");
    }

    [Fact]
    public async Task End_the_snooze_when_the_ticket_is_reopened_by_hand_and_keep_it_when_only_cleared()
    {
        await using var s = await TimerSandbox.StartAsync();
        var reopened = (await s.Api.CreateTicketAsync()).Id();
        var cleared = (await s.Api.CreateTicketAsync()).Id();
        var later = In(TimeSpan.FromHours(1));
        await s.Api.PutJsonAsync($"api/tickets/{reopened}", $$"""{"snooze_datetime": "{{later}}"}""");
        await s.Api.PutJsonAsync($"api/tickets/{cleared}", $$"""{"snooze_datetime": "{{later}}"}""");

        var open = await s.Api.PutJsonAsync($"api/tickets/{reopened}", """{"status": "open"}""");
        var unsnoozed = await s.Api.PutJsonAsync($"api/tickets/{cleared}", """{"snooze_datetime": null}""");

        open.Object.Str("status").ShouldBe("open");
        open.Object["snooze_datetime"].ShouldBeNull();
        unsnoozed.Object.Str("status").ShouldBe("closed");
        unsnoozed.Object["snooze_datetime"].ShouldBeNull();
        await s.AdvanceAsync(TimeSpan.FromHours(1));
        (await s.TicketAsync(cleared)).Str("status").ShouldBe("closed");
        (await s.TicketEventsAsync(reopened)).ShouldNotContain(e => e.Str("type") == "ticket-self-unsnoozed");
        (await s.TicketEventsAsync(cleared)).ShouldNotContain(e => e.Str("type") == "ticket-self-unsnoozed");
    }

    [Fact]
    public async Task Let_a_snooze_win_over_status_open_in_the_same_update()
    {
        await using var s = await TimerSandbox.StartAsync();
        var id = (await s.Api.CreateTicketAsync()).Id();

        var answer = await s.Api.PutJsonAsync($"api/tickets/{id}", $$"""{"status": "open", "snooze_datetime": "{{In(TimeSpan.FromHours(1))}}"}""");

        answer.Object.Str("status").ShouldBe("closed");
        answer.Object.Str("snooze_datetime").ShouldBe(In(TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Wake_generated_snoozed_tickets_too()
    {
        await using var s = await TimerSandbox.StartAsync(tickets: 400);
        var state = s.Sandbox.State(s.Domain);
        List<long> snoozed;
        lock (state.Sync)
        {
            snoozed = [.. state.Tickets.All.Where(t => t.SnoozeDatetime is not null).Select(t => t.Id)];
            state.Tickets.All.Where(t => t.SnoozeDatetime is not null).ShouldAllBe(t => t.Status == "closed" && t.ClosedDatetime != null);
        }

        snoozed.ShouldNotBeEmpty();
        await s.AdvanceAsync(TimeSpan.FromDays(4));

        lock (state.Sync)
        {
            snoozed.Select(state.Tickets.Find).ShouldAllBe(t => t!.Status == "open" && t.SnoozeDatetime == null && t.ClosedDatetime == null);
        }
    }
}
