using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Saas.Rules.Engine;

namespace Saas.Core.Tagging;

/// <summary>
/// The writes a plan needs against a ticket's current state: only what changes something (a tag already there is not
/// added again, a priority already set is not set again), so processing an event twice, or retrying a half-done one
/// against the ticket as it now is, writes only what is missing. Also what a dry run shows.
/// </summary>
/// <param name="AddTags">Tag names to add (<c>POST /api/tickets/{id}/tags</c>).</param>
/// <param name="RemoveTags">Tag names to remove (<c>DELETE /api/tickets/{id}/tags</c>), as the ticket spells them.</param>
/// <param name="Priority">The priority to set (<c>PUT /api/tickets/{id}</c>), or null.</param>
/// <param name="TeamId">The team to assign, or null.</param>
/// <param name="AssigneeUserId">The user to assign (resolved from the rule's email), or null.</param>
/// <param name="CustomFields">Custom field values to set (<c>PUT /api/tickets/{id}/custom-fields</c>).</param>
/// <param name="InternalNotes">Internal notes to add (a message on the <c>internal-note</c> channel).</param>
/// <param name="Unresolved">What the plan asked for but cannot be written (an email no user of the account has).</param>
public sealed record TicketWrites(
    IReadOnlyList<string> AddTags,
    IReadOnlyList<string> RemoveTags,
    string? Priority,
    long? TeamId,
    long? AssigneeUserId,
    IReadOnlyDictionary<long, JsonElement> CustomFields,
    IReadOnlyList<string> InternalNotes,
    IReadOnlyList<string> Unresolved)
{
    /// <summary>Nothing to write.</summary>
    public bool IsEmpty => AddTags.Count == 0 && RemoveTags.Count == 0 && !UpdatesTicket && CustomFields.Count == 0 && InternalNotes.Count == 0;

    /// <summary>Whether a <c>PUT</c> of the ticket is needed (priority or assignees).</summary>
    public bool UpdatesTicket => Priority is not null || TeamId is not null || AssigneeUserId is not null;

    /// <summary>How many write requests these writes take (tags add, tags remove, ticket, fields, one per note).</summary>
    public int RequestCount =>
        (AddTags.Count > 0 ? 1 : 0) + (RemoveTags.Count > 0 ? 1 : 0) + (UpdatesTicket ? 1 : 0) + (CustomFields.Count > 0 ? 1 : 0) + InternalNotes.Count;

    /// <summary>
    /// Compares <paramref name="plan"/> with <paramref name="state"/>. <paramref name="findUserId"/> resolves an
    /// assignee email to the account's user id (null: no such user; recorded in <see cref="Unresolved"/>).
    /// </summary>
    public static async Task<TicketWrites> DiffAsync(RulePlan plan, TicketSnapshot state, Func<string, Task<long?>> findUserId)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(findUserId);
        var current = new HashSet<string>(state.Tags, StringComparer.OrdinalIgnoreCase);
        var add = plan.AddTags.Where(t => !string.IsNullOrWhiteSpace(t) && !current.Contains(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var removeWanted = new HashSet<string>(plan.RemoveTags, StringComparer.OrdinalIgnoreCase);
        var remove = state.Tags.Where(removeWanted.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var priority = plan.Priority is { } p && !string.Equals(p, state.Priority, StringComparison.OrdinalIgnoreCase) ? p : null;
        var team = plan.TeamId is { } t2 && t2 != state.AssigneeTeamId ? t2 : (long?)null;
        var unresolved = new List<string>();
        long? user = null;
        if (plan.AssigneeUserEmail is { } email)
        {
            var id = await findUserId(email).ConfigureAwait(false);
            if (id is null)
            {
                unresolved.Add($"assign_user: the account has no user with the email {email}");
            }
            else if (id != state.AssigneeUserId)
            {
                user = id;
            }
        }

        var fields = new Dictionary<long, JsonElement>();
        foreach (var (fieldId, value) in plan.CustomFields)
        {
            if (!state.CustomFields.TryGetValue(fieldId, out var now) || !JsonElement.DeepEquals(now, value))
            {
                fields[fieldId] = value;
            }
        }

        var existingNotes = new HashSet<string>(state.Messages.Where(m => !m.Public).Select(m => m.Text.Trim()), StringComparer.Ordinal);
        var notes = plan.InternalNotes.Where(n => !string.IsNullOrWhiteSpace(n) && !existingNotes.Contains(n.Trim())).Distinct(StringComparer.Ordinal).ToList();
        return new TicketWrites(add, remove, priority, team, user, fields, notes, unresolved);
    }

    /// <summary>
    /// The fingerprints of the states these writes take the ticket through, in write order, starting with
    /// <paramref name="state"/> itself: each event our writes cause carries one of them (see <see cref="TicketFingerprint"/>).
    /// </summary>
    public IReadOnlyList<string> States(TicketSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tags = new List<string>(state.Tags);
        var priority = state.Priority;
        var team = state.AssigneeTeamId;
        var user = state.AssigneeUserId;
        var count = state.MessageCount;
        var list = new List<string> { TicketFingerprint.Of(tags, priority, state.Status, user, team, count) };
        if (AddTags.Count > 0)
        {
            tags.AddRange(AddTags);
            list.Add(TicketFingerprint.Of(tags, priority, state.Status, user, team, count));
        }

        if (RemoveTags.Count > 0)
        {
            var removed = new HashSet<string>(RemoveTags, StringComparer.OrdinalIgnoreCase);
            tags.RemoveAll(removed.Contains);
            list.Add(TicketFingerprint.Of(tags, priority, state.Status, user, team, count));
        }

        if (UpdatesTicket)
        {
            priority = Priority ?? priority;
            team = TeamId ?? team;
            user = AssigneeUserId ?? user;
            list.Add(TicketFingerprint.Of(tags, priority, state.Status, user, team, count));
        }

        foreach (var unused in InternalNotes)
        {
            count++;
            list.Add(TicketFingerprint.Of(tags, priority, state.Status, user, team, count));
        }

        return list;
    }
}

/// <summary>
/// A short hash of the parts of a ticket our writes change or that say someone else acted: tag names (case-folded,
/// sorted), priority, status, assignee user and team, message count. An event whose fingerprint is one of the states
/// our last writes went through (or the state they started from: a late event, or an agent undoing us) is not
/// evaluated again: that is the loop guard.
/// </summary>
public static class TicketFingerprint
{
    /// <summary>The most states kept per ticket (the column holds 100 characters: 7 × 12 hex digits and commas).</summary>
    public const int MaxStates = 7;

    public static string Of(TicketSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Of(state.Tags, state.Priority, state.Status, state.AssigneeUserId, state.AssigneeTeamId, state.MessageCount);
    }

    public static string Of(IEnumerable<string> tags, string? priority, string? status, long? userId, long? teamId, int messageCount)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var text = new StringBuilder();
        foreach (var tag in tags.Select(t => t.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            text.Append(tag).Append('\u001f');
        }

        text.Append('|').Append(priority?.ToUpperInvariant()).Append('|').Append(status?.ToUpperInvariant())
            .Append('|').Append(userId).Append('|').Append(teamId).Append('|').Append(messageCount);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    /// <summary>The stored form: distinct fingerprints joined by commas, at most <see cref="MaxStates"/> (first and last kept).</summary>
    public static string Join(IReadOnlyList<string> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var distinct = states.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > MaxStates)
        {
            distinct = [.. distinct.Take(MaxStates - 1), distinct[^1]];
        }

        return string.Join(',', distinct);
    }

    public static bool Contains(string? stored, string fingerprint) =>
        stored is not null && stored.Split(',').Contains(fingerprint, StringComparer.Ordinal);
}
