using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Customers;

/// <summary>A customer channel as written by a client: <c>{"type", "address", "preferred"}</c>.</summary>
internal sealed record ChannelInput(string Type, string Address, bool Preferred);

/// <summary>
/// The writable customer fields of a create, update or merge body, parsed strictly. <c>HasX</c> tells whether the
/// client sent the field (a partial update changes only those).
/// </summary>
internal sealed partial class CustomerInput
{
    public const int MaxNameLength = 255;
    public const int MaxNoteLength = 10_000;
    public const int MaxExternalIdLength = 255;
    public const int MaxChannels = 50;

    public static readonly HashSet<string> CreateFields =
        ["email", "name", "firstname", "lastname", "external_id", "language", "timezone", "note", "channels", "data", "meta", "custom_fields"];

    public static readonly HashSet<string> MergeFields =
        ["email", "name", "firstname", "lastname", "external_id", "language", "timezone", "note", "channels", "meta"];

    private static readonly HashSet<string> ChannelFields = ["type", "address", "preferred"];

    public bool HasEmail { get; private set; }
    public string? Email { get; private set; }
    public bool HasName { get; private set; }
    public string? Name { get; private set; }
    public bool HasFirstname { get; private set; }
    public string? Firstname { get; private set; }
    public bool HasLastname { get; private set; }
    public string? Lastname { get; private set; }
    public bool HasExternalId { get; private set; }
    public string? ExternalId { get; private set; }
    public bool HasLanguage { get; private set; }
    public string? Language { get; private set; }
    public bool HasTimezone { get; private set; }
    public string? Timezone { get; private set; }
    public bool HasNote { get; private set; }
    public string? Note { get; private set; }
    public List<ChannelInput>? Channels { get; private set; }
    public bool HasData { get; private set; }
    public JsonNode? Data { get; private set; }
    public bool HasMeta { get; private set; }
    public JsonObject? Meta { get; private set; }

    /// <summary>The raw <c>custom_fields</c> list, checked under the account lock (it needs the field definitions).</summary>
    public JsonNode? CustomFieldsNode { get; private set; }

    public bool HasCustomFields { get; private set; }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}\\z")]
    private static partial Regex ChannelTypePattern();

    public static CustomerInput Parse(JsonObject body, IReadOnlySet<string> allowed, FieldErrors errors)
    {
        var r = new BodyReader(body, errors);
        r.RejectUnknown(allowed);
        var input = new CustomerInput();
        input.HasEmail = r.Email("email", out var email, nulls: Nulls.Allowed);
        input.Email = email;
        input.HasName = r.String("name", out var name, MaxNameLength, nulls: Nulls.Allowed);
        input.Name = name;
        input.HasFirstname = r.String("firstname", out var first, MaxNameLength, nulls: Nulls.Allowed);
        input.Firstname = first;
        input.HasLastname = r.String("lastname", out var last, MaxNameLength, nulls: Nulls.Allowed);
        input.Lastname = last;
        input.HasExternalId = r.String("external_id", out var externalId, MaxExternalIdLength, nulls: Nulls.Allowed);
        input.ExternalId = externalId;
        input.HasLanguage = r.Language("language", out var language, Nulls.Allowed);
        input.Language = language;
        input.HasTimezone = r.Timezone("timezone", out var timezone, Nulls.Refused);
        input.Timezone = timezone;
        input.HasNote = r.String("note", out var note, MaxNoteLength, nulls: Nulls.Allowed);
        input.Note = note;
        if (allowed.Contains("data") && body.TryGetPropertyValue("data", out var data))
        {
            input.HasData = true;
            input.Data = data?.DeepClone();
        }

        input.HasMeta = r.Object("meta", out var meta, nulls: Nulls.Allowed);
        input.Meta = meta;
        if (allowed.Contains("custom_fields") && body.TryGetPropertyValue("custom_fields", out var customFields))
        {
            input.HasCustomFields = true;
            input.CustomFieldsNode = customFields;
        }

        if (body.TryGetPropertyValue("channels", out var channels))
        {
            input.Channels = ParseChannels(channels, errors);
        }

        return input;
    }

    private static List<ChannelInput>? ParseChannels(JsonNode? node, FieldErrors errors)
    {
        if (node is null)
        {
            errors.Add("channels", BodyReader.NotNull);
            return null;
        }

        if (node is not JsonArray array)
        {
            errors.Add("channels", "Not a valid list.");
            return null;
        }

        if (array.Count > MaxChannels)
        {
            errors.Add("channels", $"At most {MaxChannels} channels.");
            return null;
        }

        var result = new List<ChannelInput>(array.Count);
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"channels.{i}";
            if (array[i] is not JsonObject item)
            {
                errors.Add(path, "Not a valid object.");
                valid = false;
                continue;
            }

            var count = errors.Data.Count;
            var r = new BodyReader(item, errors, BodyReader.Index("channels", i));
            r.RejectUnknown(ChannelFields);
            r.String("type", out var type, 64, required: true, Nulls.Refused);
            r.String("address", out var address, Formats.MaxEmailLength, required: true, Nulls.Refused, allowEmpty: false);
            r.Bool("preferred", out var preferred, nulls: Nulls.Refused);
            if (type is not null && !ChannelTypePattern().IsMatch(type))
            {
                r.Error("type", "Not a valid channel type (e.g. email, phone, sms, chat, facebook, instagram, whatsapp).");
            }

            if (type == "email" && address is not null && !Formats.IsEmail(address.Trim()))
            {
                r.Error("address", "Not a valid email address.");
            }

            if (errors.Data.Count != count || type is null || address is null)
            {
                valid = false;
                continue;
            }

            var trimmed = address.Trim();
            if (result.Any(c => c.Type == type && string.Equals(c.Address, trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(path, "This channel is listed twice.");
                valid = false;
                continue;
            }

            result.Add(new ChannelInput(type, trimmed, preferred));
        }

        return valid ? result : null;
    }

    /// <summary>The email the body asks for, when it differs from <paramref name="current"/> (to check uniqueness).</summary>
    public string? NewEmail(string? current) =>
        HasEmail && Email is not null && !string.Equals(Email, current, StringComparison.OrdinalIgnoreCase) ? Email : null;

    /// <summary>Applies the given fields to <paramref name="customer"/>, keeping the email index and the email channel in step. Under the account lock.</summary>
    public void ApplyTo(AccountState account, Customer customer, DateTimeOffset now, List<TicketCustomFieldValue>? customFieldValues)
    {
        var oldEmail = customer.Email;
        if (HasEmail)
        {
            customer.Email = Email;
        }

        if (HasExternalId)
        {
            customer.ExternalId = ExternalId;
        }

        if (HasLanguage)
        {
            customer.Language = Language;
        }

        if (HasTimezone && Timezone is not null)
        {
            customer.Timezone = Timezone;
        }

        if (HasNote)
        {
            customer.Note = Note;
        }

        if (HasData)
        {
            customer.Data = Data?.DeepClone();
        }

        if (HasMeta)
        {
            customer.Meta = (JsonObject?)Meta?.DeepClone() ?? [];
        }

        if (HasFirstname)
        {
            customer.Firstname = Firstname ?? "";
        }

        if (HasLastname)
        {
            customer.Lastname = Lastname ?? "";
        }

        if (HasName)
        {
            customer.Name = Name;
            if (!HasFirstname && !HasLastname)
            {
                (customer.Firstname, customer.Lastname) = TicketOperations.SplitName(Name);
            }
        }
        else if (HasFirstname || HasLastname)
        {
            var full = $"{customer.Firstname} {customer.Lastname}".Trim();
            customer.Name = full.Length == 0 ? null : full;
        }

        if (Channels is not null)
        {
            customer.Channels = [.. Channels.Select(c => Reuse(account, customer, c, now))];
        }
        else if (HasEmail && oldEmail is not null && customer.Email is not null
            && customer.Channels.FirstOrDefault(c => c.Type == "email" && string.Equals(c.Address, oldEmail, StringComparison.OrdinalIgnoreCase)) is { } old
            && !customer.Channels.Any(c => c.Type == "email" && string.Equals(c.Address, customer.Email, StringComparison.OrdinalIgnoreCase)))
        {
            old.Address = customer.Email;
            old.UpdatedDatetime = now;
        }

        EnsureEmailChannel(account, customer, now);
        if (!string.Equals(oldEmail, customer.Email, StringComparison.Ordinal))
        {
            CustomerStore.Unindex(account, oldEmail, customer.Id);
            CustomerStore.Index(account, customer);
        }

        if (customFieldValues is not null)
        {
            CustomFields.CustomFieldValues.Apply(customer.CustomFields, customFieldValues);
        }
    }

    private static CustomerChannel Reuse(AccountState account, Customer customer, ChannelInput input, DateTimeOffset now)
    {
        var existing = customer.Channels.FirstOrDefault(c =>
            c.Type == input.Type && string.Equals(c.Address, input.Address, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            if (existing.Preferred != input.Preferred || existing.Address != input.Address)
            {
                existing.Preferred = input.Preferred;
                existing.Address = input.Address;
                existing.UpdatedDatetime = now;
            }

            return existing;
        }

        return new CustomerChannel
        {
            Id = account.Store.Ids.Next(IdKind.Channel),
            Type = input.Type,
            Address = input.Address,
            Preferred = input.Preferred,
            CreatedDatetime = now,
            UpdatedDatetime = now,
        };
    }

    /// <summary>Gorgias keeps the primary email as an email channel: add one when missing.</summary>
    public static void EnsureEmailChannel(AccountState account, Customer customer, DateTimeOffset now)
    {
        if (customer.Email is null
            || customer.Channels.Any(c => c.Type == "email" && string.Equals(c.Address, customer.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        customer.Channels.Add(new CustomerChannel
        {
            Id = account.Store.Ids.Next(IdKind.Channel),
            Type = "email",
            Address = customer.Email,
            Preferred = !customer.Channels.Any(c => c.Type == "email" && c.Preferred),
            CreatedDatetime = now,
            UpdatedDatetime = now,
        });
    }
}
