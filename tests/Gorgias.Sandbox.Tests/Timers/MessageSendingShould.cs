using System.Net;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Faults;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Tests.Infrastructure;
using Gorgias.Sandbox.Tests.Tickets;

namespace Gorgias.Sandbox.Tests.Timers;

/// <summary>Outgoing messages are created unsent and sent (or failed) a moment later by the timer service (reference §2.2).</summary>
public sealed class MessageSendingShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string At(TimeSpan offset) => GorgiasJson.Format(TimerSandbox.Start + offset);

    [Fact]
    public async Task Send_an_agent_reply_once_the_send_delay_has_passed()
    {
        await using var s = await TimerSandbox.StartAsync();
        var ticketId = (await s.Api.CreateTicketAsync()).Id();

        var reply = await s.ReplyAsync(ticketId);

        reply["sent_datetime"].ShouldBeNull();
        await s.AdvanceAsync(TimeSpan.FromSeconds(1.8));
        (await s.MessageAsync(ticketId, reply.Id()))["sent_datetime"].ShouldBeNull();

        await s.AdvanceAsync(TimeSpan.FromSeconds(0.2));

        var sent = await s.MessageAsync(ticketId, reply.Id());
        sent.Str("sent_datetime").ShouldBe(At(TimeSpan.FromSeconds(2)));
        sent["failed_datetime"].ShouldBeNull();
        sent["last_sending_error"].ShouldBeNull();
        (await s.TicketEventsAsync(ticketId)).Select(e => e.Str("type")).ShouldBe(["ticket-created"]);
    }

    [Fact]
    public async Task Send_the_outgoing_first_message_of_a_new_ticket()
    {
        await using var s = await TimerSandbox.StartAsync();
        var created = await s.Api.PostJsonAsync("api/tickets", """
            {
              "customer": {"email": "jo@example.com"},
              "messages": [{"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "Your order shipped."}]
            }
            """);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        created.Object["messages"]![0]!["sent_datetime"].ShouldBeNull();

        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        (await s.TicketAsync(created.Object.Id()))["messages"]![0]!.Str("sent_datetime").ShouldBe(At(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Follow_the_configured_send_delay_divided_by_the_time_scale()
    {
        await using var s = await TimerSandbox.StartAsync(o =>
        {
            o.MessageSendDelay = TimeSpan.FromSeconds(30);
            o.TimeScale = 10;
        });
        var ticketId = (await s.Api.CreateTicketAsync()).Id();
        var reply = await s.ReplyAsync(ticketId);

        await s.AdvanceAsync(TimeSpan.FromSeconds(2));
        (await s.MessageAsync(ticketId, reply.Id()))["sent_datetime"].ShouldBeNull();
        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        (await s.MessageAsync(ticketId, reply.Id())).Str("sent_datetime").ShouldBe(At(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Fail_a_reply_to_an_invalid_address_and_fire_ticket_message_failed()
    {
        await using var s = await TimerSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var form = JsonValue.Create("""{"message_id": {{message.id}}, "ticket_id": {{ticket.id}}, "error": "{{message.last_sending_error}}"}""");
        await ApiIntegrations.CreateAsync(s.Api, receiver.Url("failed"), form, "ticket-message-failed");
        var ticket = await s.Api.CreateTicketAsync(email: "jo@shop.invalid");
        var reply = await s.ReplyAsync(ticket.Id());

        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        var failed = await s.MessageAsync(ticket.Id(), reply.Id());
        failed["sent_datetime"].ShouldBeNull();
        failed.Str("failed_datetime").ShouldBe(At(TimeSpan.FromSeconds(2)));
        failed.Str("last_sending_error").ShouldContain("jo@shop.invalid");
        (await s.TicketAsync(ticket.Id())).Str("updated_datetime").ShouldBe(At(TimeSpan.FromSeconds(2)));
        var delivery = (await receiver.WaitForCountAsync(1, "failed"))[0].Json;
        delivery["message_id"]!.GetValue<long>().ShouldBe(reply.Id());
        delivery["ticket_id"]!.GetValue<long>().ShouldBe(ticket.Id());
        delivery["error"]!.GetValue<string>().ShouldBe(failed.Str("last_sending_error"));
        await s.WaitForDeliveredAsync(1);

        await s.AdvanceAsync(TimeSpan.FromMinutes(1));
        (await s.MessageAsync(ticket.Id(), reply.Id()))["sent_datetime"].ShouldBeNull();
    }

    [Fact]
    public async Task Fail_replies_while_the_message_send_failure_fault_is_on()
    {
        await using var s = await TimerSandbox.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await ApiIntegrations.CreateAsync(s.Api, receiver.Url("failed"), JsonValue.Create("""{"id": {{message.id}}}"""), "ticket-message-failed");
        var set = await s.Sandbox.Control.SetFaultsAsync(s.Domain, new FaultSettings { MessageSendFailureRate = 1 }, Ct);
        set.MessageSendFailureRate.ShouldBe(1);
        var ticketId = (await s.Api.CreateTicketAsync()).Id();
        var failing = await s.ReplyAsync(ticketId, "first");

        await s.AdvanceAsync(TimeSpan.FromSeconds(2));
        await s.WaitForDeliveredAsync(1);
        await s.Sandbox.Control.ClearFaultsAsync(s.Domain, Ct);
        var passing = await s.ReplyAsync(ticketId, "second");
        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        var failed = await s.MessageAsync(ticketId, failing.Id());
        failed.Str("failed_datetime").ShouldBe(At(TimeSpan.FromSeconds(2)));
        failed.Str("last_sending_error").ShouldContain("message_send_failure_rate");
        (await s.MessageAsync(ticketId, passing.Id())).Str("sent_datetime").ShouldBe(At(TimeSpan.FromSeconds(4)));
        (await receiver.WaitForCountAsync(1, "failed")).Select(r => r.Json["id"]!.GetValue<long>()).ShouldBe([failing.Id()]);
    }

    [Fact]
    public async Task Refuse_a_message_send_failure_rate_outside_0_to_1()
    {
        await using var s = await TimerSandbox.StartAsync();

        var answer = await s.Sandbox.Http.PutJsonAsync($"_sandbox/accounts/{s.Domain}/faults", """{"message_send_failure_rate": 1.5}""");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorData!.ShouldContainKey("message_send_failure_rate");
    }

    [Fact]
    public async Task Never_send_imports_internal_notes_or_customer_messages()
    {
        await using var s = await TimerSandbox.StartAsync();
        await s.Sandbox.Control.SetFaultsAsync(s.Domain, new FaultSettings { MessageSendFailureRate = 1 }, Ct);
        var ticketId = (await s.Api.CreateTicketAsync()).Id();
        var imported = await s.PostMessageAsync(ticketId, """
            {"channel": "email", "via": "helpdesk", "from_agent": true, "body_text": "Old reply", "sent_datetime": "2024-01-02T03:04:05.123456+00:00"}
            """);
        var note = await s.PostMessageAsync(ticketId, """{"channel": "internal-note", "via": "helpdesk", "from_agent": true, "body_text": "VIP"}""");
        var incoming = await s.PostMessageAsync(ticketId, """{"channel": "email", "via": "api", "from_agent": false, "body_text": "Thanks"}""");

        await s.AdvanceAsync(TimeSpan.FromMinutes(1));

        var importedNow = await s.MessageAsync(ticketId, imported.Id());
        importedNow.Str("sent_datetime").ShouldBe("2024-01-02T03:04:05.123456+00:00");
        importedNow["failed_datetime"].ShouldBeNull();
        foreach (var id in new[] { note.Id(), incoming.Id() })
        {
            var message = await s.MessageAsync(ticketId, id);
            message["sent_datetime"].ShouldBeNull();
            message["failed_datetime"].ShouldBeNull();
            message["last_sending_error"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task Leave_a_message_alone_once_the_client_set_its_sent_datetime()
    {
        await using var s = await TimerSandbox.StartAsync();
        var ticketId = (await s.Api.CreateTicketAsync()).Id();
        var reply = await s.ReplyAsync(ticketId);
        var put = await s.Api.PutJsonAsync($"api/tickets/{ticketId}/messages/{reply.Id()}", """{"sent_datetime": "2026-05-04T09:00:00+00:00"}""");
        put.Status.ShouldBe(HttpStatusCode.Accepted, put.Text);

        await s.AdvanceAsync(TimeSpan.FromSeconds(5));

        (await s.MessageAsync(ticketId, reply.Id())).Str("sent_datetime").ShouldBe("2026-05-04T09:00:00.000000+00:00");
    }
}
