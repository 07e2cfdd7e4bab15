using Saas.Gorgias.Api;
using Saas.Rules.Engine;

namespace Saas.Core.Tagging;

/// <summary>
/// Builds what rules see (<see cref="TicketSnapshot"/>) from a Gorgias ticket: the full API shape (with
/// <c>messages</c>), or the webhook's <c>{{ticket}}</c> context (first and last message only; see
/// <see cref="HasAllMessages"/>).
/// </summary>
public static class TicketSnapshots
{
    /// <summary>The snapshot; <paramref name="messages"/> (e.g. from the messages list) override the ticket's own.</summary>
    public static TicketSnapshot From(GorgiasTicket ticket, IReadOnlyList<GorgiasMessage>? messages = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var source = messages ?? ticket.Messages ?? WebhookMessages(ticket);
        var snapshotMessages = source
            .OrderBy(m => m.CreatedDatetime ?? DateTimeOffset.MinValue).ThenBy(m => m.Id)
            .Select(m => new SnapshotMessage(m.Id, m.FromAgent ?? false, m.Public ?? true, m.StrippedText ?? m.BodyText ?? "", m.CreatedDatetime))
            .ToList();
        return new TicketSnapshot
        {
            TicketId = ticket.Id,
            Subject = ticket.Subject,
            Messages = snapshotMessages,
            Channel = ticket.Channel,
            Via = ticket.Via,
            Language = ticket.Language,
            CustomerEmail = ticket.Customer?.Email,
            CustomerName = ticket.Customer?.Name,
            Tags = ticket.Tags?.Select(t => t.Name).ToList() ?? [],
            Status = ticket.Status,
            Priority = ticket.Priority,
            AssigneeUserId = ticket.AssigneeUser?.Id ?? ticket.AssigneeUserId,
            AssigneeUserEmail = ticket.AssigneeUser?.Email,
            AssigneeTeamId = ticket.AssigneeTeam?.Id ?? ticket.AssigneeTeamId,
            MessageCount = ticket.MessagesCount ?? snapshotMessages.Count,
            CreatedAt = ticket.CreatedDatetime,
            CustomFields = ticket.CustomFields?.Values.Where(v => v.Value is not null).ToDictionary(v => v.Id, v => v.Value!.Value)
                ?? new Dictionary<long, System.Text.Json.JsonElement>(),
        };
    }

    /// <summary>Whether the ticket carries every message (the API shape, or a webhook body of a one- or two-message ticket).</summary>
    public static bool HasAllMessages(GorgiasTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.Messages is not null || (ticket.MessagesCount is { } count && count <= WebhookMessages(ticket).Count);
    }

    private static List<GorgiasMessage> WebhookMessages(GorgiasTicket ticket)
    {
        var list = new List<GorgiasMessage>(2);
        if (ticket.FirstMessage is { } first)
        {
            list.Add(first);
        }

        if (ticket.LastMessage is { } last && last.Id != ticket.FirstMessage?.Id)
        {
            list.Add(last);
        }

        return list;
    }
}
