using System.Text.Json;

namespace Saas.Rules.Engine;

/// <summary>
/// What rules see of a ticket: built once per event by the live path (from the webhook body, or the API when the body
/// lacks something a rule needs) or by a dry run. Plain data: the engine normalises the text once per evaluation.
/// </summary>
public sealed record TicketSnapshot
{
    public required long TicketId { get; init; }

    public string? Subject { get; init; }

    /// <summary>Body text of every message, oldest first (customer and agent, public and internal notes).</summary>
    public IReadOnlyList<SnapshotMessage> Messages { get; init; } = [];

    public string? Channel { get; init; }

    public string? Via { get; init; }

    public string? Language { get; init; }

    public string? CustomerEmail { get; init; }

    public string? CustomerName { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Status { get; init; }

    public string? Priority { get; init; }

    public long? AssigneeUserId { get; init; }

    public string? AssigneeUserEmail { get; init; }

    public long? AssigneeTeamId { get; init; }

    /// <summary>The ticket's message count (Gorgias' <c>messages_count</c> when the body has it, else <see cref="Messages"/>' count).</summary>
    public int MessageCount { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Custom field values by field id.</summary>
    public IReadOnlyDictionary<long, JsonElement> CustomFields { get; init; } = new Dictionary<long, JsonElement>();

    /// <summary>The latest message from the customer, or null.</summary>
    public SnapshotMessage? LastCustomerMessage => Messages.LastOrDefault(m => !m.FromAgent);
}

/// <summary>One message of a snapshot.</summary>
/// <param name="Id">Gorgias message id (0 when unknown).</param>
/// <param name="FromAgent">False = from the customer.</param>
/// <param name="Public">False for an internal note.</param>
/// <param name="Text">Plain body text (stripped text or body text).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record SnapshotMessage(long Id, bool FromAgent, bool Public, string Text, DateTimeOffset? CreatedAt);
