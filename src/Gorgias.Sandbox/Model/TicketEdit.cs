using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;

namespace Gorgias.Sandbox.Model;

/// <summary>
/// Changes to an existing ticket, applied field by field and committed once: a commit that changed nothing does
/// nothing (no event, no trigger, <c>updated_datetime</c> kept); otherwise it moves <c>updated_datetime</c>, records
/// <c>ticket-updated</c> (data <c>{"changes": {field: [old, new]}}</c>) plus the specific events Gorgias' audit log
/// knows (<c>ticket-closed</c>, <c>ticket-reopened</c>, <c>ticket-assigned</c>, <c>ticket-tags-added</c>, ...) in one
/// context, and raises the <c>ticket-updated</c> trigger, plus <c>ticket-assignment-updated</c> and
/// <c>ticket-status-updated</c> when those changed. Used by the REST API and the timer service; callers hold the
/// account lock.
/// <para>
/// Snoozing follows Gorgias: a snoozed ticket is <c>closed</c> with a <c>snooze_datetime</c>. Setting a snooze closes
/// the ticket; reopening it by hand ends the snooze; when the snooze comes due the timer service calls
/// <see cref="SelfUnsnooze"/>.
/// </para>
/// </summary>
internal sealed class TicketEdit(AccountState account, Ticket ticket, long? actingUserId, Guid? context = null)
{
    private readonly JsonObject _changes = [];
    private readonly List<(string Type, JsonObject? Data)> _events = [];
    private bool _assignment;
    private bool _status;
    private bool _selfUnsnoozed;
    private bool _touchOnly;
    private DateTimeOffset? _now;

    public Ticket Ticket { get; } = ticket;

    public Guid Context { get; } = context ?? Guid.NewGuid();

    public bool HasChanges => _changes.Count > 0 || _touchOnly;

    /// <summary>One instant for the whole edit (closed_datetime and updated_datetime agree).</summary>
    private DateTimeOffset Now => _now ??= account.Now();

    public void SetStatus(string status)
    {
        if (Ticket.Status == status)
        {
            return;
        }

        Record("status", Ticket.Status, status);
        Ticket.Status = status;
        _status = true;
        if (status == "closed")
        {
            Ticket.ClosedDatetime = Now;
            _events.Add(("ticket-closed", null));
        }
        else
        {
            Ticket.ClosedDatetime = null;
            _events.Add(("ticket-reopened", null));
            ClearSnooze();
        }
    }

    public void SetPriority(string priority)
    {
        if (Ticket.Priority != priority)
        {
            Record("priority", Ticket.Priority, priority);
            Ticket.Priority = priority;
        }
    }

    public void SetSubject(string? subject)
    {
        if (Ticket.Subject != subject)
        {
            Record("subject", Ticket.Subject, subject);
            _events.Add(("ticket-subject-updated", new JsonObject { ["old_subject"] = Ticket.Subject, ["new_subject"] = subject }));
            Ticket.Subject = subject;
        }
    }

    public void SetLanguage(string? language)
    {
        if (Ticket.Language != language)
        {
            Record("language", Ticket.Language, language);
            Ticket.Language = language;
        }
    }

    public void SetExternalId(string? externalId)
    {
        if (Ticket.ExternalId != externalId)
        {
            Record("external_id", Ticket.ExternalId, externalId);
            Ticket.ExternalId = externalId;
        }
    }

    public void SetChannel(string channel)
    {
        if (Ticket.Channel != channel)
        {
            Record("channel", Ticket.Channel, channel);
            Ticket.Channel = channel;
        }
    }

    public void SetVia(string via)
    {
        if (Ticket.Via != via)
        {
            Record("via", Ticket.Via, via);
            Ticket.Via = via;
        }
    }

    public void SetFromAgent(bool fromAgent)
    {
        if (Ticket.FromAgent != fromAgent)
        {
            Record("from_agent", Ticket.FromAgent, fromAgent);
            Ticket.FromAgent = fromAgent;
        }
    }

    public void SetSpam(bool spam)
    {
        if (Ticket.Spam != spam)
        {
            Record("spam", Ticket.Spam, spam);
            Ticket.Spam = spam;
            _events.Add((spam ? "ticket-marked-spam" : "ticket-unmarked-spam", null));
        }
    }

    public void SetMeta(JsonNode? meta)
    {
        if (!JsonNode.DeepEquals(Ticket.Meta, meta))
        {
            Record("meta", Ticket.Meta?.DeepClone(), meta?.DeepClone());
            Ticket.Meta = meta;
        }
    }

    /// <summary>
    /// Snoozes the ticket until <paramref name="snooze"/>, which closes it (a snooze already due wakes it at the timer's
    /// next tick), or clears the snooze (<c>null</c>: the ticket keeps its status).
    /// </summary>
    public void SetSnooze(DateTimeOffset? snooze)
    {
        if (Ticket.SnoozeDatetime == snooze)
        {
            return;
        }

        Record("snooze_datetime", Date(Ticket.SnoozeDatetime), Date(snooze));
        Ticket.SnoozeDatetime = snooze;
        if (snooze is { } until)
        {
            _events.Add(("ticket-snoozed", null));
            SetStatus("closed");
            account.Timers.ScheduleUnsnooze(Ticket.Id, until);
        }
    }

    /// <summary>
    /// The snooze came due: the ticket reopens by itself (<c>status</c> open, <c>closed_datetime</c> and
    /// <c>snooze_datetime</c> null), event <c>ticket-self-unsnoozed</c> and, on commit, the trigger
    /// <c>ticket-self-unsnoozed</c> before <c>ticket-updated</c> and <c>ticket-status-updated</c>.
    /// </summary>
    public void SelfUnsnooze()
    {
        if (Ticket.SnoozeDatetime is null)
        {
            return;
        }

        ClearSnooze();
        if (Ticket.Status != "open")
        {
            Record("status", Ticket.Status, "open");
            Ticket.Status = "open";
            Ticket.ClosedDatetime = null;
            _status = true;
        }

        _events.Add(("ticket-self-unsnoozed", null));
        _selfUnsnoozed = true;
    }

    private void ClearSnooze()
    {
        if (Ticket.SnoozeDatetime is not null)
        {
            Record("snooze_datetime", Date(Ticket.SnoozeDatetime), null);
            Ticket.SnoozeDatetime = null;
        }
    }

    public void SetTrashed(DateTimeOffset? trashed)
    {
        if (Ticket.TrashedDatetime != trashed)
        {
            var wasTrashed = Ticket.TrashedDatetime is not null;
            Record("trashed_datetime", Date(Ticket.TrashedDatetime), Date(trashed));
            Ticket.TrashedDatetime = trashed;
            if (wasTrashed != (trashed is not null))
            {
                _events.Add((trashed is null ? "ticket-untrashed" : "ticket-trashed", null));
            }
        }
    }

    public void SetCustomer(long? customerId)
    {
        if (Ticket.CustomerId == customerId)
        {
            return;
        }

        Record("customer_id", Ticket.CustomerId, customerId);
        _events.Add(("ticket-customer-updated", new JsonObject
        {
            ["old_customer"] = CustomerRef(Ticket.CustomerId),
            ["new_customer"] = CustomerRef(customerId),
        }));
        Ticket.CustomerId = customerId;
    }

    public void SetAssigneeUser(long? userId)
    {
        if (Ticket.AssigneeUserId == userId)
        {
            return;
        }

        Record("assignee_user_id", Ticket.AssigneeUserId, userId);
        Ticket.AssigneeUserId = userId;
        _assignment = true;
        _events.Add(userId is { } id
            ? ("ticket-assigned", new JsonObject { ["assignee_user_id"] = id })
            : ("ticket-unassigned", null));
    }

    public void SetAssigneeTeam(long? teamId)
    {
        if (Ticket.AssigneeTeamId == teamId)
        {
            return;
        }

        Record("assignee_team_id", Ticket.AssigneeTeamId, teamId);
        Ticket.AssigneeTeamId = teamId;
        _assignment = true;
        _events.Add(teamId is { } id
            ? ("ticket-team-assigned", new JsonObject { ["assignee_team_id"] = id })
            : ("ticket-team-unassigned", null));
    }

    /// <summary>Replaces the tag set (order of <paramref name="tagIds"/> kept; an equal set is no change).</summary>
    public void SetTags(IEnumerable<long> tagIds)
    {
        var next = tagIds.Distinct().ToList();
        var added = next.Where(id => !Ticket.TagIds.Contains(id)).ToList();
        var removed = Ticket.TagIds.Where(id => !next.Contains(id)).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return;
        }

        Record("tags", Ids(Ticket.TagIds), Ids(next));
        Ticket.TagIds = next;
        if (added.Count > 0)
        {
            _events.Add(("ticket-tags-added", new JsonObject { ["tags_added"] = Ids(added) }));
        }

        if (removed.Count > 0)
        {
            _events.Add(("ticket-tags-removed", new JsonObject { ["tags_removed"] = Ids(removed) }));
        }
    }

    public void AddTags(IEnumerable<long> tagIds) => SetTags(Ticket.TagIds.Concat(tagIds));

    public void RemoveTags(IEnumerable<long> tagIds)
    {
        var remove = tagIds.ToHashSet();
        SetTags(Ticket.TagIds.Where(id => !remove.Contains(id)));
    }

    /// <summary>Replaces every custom field value (<paramref name="replaceAll"/>) or sets only the given ones.</summary>
    public void SetCustomFields(IEnumerable<TicketCustomFieldValue> values, bool replaceAll)
    {
        var next = replaceAll ? [] : Ticket.CustomFields.Select(v => new TicketCustomFieldValue { FieldId = v.FieldId, Value = v.Value }).ToList();
        foreach (var value in values)
        {
            next.RemoveAll(v => v.FieldId == value.FieldId);
            next.Add(value);
        }

        ApplyCustomFields(next);
    }

    public void RemoveCustomField(long fieldId) =>
        ApplyCustomFields([.. Ticket.CustomFields.Where(v => v.FieldId != fieldId)]);

    /// <summary>Something visible in the ticket changed outside its own fields (a message edited or deleted).</summary>
    public void TouchOnly() => _touchOnly = true;

    /// <summary>Commits: returns false (and does nothing) when nothing changed.</summary>
    public bool Commit()
    {
        if (!HasChanges)
        {
            return false;
        }

        account.Tickets.Touch(Ticket, Now);
        if (_changes.Count > 0)
        {
            account.RecordEvent("ticket-updated", "Ticket", Ticket.Id, actingUserId, new JsonObject { ["changes"] = _changes }, Context);
            foreach (var (type, data) in _events)
            {
                account.RecordEvent(type, "Ticket", Ticket.Id, actingUserId, data, Context);
            }
        }

        if (_selfUnsnoozed)
        {
            account.RaiseTicketTrigger("ticket-self-unsnoozed", Ticket);
        }

        account.RaiseTicketTrigger("ticket-updated", Ticket);
        if (_assignment)
        {
            account.RaiseTicketTrigger("ticket-assignment-updated", Ticket);
        }

        if (_status)
        {
            account.RaiseTicketTrigger("ticket-status-updated", Ticket);
        }

        return true;
    }

    private void ApplyCustomFields(List<TicketCustomFieldValue> next)
    {
        var before = FieldsObject(Ticket.CustomFields);
        var after = FieldsObject(next);
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        Record("custom_fields", before, after);
        Ticket.CustomFields = next;
    }

    private static JsonObject FieldsObject(IEnumerable<TicketCustomFieldValue> values)
    {
        var obj = new JsonObject();
        foreach (var value in values.OrderBy(v => v.FieldId))
        {
            obj[value.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = value.Value?.DeepClone();
        }

        return obj;
    }

    private JsonObject? CustomerRef(long? id) =>
        id is { } customerId
            ? new JsonObject { ["id"] = customerId, ["name"] = account.Customers.Find(customerId)?.Name }
            : null;

    /// <summary>Keeps the first old value and the latest new value of a field changed several times.</summary>
    private void Record(string field, JsonNode? old, JsonNode? now)
    {
        if (_changes[field] is JsonArray existing)
        {
            existing[1] = now;
            return;
        }

        _changes[field] = new JsonArray(old, now);
    }

    private static JsonArray Ids(IEnumerable<long> ids) => [.. ids.Select(id => (JsonNode)id)];

    private static string? Date(DateTimeOffset? value) => value is { } v ? GorgiasJson.Format(v) : null;
}
