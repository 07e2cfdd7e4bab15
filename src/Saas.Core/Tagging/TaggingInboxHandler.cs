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
/// <see cref="RuleRun"/> and the <see cref="TaggedTicket"/> update in one save. Idempotent: a row already handled is
/// skipped, and a retry diffs against the ticket as it now is. A deleted ticket or a refused write is recorded; Gorgias
/// being unavailable (after the client's retries) throws, so the inbox retries the row.
/// </summary>
internal sealed partial class TaggingInboxHandler(
    ITenantDbContextFactory contexts,
    InboxWriter writer,
    ITenantRuleSets ruleSets,
    ITenantDirectory directory,
    GorgiasApiClient api,
    TaggingMetrics metrics,
    IOptions<TaggingOptions> options,
    TimeProvider clock,
    ILogger<TaggingInboxHandler> logger) : IInboxEventHandler
{
    private static readonly ConditionalWeakTable<ICompiledRuleSet, HashSet<string>> FieldsUsed = [];

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

        await using var db = contexts.CreateForTenant(item.TenantId);
        var memory = await db.TaggedTickets.FirstOrDefaultAsync(t => t.TicketId == item.TicketId, cancellationToken);
        if (memory is not null && memory.LastInboxEventId >= item.Id)
        {
            LogAlreadyHandled(item.TenantId, item.TicketId, item.Id);
            return;
        }

        var receivedAt = item.ReceivedAt ?? clock.GetUtcNow();
        var set = await ruleSets.GetAsync(item.TenantId, cancellationToken);
        var body = TicketSnapshots.From(ticket);
        var trigger = DeriveTrigger(memory, ticket, body);
        var isNew = memory is null;
        memory ??= new TaggedTicket { TenantId = item.TenantId, TicketId = item.TicketId };
        if (isNew)
        {
            db.TaggedTickets.Add(memory);
        }

        var run = new RunBuilder(item, trigger, set, clock);
        if (set.Rules.Rules.Count == 0)
        {
            // No rules: remember the ticket (for the next trigger) and record nothing.
            Remember(memory, item, ticket, body.MessageCount);
            await SaveAsync(db, cancellationToken);
            return;
        }

        if (!isNew && trigger != RuleTrigger.CustomerMessageAdded && TicketFingerprint.Contains(memory.AppliedFingerprint, TicketFingerprint.Of(body)))
        {
            Remember(memory, item, ticket, body.MessageCount);
            await FinishAsync(db, run.Done(RuleRunOutcome.Echo, "The state our last writes produced (or started from), with no new message: not evaluated again.", receivedAt), cancellationToken);
            return;
        }

        var account = await db.Tenants.Where(t => t.Id == item.TenantId).Select(t => t.Account).FirstAsync(cancellationToken);
        if (!GorgiasAccount.TryParse(account, out var gorgiasAccount))
        {
            throw new InvalidOperationException($"Tenant {item.TenantId} has an invalid account name.");
        }

        var caller = new GorgiasCaller(gorgiasAccount, item.TenantId.ToString(), GorgiasLane.Live);
        var source = ticket;

        // The ticket was deleted meanwhile (a 404 on the fetch): recorded, nothing written.
        async Task GoneAsync()
        {
            Remember(memory, item, ticket, body.MessageCount);
            await FinishAsync(db, run.Done(RuleRunOutcome.TicketGone, "The ticket no longer exists (404).", receivedAt), cancellationToken);
        }

        if (item.Attempt > 1 || NeedsFullTicket(set.Rules, ticket))
        {
            // A retry diffs against the ticket as it now is (an earlier attempt may have written part), so only what
            // is missing is written; a rule on every message needs them all.
            var fetched = await FetchAsync(caller, item.TicketId, cancellationToken);
            if (fetched is null)
            {
                await GoneAsync();
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
                await GoneAsync();
                return;
            }

            source = fetched;
            snapshot = TicketSnapshots.From(source);
        }

        var writes = await TicketWrites.DiffAsync(result.Plan, snapshot, email => directory.FindUserIdAsync(item.TenantId, email, cancellationToken));
        run.Planned(writes);
        var matched = result.Trace.Any(e => e.Outcome == RuleOutcome.Matched && e.State == RuleState.Enabled);
        var now = clock.GetUtcNow();
        if (memory.WindowStartedAt is not { } started || now - started >= options.Value.RoundWindow)
        {
            memory.WindowStartedAt = now;
            memory.RoundsInWindow = 0;
        }

        if (writes.IsEmpty)
        {
            Remember(memory, item, source, snapshot.MessageCount);
            var outcome = matched ? RuleRunOutcome.NothingToChange : RuleRunOutcome.NoMatch;
            await FinishAsync(db, run.Done(outcome, Unresolved(writes), receivedAt), cancellationToken);
            return;
        }

        if (memory.RoundsInWindow >= options.Value.MaxWriteRounds)
        {
            Remember(memory, item, source, snapshot.MessageCount);
            LogRoundCap(item.TenantId, item.TicketId, memory.RoundsInWindow);
            await FinishAsync(
                db,
                run.Done(RuleRunOutcome.RoundCapReached, $"Loop guard: {memory.RoundsInWindow} rounds of writes on this ticket within {options.Value.RoundWindow}; nothing written.", receivedAt),
                cancellationToken);
            return;
        }

        var applied = await WriteAsync(caller, item.TicketId, writes, run, cancellationToken);
        Remember(memory, item, source, snapshot.MessageCount + run.NotesWritten);
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

        await FinishAsync(db, run.Done(final, detail.Length == 0 ? null : detail, receivedAt), cancellationToken);
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

    private async Task FinishAsync(Saas.Core.Data.SaasDbContext db, RuleRun run, CancellationToken cancellationToken)
    {
        db.RuleRuns.Add(run);
        await SaveAsync(db, cancellationToken);
        metrics.Run(run.Outcome);
        LogRun(run.TenantId, run.TicketId, run.Trigger, run.Outcome, run.LatencyMs ?? 0);
    }

    /// <summary>
    /// Saves what the handler's context gathered (the run and the ticket's memory) through the inbox writer: on SQLite
    /// inside its next group commit, beside the intake's inserts and the processor's state changes, instead of a write
    /// transaction (and a sync) of its own per row, which made the intake wait behind the processing. Started work is
    /// finished (not cancelled half-way): the writes it records were made.
    /// </summary>
    private async Task SaveAsync(Saas.Core.Data.SaasDbContext db, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => (e.Entity, e.State))
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("The handler's context has no tenant.");
        await writer.ExecuteAsync(tenantId, async w =>
        {
            foreach (var (entity, state) in changes)
            {
                if (state == EntityState.Added)
                {
                    w.Add(entity);
                }
                else
                {
                    w.Update(entity);
                }
            }

            try
            {
                return await w.SaveChangesAsync(CancellationToken.None);
            }
            finally
            {
                w.ChangeTracker.Clear();
            }
        }, CancellationToken.None);
        db.ChangeTracker.AcceptAllChanges();
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
