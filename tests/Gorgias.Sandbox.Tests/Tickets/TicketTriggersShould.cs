using System.Collections.Concurrent;
using Gorgias.Sandbox.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Gorgias.Sandbox.Tests.Tickets;

/// <summary>The webhook triggers ticket-side writes raise (what the webhook dispatcher listens to).</summary>
public sealed class TicketTriggersShould
{
    private sealed class RecordingSink : ITicketTriggerSink
    {
        public ConcurrentQueue<(string Trigger, long TicketId, long? MessageId)> Raised { get; } = new();

        public void OnTicketTrigger(AccountState account, string trigger, Ticket ticket, Message? message) =>
            Raised.Enqueue((trigger, ticket.Id, message?.Id));

        public List<string> Drain()
        {
            var list = new List<string>();
            while (Raised.TryDequeue(out var item))
            {
                list.Add(item.Trigger);
            }

            return list;
        }
    }

    [Fact]
    public async Task Raise_ticket_updated_on_every_effective_change_and_nothing_on_a_no_op()
    {
        await using var sandbox = await TicketApi.StartUnlimitedAsync();
        var sink = new RecordingSink();
        sandbox.Services.GetRequiredService<SandboxStore>().TriggerSink = sink;
        var account = await sandbox.NewAccountAsync();
        using var api = account.AdminApi();
        var agent = account.Info.Users.First(u => u.Role != "admin");

        var ticket = await api.CreateTicketAsync();
        var url = $"api/tickets/{ticket.Id()}";
        var created = sink.Drain();
        await api.PutJsonAsync(url, """{"priority": "high"}""");
        var priority = sink.Drain();
        await api.PutJsonAsync(url, $$"""{"status": "closed", "assignee_user": {"id": {{agent.Id}}} }""");
        var closeAndAssign = sink.Drain();
        await api.PutJsonAsync(url, $$"""{"status": "closed", "priority": "high", "assignee_user": {"id": {{agent.Id}}} }""");
        var noOp = sink.Drain();
        await api.PostJsonAsync(url + "/tags", """{"names": ["t"]}""");
        await api.PostJsonAsync(url + "/tags", """{"names": ["t"]}""");
        var tags = sink.Drain();
        await api.PostJsonAsync(url + "/messages", """{"channel": "email", "via": "email", "from_agent": false, "body_text": "again"}""");
        var reopenedByMessage = sink.Drain();
        await api.DeleteJsonAsync(url);
        var deleted = sink.Drain();

        created.ShouldBe(["ticket-created"]);
        priority.ShouldBe(["ticket-updated"]);
        closeAndAssign.ShouldBe(["ticket-updated", "ticket-assignment-updated", "ticket-status-updated"]);
        noOp.ShouldBeEmpty();
        tags.ShouldBe(["ticket-updated"]);
        reopenedByMessage.ShouldBe(["ticket-message-created", "ticket-status-updated"]);
        deleted.ShouldBeEmpty();
    }
}
