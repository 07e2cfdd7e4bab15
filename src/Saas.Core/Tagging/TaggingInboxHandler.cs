using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Intake;
using Saas.Core.Rules;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Core.Tagging;

/// <summary>
/// The live path (docs/tagging.md): an inbox row (a ticket's state as the webhook sent it) → the trigger derived from
/// what we remember of the ticket → the loop guard → the tenant's rules on a snapshot (the API is asked only when the
/// body lacks what a rule needs, or on a retry) → the writes that change something, in the live lane → one
/// <see cref="RuleRun"/> and the <see cref="TaggedTicket"/> update, staged in the <see cref="InboxRound"/> and stored
/// in the same transaction that marks the row done. Idempotent: a row already handled is skipped, and a retry diffs
/// against the ticket as it now is. A deleted ticket or a refused write is recorded; Gorgias being unavailable (after
/// the client's retries) throws, so the inbox retries the row.
/// <para>
/// Scoped: one instance per round, which reads once what every row of the round needs (the memories of its tickets in
/// one query, the compiled rule set, the account), so a row costs no database round trip of its own. A rule change
/// reaches the next round.
/// </para>
/// </summary>
internal sealed partial class TaggingInboxHandler(
    ITenantDbContextFactory contexts,
    InboxRound round,
    ITenantRuleSets ruleSets,
    ITenantDirectory directory,
    GorgiasApiClient api,
    TaggingMetrics metrics,
    IOptions<TaggingOptions> options,
    TimeProvider clock,
    ILogger<TaggingInboxHandler> logger) : IInboxEventHandler
{
    private static readonly ConditionalWeakTable<ICompiledRuleSet, HashSet<string>> FieldsUsed = [];

    /// <summary>The round's tickets as remembered (read once, then as this round's rows left them).</summary>
    private Dictionary<long, TaggedTicket>? _memories;
    private TenantRuleSet? _set;
    private GorgiasAccount? _account;

    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        GorgiasTicket ticket;
        try
        {
            ticket = GorgiasPayloads.ParseTicket(item.Payload);
        }
        catch (JsonException e)
        {
            // Not retryable, but the inbox keeps the row (and this reason) for support; the body is never quoted.
            throw new InvalidDataException($"Inbox row {item.Id}: the body is not a Gorgias ticket (at {e.Path ?? "$"}).");
        }

        var memories = await MemoriesAsync(item.TenantId, cancellationToken);
        memories.TryGetValue(item.TicketId, out var memory);
        if (memory is not null && memory.LastInboxEventId >= item.Id)
        {
            LogAlreadyHandled(item.TenantId, item.TicketId, item.Id);
            return;
        }

        var receivedAt = item.ReceivedAt ?? clock.GetUtcNow();
        var set = _set ??= await ruleSets.GetAsync(item.TenantId, cancellationToken);
        var body = TicketSnapshots.From(ticket);
        var trigger = DeriveTrigger(memory, ticket, body);
        var isNew = memory is null;

        // Nothing below changes the memory before the row's outcome is certain (it is shared with the round's later
        // rows of the ticket, and a row that throws must leave it as it was).
        memory ??= new TaggedTicket { TenantId = item.TenantId, TicketId = item.TicketId };
        var run = new RunBuilder(item, trigger, set, clock);
        if (set.Rules.Rules.Count == 0)
        {
            // No rules: remember the ticket (for the next trigger) and record nothing.
            Remember(memory, item, ticket, body.MessageCount);
            Keep(memory, isNew, null);
            return;
        }

        if (!isNew && trigger != RuleTrigger.CustomerMessageAdded && TicketFingerprint.Contains(memory.AppliedFingerprint, TicketFingerprint.Of(body)))
        {
            Remember(memory, item, ticket, body.MessageCount);
            Finish(memory, isNew, run.Done(RuleRunOutcome.Echo, "The state our last writes produced (or started from), with no new message: not evaluated again.", receivedAt));
            return;
        }

        var caller = new GorgiasCaller(await AccountAsync(item.TenantId, cancellationToken), item.TenantId.ToString(), GorgiasLane.Live);
        var source = ticket;

        // The ticket was deleted meanwhile (a 404 on the fetch): recorded, nothing written.
        void Gone()
        {
            Remember(memory, item, ticket, body.MessageCount);
            Finish(memory, isNew, run.Done(RuleRunOutcome.TicketGone, "The ticket no longer exists (404).", receivedAt));
        }

        if (item.Attempt > 1 || NeedsFullTicket(set.Rules, ticket))
        {
            // A retry diffs against the ticket as it now is (an earlier attempt may have written part), so only what
            // is missing is written; a rule on every message needs them all.
            var fetched = await FetchAsync(caller, item.TicketId, cancellationToken);
            if (fetched is null)
            {
                Gone();
                return;
            }

            source = fetched;
        }

        var snapshot = ReferenceEquals(source, ticket) ? body : TicketSnapshots.From(source);
        var result = set.Rules.Evaluate(snapshot, new RuleEvaluationContext(trigger, set.BusinessHours));
        run.Evaluated(result);
        if (result.Plan.InternalNotes.Count > 0 && !TicketSnapshots.HasAllMessages(source))
        {
            // Notes are only diffable against every message (was it written already?).
            var fetched = await FetchAsync(caller, item.TicketId, cancellationToken);
            if (fetched is null)
            {
                Gone();
                return;
            }

            source = fetched;
            snapshot = TicketSnapshots.From(source);
        }

        var writes = await TicketWrites.DiffAsync(result.Plan, snapshot, email => directory.FindUserIdAsync(item.TenantId, email, cancellationToken));
        run.Planned(writes);
        var matched = result.Trace.Any(e => e.Outcome == RuleOutcome.Matched && e.State == RuleState.Enabled);
        var now = clock.GetUtcNow();
        var windowOver = memory.WindowStartedAt is not { } started || now - started >= options.Value.RoundWindow;
        var windowStartedAt = windowOver ? now : memory.WindowStartedAt;
        var rounds = windowOver ? 0 : memory.RoundsInWindow;

        // The row's outcome is certain: the memory takes the ticket as evaluated and the current round window.
        void Settle(int messageCount)
        {
            Remember(memory, item, source, messageCount);
            (memory.WindowStartedAt, memory.RoundsInWindow) = (windowStartedAt, rounds);
        }
        if (writes.IsEmpty)
        {
            Settle(snapshot.MessageCount);
            var outcome = matched ? RuleRunOutcome.NothingToChange : RuleRunOutcome.NoMatch;
            Finish(memory, isNew, run.Done(outcome, Unresolved(writes), receivedAt));
            return;
        }

        if (rounds >= options.Value.MaxWriteRounds)
        {
            Settle(snapshot.MessageCount);
            LogRoundCap(item.TenantId, item.TicketId, rounds);
            Finish(
                memory,
                isNew,
                run.Done(RuleRunOutcome.RoundCapReached, $"Loop guard: {rounds} rounds of writes on this ticket within {options.Value.RoundWindow}; nothing written.", receivedAt));
            return;
        }

        var applied = await WriteAsync(caller, item.TicketId, writes, run, cancellationToken);
        Settle(snapshot.MessageCount + run.NotesWritten);
        if (run.WritesDone > 0)
        {
            memory.AppliedFingerprint = TicketFingerprint.Join(writes.States(snapshot));
            memory.AppliedAt = clock.GetUtcNow();
            memory.RoundsInWindow++;
            metrics.IntakeToWrite((clock.GetUtcNow() - receivedAt).TotalMilliseconds);
        }

        var detail = string.Join("; ", run.Rejections.Concat(writes.Unresolved));
        var final = applied switch
        {
            WriteEnd.Gone => RuleRunOutcome.TicketGone,
            _ when run.Rejections.Count > 0 => RuleRunOutcome.WriteRejected,
            _ when run.WritesDone > 0 => RuleRunOutcome.Applied,
            _ => RuleRunOutcome.NothingToChange,
        };
        if (final == RuleRunOutcome.TicketGone)
        {
            detail = string.IsNullOrEmpty(detail) ? "The ticket no longer exists (404)." : "The ticket no longer exists (404); " + detail;
        }

        Finish(memory, isNew, run.Done(final, detail.Length == 0 ? null : detail, receivedAt));
    }

    /// <summary>What is remembered of the round's tickets: one query for all of them, on the first row.</summary>
    private async Task<Dictionary<long, TaggedTicket>> MemoriesAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (_memories is { } known)
        {
            return known;
        }

        var tickets = round.Items.Select(i => i.TicketId).Distinct().ToList();
        await using var db = contexts.CreateForTenant(tenantId);
        var found = await db.TaggedTickets.AsNoTracking().Where(t => tickets.Contains(t.TicketId)).ToListAsync(cancellationToken);
        return _memories = found.ToDictionary(t => t.TicketId);
    }

    private async Task<GorgiasAccount> AccountAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (_account is { } known)
        {
            return known;
        }

        await using var db = contexts.CreateForTenant(tenantId);
        var account = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Account).FirstAsync(cancellationToken);
        if (!GorgiasAccount.TryParse(account, out var parsed))
        {
            throw new InvalidOperationException($"Tenant {tenantId} has an invalid account name.");
        }

        _account = parsed;
        return parsed;
    }

    /// <summary>
    /// First sighting → created; more messages than last time with a new customer message last → customer message
    /// added; anything else → updated.
    /// </summary>
    internal static RuleTrigger DeriveTrigger(TaggedTicket? memory, GorgiasTicket ticket, TicketSnapshot snapshot)
    {
        if (memory is null)
        {
            return RuleTrigger.TicketCreated;
        }

        var last = ticket.LastMessage ?? ticket.Messages?.OrderBy(m => m.CreatedDatetime ?? DateTimeOffset.MinValue).ThenBy(m => m.Id).LastOrDefault();
        var newCustomerMessage = last is { FromAgent: false } && last.Id != memory.LastCustomerMessageId;
        return snapshot.MessageCount > memory.MessageCount && newCustomerMessage ? RuleTrigger.CustomerMessageAdded : RuleTrigger.TicketUpdated;
    }

    private static void Remember(TaggedTicket memory, InboxItem item, GorgiasTicket ticket, int messageCount)
    {
        memory.LastInboxEventId = item.Id;
        memory.MessageCount = messageCount;
        var last = ticket.LastMessage ?? ticket.Messages?.OrderBy(m => m.CreatedDatetime ?? DateTimeOffset.MinValue).ThenBy(m => m.Id).LastOrDefault();
        if (last is { FromAgent: false })
        {
            memory.LastCustomerMessageId = last.Id;
        }
        else if (ticket.Messages is { } all && all.Where(m => m.FromAgent == false).MaxBy(m => m.CreatedDatetime ?? DateTimeOffset.MinValue) is { } customer)
        {
            memory.LastCustomerMessageId = customer.Id;
        }
    }

    private static string? Unresolved(TicketWrites writes) => writes.Unresolved.Count == 0 ? null : string.Join("; ", writes.Unresolved);

    /// <summary>Whether a rule needs messages the webhook body lacks (it carries the first and the last only).</summary>
    private static bool NeedsFullTicket(ICompiledRuleSet set, GorgiasTicket ticket)
    {
        if (TicketSnapshots.HasAllMessages(ticket))
        {
            return false;
        }

        var fields = FieldsUsed.GetValue(set, s => [.. s.Rules.Where(r => r.Definition.State != RuleState.Disabled).SelectMany(r => Fields(r.Definition.When))]);
        return fields.Contains(RuleFields.AnyMessage)
            || (fields.Contains(RuleFields.LastCustomerMessage) && ticket.LastMessage is { FromAgent: true });
    }

    private static IEnumerable<string> Fields(RuleCondition? condition)
    {
        if (condition is null)
        {
            yield break;
        }

        if (condition.Field is { } field)
        {
            yield return field;
        }

        foreach (var child in (condition.All ?? []).Concat(condition.Any ?? []).Append(condition.Not))
        {
            foreach (var f in Fields(child))
            {
                yield return f;
            }
        }
    }

    private async Task<GorgiasTicket?> FetchAsync(GorgiasCaller caller, long ticketId, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetTicketAsync(caller, ticketId, cancellationToken);
        }
        catch (GorgiasNotFoundException)
        {
            return null;
        }
    }

    private enum WriteEnd
    {
        Completed,
        Gone,
    }

    /// <summary>The writes in order: tags added, tags removed, the ticket (priority, assignees), custom fields, notes.</summary>
    private async Task<WriteEnd> WriteAsync(GorgiasCaller caller, long ticketId, TicketWrites writes, RunBuilder run, CancellationToken cancellationToken)
    {
        var path = $"/api/tickets/{ticketId}";
        try
        {
            if (writes.AddTags.Count > 0)
            {
                await OneAsync(run, "add_tags", "POST", path + "/tags", new { tags = writes.AddTags },
                    () => api.AddTicketTagsAsync(caller, ticketId, new GorgiasTicketTags(Names: writes.AddTags), cancellationToken));
            }

            if (writes.RemoveTags.Count > 0)
            {
                await OneAsync(run, "remove_tags", "DELETE", path + "/tags", new { tags = writes.RemoveTags },
                    () => api.RemoveTicketTagsAsync(caller, ticketId, new GorgiasTicketTags(Names: writes.RemoveTags), cancellationToken));
            }

            if (writes.UpdatesTicket)
            {
                var update = new GorgiasTicketUpdate(
                    Priority: writes.Priority,
                    AssigneeTeam: writes.TeamId is { } team ? new GorgiasIdRef(team) : null,
                    AssigneeUser: writes.AssigneeUserId is { } user ? new GorgiasIdRef(user) : null);
                await OneAsync(run, "update_ticket", "PUT", path, new { priority = writes.Priority, assignee_team_id = writes.TeamId, assignee_user_id = writes.AssigneeUserId },
                    () => api.UpdateTicketAsync(caller, ticketId, update, cancellationToken));
            }

            if (writes.CustomFields.Count > 0)
            {
                var values = writes.CustomFields.Select(f => new GorgiasFieldValueRequest(f.Key, System.Text.Json.Nodes.JsonNode.Parse(f.Value.GetRawText()))).ToList();
                await OneAsync(run, "set_custom_fields", "PUT", path + "/custom-fields", new { fields = writes.CustomFields },
                    () => api.SetTicketFieldValuesAsync(caller, ticketId, values, cancellationToken));
            }

            foreach (var note in writes.InternalNotes)
            {
                var message = new GorgiasMessageCreate("internal-note", "api", FromAgent: true, BodyText: note, Public: false);
                if (await OneAsync(run, "add_internal_note", "POST", path + "/messages", new { note },
                    () => api.CreateMessageAsync(caller, ticketId, message, cancellationToken)))
                {
                    run.NotesWritten++;
                }
            }

            return WriteEnd.Completed;
        }
        catch (GorgiasNotFoundException)
        {
            return WriteEnd.Gone;
        }
    }

    private async Task<bool> OneAsync(RunBuilder run, string kind, string method, string path, object what, Func<Task> call)
    {
        try
        {
            await call();
            run.Wrote(new WriteRecord(kind, method, path, what, "done", null));
            metrics.Write(kind, "done");
            return true;
        }
        catch (GorgiasApiException e) when (!e.IsTransient && e is not GorgiasNotFoundException)
        {
            // A 4xx other than 404: Gorgias refused this write (e.g. an unknown team); recorded, the rest goes on.
            var reason = e.Message.Length <= 500 ? e.Message : e.Message[..500];
            run.Wrote(new WriteRecord(kind, method, path, what, "rejected", reason));
            run.Rejections.Add($"{kind}: {reason}");
            metrics.Write(kind, "rejected");
            return false;
        }
    }

    private void Finish(TaggedTicket memory, bool isNew, RuleRun run)
    {
        Keep(memory, isNew, run);
        metrics.Run(run.Outcome);
        LogRun(run.TenantId, run.TicketId, run.Trigger, run.Outcome, run.LatencyMs ?? 0);
    }

    /// <summary>
    /// Stages the ticket's memory (and the run) with the row's outcome: stored in the transaction that marks the row
    /// done, so a run is recorded exactly when its row is done. The round's later rows of the ticket see it as left here.
    /// </summary>
    private void Keep(TaggedTicket memory, bool isNew, RuleRun? run)
    {
        round.Stage(memory, isNew);
        _memories![memory.TicketId] = memory;
        if (run is not null)
        {
            round.Stage(run, added: true);
        }
    }

    /// <summary>Gathers a run's parts as the handler goes.</summary>
    private sealed class RunBuilder(InboxItem item, RuleTrigger trigger, TenantRuleSet set, TimeProvider clock)
    {
        private readonly List<WriteRecord> _writes = [];
        private RuleEvaluationResult? _result;
        private TicketWrites? _planned;

        public int WritesDone { get; private set; }

        public int NotesWritten { get; set; }

        public List<string> Rejections { get; } = [];

        public void Evaluated(RuleEvaluationResult result) => _result = result;

        public void Planned(TicketWrites writes) => _planned = writes;

        public void Wrote(WriteRecord record)
        {
            _writes.Add(record);
            if (record.Result == "done")
            {
                WritesDone++;
            }
        }

        public RuleRun Done(RuleRunOutcome outcome, string? detail, DateTimeOffset receivedAt)
        {
            var at = clock.GetUtcNow();
            return new RuleRun
            {
                TenantId = item.TenantId,
                TicketId = item.TicketId,
                InboxEventId = item.Id,
                Trigger = TriggerName(trigger),
                At = at,
                RuleVersions = RuleRunJson.Versions(set.Rules.Rules),
                Trace = RuleRunJson.Trace(_result, _planned),
                Writes = JsonSerializer.Serialize(_writes, RuleRunJson.Options),
                Outcome = outcome,
                Detail = detail is null ? null : detail.Length <= 1000 ? detail : detail[..1000],
                LatencyMs = Math.Max(0, (at - receivedAt).TotalMilliseconds),
            };
        }
    }

    internal static string TriggerName(RuleTrigger trigger) => JsonNamingPolicy.SnakeCaseLower.ConvertName(trigger.ToString());

    [LoggerMessage(1, LogLevel.Debug, "Inbox row {RowId} of tenant {TenantId} (ticket {TicketId}) was handled already: skipped")]
    private partial void LogAlreadyHandled(Guid tenantId, long ticketId, long rowId);

    [LoggerMessage(2, LogLevel.Information, "Rules ran on ticket {TicketId} of tenant {TenantId} ({Trigger}): {Outcome} in {LatencyMs:F0} ms from receipt")]
    private partial void LogRun(Guid tenantId, long ticketId, string trigger, RuleRunOutcome outcome, double latencyMs);

    [LoggerMessage(3, LogLevel.Warning, "Loop guard: ticket {TicketId} of tenant {TenantId} had {Rounds} rounds of writes in the window; nothing written")]
    private partial void LogRoundCap(Guid tenantId, long ticketId, int rounds);
}

/// <summary>One write request of a run, as stored in <see cref="RuleRun.Writes"/>.</summary>
/// <param name="Kind"><c>add_tags</c>, <c>remove_tags</c>, <c>update_ticket</c>, <c>set_custom_fields</c>, <c>add_internal_note</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The API path.</param>
/// <param name="What">What was sent (tag names, priority, ids, note text).</param>
/// <param name="Result"><c>done</c> or <c>rejected</c>.</param>
/// <param name="Detail">Gorgias' reason for a rejection.</param>
public sealed record WriteRecord(string Kind, string Method, string Path, object What, string Result, string? Detail);
