using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Tickets;

/// <summary>A customer or user named by a request: <c>{"id": n}</c> and/or <c>{"email": "..."}</c>, with an optional name.</summary>
internal sealed record PartyRef(long? Id, string? Email, string? Name);

/// <summary>A tag named by a request: by id (must exist) or by name (created when missing).</summary>
internal sealed record TagRef(long? Id, string? Name);

/// <summary>A message of a request body, validated, with its parties not yet resolved (no side effect before the answer is known to be a success).</summary>
internal sealed record MessageDraft(
    string Channel,
    string Via,
    bool FromAgent,
    bool Public,
    string? BodyText,
    string? BodyHtml,
    string? Subject,
    string? ExternalId,
    string? MessageId,
    PartyRef? Sender,
    PartyRef? Receiver,
    NewMessageSource? Source,
    JsonObject? Meta,
    JsonObject? Headers,
    JsonArray? Attachments,
    long? IntegrationId,
    DateTimeOffset? CreatedDatetime,
    DateTimeOffset? SentDatetime,
    DateTimeOffset? FailedDatetime,
    DateTimeOffset? OpenedDatetime);

/// <summary>The vocabulary and validation of ticket and message bodies (reference §2.1, §2.2). Callers hold the account lock.</summary>
internal static class TicketInput
{
    /// <summary>Ticket and message channels [3P WO, MCP].</summary>
    public static readonly FrozenSet<string> Channels = FrozenSet.Create(
        StringComparer.Ordinal,
        "aircall", "api", "chat", "contact_form", "email", "facebook", "facebook-mention", "facebook-messenger",
        "facebook-recommendations", "help-center", "instagram-ad-comment", "instagram-comment", "instagram-direct-message",
        "instagram-mention", "internal-note", "phone", "sms", "twitter", "twitter-direct-message", "whatsapp", "yotpo-review");

    /// <summary>Every channel plus the via-only values [3P WO, MCP].</summary>
    public static readonly FrozenSet<string> Vias = Channels.Concat(
        ["form", "gorgias_chat", "helpdesk", "instagram", "offline_capture", "rule", "self_service", "shopify", "twilio", "yotpo", "zendesk"])
        .ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Statuses = FrozenSet.Create(StringComparer.Ordinal, "open", "closed");

    public static readonly FrozenSet<string> Priorities = FrozenSet.Create(StringComparer.Ordinal, "low", "normal", "high", "critical");

    public static readonly FrozenSet<string> MessageFields = FrozenSet.Create(
        StringComparer.Ordinal,
        "channel", "via", "from_agent", "sender", "receiver", "source", "body_text", "body_html", "stripped_text",
        "stripped_html", "public", "subject", "external_id", "message_id", "integration_id", "attachments", "headers", "meta",
        "mention_ids", "created_datetime", "sent_datetime", "failed_datetime", "opened_datetime", "deleted_datetime");

    private static readonly FrozenSet<string> PartyFields = FrozenSet.Create(
        StringComparer.Ordinal,
        "id", "email", "name", "firstname", "lastname", "external_id", "language", "meta", "note", "timezone", "channels", "bio");

    private static readonly FrozenSet<string> SourceFields = FrozenSet.Create(StringComparer.Ordinal, "type", "from", "to", "cc", "bcc", "extra");

    private static readonly FrozenSet<string> TagRefFields = FrozenSet.Create(
        StringComparer.Ordinal, "id", "name", "decoration", "description", "uri", "usage", "created_datetime", "deleted_datetime");

    /// <summary>Reads a message object (create ticket, add message). Ids must exist; emails are resolved later.</summary>
    public static MessageDraft? ReadMessage(AccountState account, BodyReader r)
    {
        r.RejectUnknown(MessageFields);
        r.Enum("channel", Channels, out var channel, required: true);
        r.Enum("via", Vias, out var via, required: true);
        var hasFromAgent = r.Bool("from_agent", out var fromAgent, required: true);
        var isNote = channel == "internal-note";
        var isPublic = !isNote;
        if (r.Bool("public", out var publicValue))
        {
            isPublic = publicValue;
            if (isNote && publicValue)
            {
                r.Error("public", "An internal note (channel internal-note) cannot be public.");
            }
        }

        if (isNote && hasFromAgent && !fromAgent)
        {
            r.Error("from_agent", "An internal note is always written by an agent (from_agent true).");
        }

        r.String("body_text", out var bodyText);
        r.String("body_html", out var bodyHtml);
        r.String("stripped_text", out _);
        r.String("stripped_html", out _);
        r.String("subject", out var subject, 998);
        r.String("external_id", out var externalId, 255);
        r.String("message_id", out var messageId, 998);
        r.Long("integration_id", out var integrationId);
        r.Object("meta", out var meta, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping);
        r.Object("headers", out var headers, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping);
        r.Date("created_datetime", out var created);
        r.Date("sent_datetime", out var sent);
        r.Date("failed_datetime", out var failed);
        r.Date("opened_datetime", out var opened);
        r.Date("deleted_datetime", out _);
        if (r.Array("mention_ids", out var mentions))
        {
            foreach (var mention in mentions!)
            {
                if (!BodyReader.TryInteger(mention, out _))
                {
                    r.Error("mention_ids", "Not a valid integer.");
                    break;
                }
            }
        }

        var attachments = ReadAttachments(r);
        var source = ReadSource(r);
        var sender = ReadParty(account, r, "sender", isUser: hasFromAgent && fromAgent);
        var receiver = ReadParty(account, r, "receiver", isUser: false);
        if (channel is null || via is null || !hasFromAgent)
        {
            return null;
        }

        return new MessageDraft(
            channel, via, fromAgent, isPublic, bodyText, bodyHtml, subject, externalId, messageId, sender, receiver, source,
            meta, headers, attachments, integrationId, created, sent, failed, opened);
    }

    /// <summary>Turns a validated draft into a message to append, creating customers named by email (same context).</summary>
    public static NewMessage Resolve(AccountState account, MessageDraft d, long callerUserId, Guid context)
    {
        long? senderUser = null, senderCustomer = null, receiverCustomer = null;
        if (d.FromAgent)
        {
            senderUser = d.Sender is { } s ? FindUser(account, s)?.Id ?? callerUserId : callerUserId;
        }
        else if (d.Sender is { } s)
        {
            senderCustomer = ResolveCustomer(account, s, callerUserId, context);
        }

        if (d.Receiver is { } rcv)
        {
            receiverCustomer = ResolveCustomer(account, rcv, callerUserId, context);
        }

        return new NewMessage(
            d.Channel,
            d.Via,
            d.FromAgent,
            d.Public,
            d.BodyText,
            d.BodyHtml,
            SenderUserId: senderUser,
            SenderCustomerId: senderCustomer,
            Subject: d.Subject,
            ExternalId: d.ExternalId,
            CreatedDatetime: d.CreatedDatetime,
            SentDatetime: d.SentDatetime,
            Attachments: d.Attachments,
            ReceiverCustomerId: receiverCustomer,
            Source: d.Source,
            Meta: d.Meta,
            Headers: d.Headers,
            MessageId: d.MessageId,
            IntegrationId: d.IntegrationId,
            FailedDatetime: d.FailedDatetime,
            OpenedDatetime: d.OpenedDatetime);
    }

    public static long? ResolveCustomer(AccountState account, PartyRef party, long? actingUserId, Guid context)
    {
        if (party.Id is { } id)
        {
            return id;
        }

        return party.Email is { } email
            ? TicketOperations.FindOrCreateCustomer(account, email, party.Name, actingUserId, context).Id
            : null;
    }

    /// <summary>
    /// Reads <c>{"id"}</c> and/or <c>{"email","name"}</c>. Users must exist (by id or email); customers must exist by id,
    /// and are found or created by email when the request succeeds.
    /// </summary>
    public static PartyRef? ReadParty(AccountState account, BodyReader r, string name, bool isUser)
    {
        if (!r.Object(name, out var obj, invalid: "Expected an object with an id or an email.") || obj is null)
        {
            return null;
        }

        var inner = r.Nested(name, obj);
        inner.RejectUnknown(PartyFields);
        inner.Long("id", out var id);
        inner.String("email", out var email, 320);
        inner.String("name", out var partyName, 255);
        if (id is null && string.IsNullOrWhiteSpace(email))
        {
            if (!obj.ContainsKey("id") && !obj.ContainsKey("email"))
            {
                r.Error(name, "Expected an id or an email.");
            }

            return null;
        }

        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            inner.Error("email", "Not a valid email address.");
            return null;
        }

        var party = new PartyRef(id, email?.Trim(), partyName);
        if (isUser)
        {
            if (FindUser(account, party) is null)
            {
                r.Error(name, id is { } uid ? $"User {uid} does not exist." : $"No user has the email {email}.");
                return null;
            }
        }
        else if (id is { } cid && !account.Customers.Contains(cid))
        {
            r.Error(name, $"Customer {cid} does not exist.");
            return null;
        }

        return party;
    }

    public static User? FindUser(AccountState account, PartyRef party)
    {
        if (party.Id is { } id)
        {
            return account.Users.Find(id);
        }

        return party.Email is { } email
            ? account.Users.All.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>Reads <c>[{"id"}|{"name"}]</c>; ids must exist.</summary>
    public static List<TagRef>? ReadTagRefs(AccountState account, BodyReader r, string name)
    {
        if (!r.Array(name, out var array))
        {
            return r.IsNull(name) ? [] : null;
        }

        var refs = new List<TagRef>();
        for (var i = 0; i < array!.Count; i++)
        {
            if (array[i] is not JsonObject obj)
            {
                r.Error(name, "Each tag must be an object with an id or a name.");
                continue;
            }

            var item = new BodyReader(obj, r.Errors, r.Key(BodyReader.Index(name, i)));
            item.RejectUnknown(TagRefFields);
            item.Long("id", out var id);
            item.String("name", out var tagName, TagRules.MaxNameLength);
            if (id is { } tagId)
            {
                if (!account.Tags.Contains(tagId))
                {
                    item.Error("id", $"Tag {tagId} does not exist.");
                    continue;
                }

                refs.Add(new TagRef(tagId, null));
            }
            else if (!string.IsNullOrWhiteSpace(tagName))
            {
                refs.Add(new TagRef(null, tagName));
            }
            else if (!obj.ContainsKey("id") && !obj.ContainsKey("name"))
            {
                item.Error("name", BodyReader.Missing);
            }
            else
            {
                item.Error("name", "A tag name cannot be empty.");
            }
        }

        return refs;
    }

    /// <summary>Resolves tag refs to ids, creating tags named but missing (records <c>tag-created</c>).</summary>
    public static List<long> ResolveTags(AccountState account, IEnumerable<TagRef> refs, long? actingUserId, Guid context) =>
        [.. refs.Select(t => t.Id ?? TicketOperations.FindOrCreateTag(account, t.Name!, actingUserId, context).Id).Distinct()];

    /// <summary>Reads <c>[{"id": field_id, "value": ...}]</c> from an array node; the fields must be ticket custom fields.</summary>
    public static List<TicketCustomFieldValue>? ReadCustomFieldValues(AccountState account, JsonArray array, FieldErrors errors, string key)
    {
        var values = new List<TicketCustomFieldValue>();
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject obj)
            {
                errors.Add(key.Length == 0 ? "body" : key, "Each custom field value must be an object with an id and a value.");
                ok = false;
                continue;
            }

            var item = new BodyReader(obj, errors, BodyReader.Index(key, i));
            item.RejectUnknown(FrozenSet.Create(StringComparer.Ordinal, "id", "value", "field"));
            if (!obj.ContainsKey("id"))
            {
                item.Error("id", BodyReader.Missing);
                ok = false;
                continue;
            }

            if (!item.Long("id", out var id) || id is not { } fieldId)
            {
                ok = false;
                continue;
            }

            if (!obj.TryGetPropertyValue("value", out var value))
            {
                item.Error("value", BodyReader.Missing);
                ok = false;
                continue;
            }

            var checkedValue = CheckCustomFieldValue(account, fieldId, value, errors, item.Key("value"), item.Key("id"));
            if (checkedValue is null)
            {
                ok = false;
                continue;
            }

            values.Add(checkedValue);
        }

        return ok ? values : null;
    }

    /// <summary>The field must be an active ticket custom field and the value must fit its data type (null clears).</summary>
    public static TicketCustomFieldValue? CheckCustomFieldValue(AccountState account, long fieldId, JsonNode? value, FieldErrors errors, string valueKey, string idKey)
    {
        if (FindTicketField(account, fieldId) is not { } field)
        {
            errors.Add(idKey, $"Custom field {fieldId} does not exist for tickets.");
            return null;
        }

        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var fits = kind == JsonValueKind.Null || field.DataType switch
        {
            "text" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
        };
        if (!fits)
        {
            errors.Add(valueKey, $"Not a valid value for a custom field of data type {field.DataType}.");
            return null;
        }

        return new TicketCustomFieldValue { FieldId = fieldId, Value = value?.DeepClone() };
    }

    public static CustomField? FindTicketField(AccountState account, long fieldId) =>
        account.CustomFields.Find(fieldId) is { } field && string.Equals(field.ObjectType, "Ticket", StringComparison.OrdinalIgnoreCase)
            ? field
            : null;

    private static JsonArray? ReadAttachments(BodyReader r)
    {
        if (!r.Array("attachments", out var array))
        {
            return null;
        }

        foreach (var item in array!)
        {
            if (item is not JsonObject obj || obj["url"] is not JsonValue url || url.GetValueKind() != JsonValueKind.String)
            {
                r.Error("attachments", "Each attachment must be an object with a url (and name, content_type, size).");
                return null;
            }
        }

        return (JsonArray)array!.DeepClone();
    }

    private static NewMessageSource? ReadSource(BodyReader r)
    {
        if (!r.Object("source", out var obj, invalid: BodyReader.NotMapping) || obj is null)
        {
            return null;
        }

        var s = r.Nested("source", obj);
        s.RejectUnknown(SourceFields);
        s.String("type", out var type, 64);
        string? fromAddress = null, fromName = null, toAddress = null, toName = null;
        if (obj["from"] is JsonObject from)
        {
            var f = s.Nested("from", from);
            f.String("address", out fromAddress, 320);
            f.String("name", out fromName, 255);
        }
        else if (obj["from"] is not null)
        {
            s.Error("from", BodyReader.NotMapping);
        }

        if (s.Array("to", out var to) && to!.Count > 0)
        {
            if (to[0] is JsonObject first)
            {
                var t = s.Nested("to.0", first);
                t.String("address", out toAddress, 320);
                t.String("name", out toName, 255);
            }
            else
            {
                s.Error("to", "Each recipient must be an object with an address.");
            }
        }

        return new NewMessageSource(type, fromAddress, fromName, toAddress, toName);
    }
}

/// <summary>Limits of tag names and descriptions [3P WO, MCP].</summary>
internal static class TagRules
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 1024;
}
