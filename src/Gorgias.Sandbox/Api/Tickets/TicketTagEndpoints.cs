using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Api.CustomFields;
using Gorgias.Sandbox.Api.Tags;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Tickets;

/// <summary>
/// Tags on a ticket (<c>/api/tickets/{id}/tags</c>: list, add → 201, replace → 202, remove → 204, empty bodies) and
/// custom field values on a ticket (<c>/api/tickets/{id}/custom-fields[/{field_id}]</c>) — reference §2.1, §2.4.
/// </summary>
internal static class TicketTagEndpoints
{
    private static readonly FrozenSet<string> TagBodyFields = FrozenSet.Create(StringComparer.Ordinal, "ids", "names");

    private enum TagWrite
    {
        Add,
        Replace,
        Remove,
    }

    public static RouteGroupBuilder MapTicketTags(this RouteGroupBuilder tickets)
    {
        tickets.MapGet("/{id:long}/tags", ListTags);
        tickets.MapPost("/{id:long}/tags", (HttpContext http, long id) => WriteTags(http, id, TagWrite.Add));
        tickets.MapPut("/{id:long}/tags", (HttpContext http, long id) => WriteTags(http, id, TagWrite.Replace));
        tickets.MapDelete("/{id:long}/tags", (HttpContext http, long id) => WriteTags(http, id, TagWrite.Remove));

        tickets.MapGet("/{id:long}/custom-fields", ListFields);
        tickets.MapPut("/{id:long}/custom-fields", PutFields);
        tickets.MapPut("/{id:long}/custom-fields/{fieldId:long}", PutField);
        tickets.MapDelete("/{id:long}/custom-fields/{fieldId:long}", DeleteField);
        return tickets;
    }

    private static IResult ListTags(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            var tags = ticket.TagIds.Select(account.Tags.Find).OfType<Tag>().ToList();
            var usage = TagEndpoints.Usage(account);
            return Respond.List($"/api/tickets/{id}/tags", tags, (w, t) => Shapes.WriteTag(w, account, t, usage.GetValueOrDefault(t.Id)));
        }
    }

    private static async Task<IResult> WriteTags(HttpContext http, long id, TagWrite kind)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http, allowEmpty: kind == TagWrite.Replace);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(TagBodyFields);
            var ids = ReadIds(account, r);
            var names = ReadNames(r);
            if (!errors.Any && kind != TagWrite.Replace && ids.Count == 0 && names.Count == 0)
            {
                errors.Add("ids", "Give at least one tag id in ids or one tag name in names.");
            }

            if (errors.Any)
            {
                return ApiErrors.BadRequest("Invalid tags.", errors);
            }

            var edit = new TicketEdit(account, ticket, caller.User.Id);
            var userId = caller.User.Id;
            switch (kind)
            {
                case TagWrite.Add:
                    edit.AddTags(ids.Concat(names.Select(n => TicketOperations.FindOrCreateTag(account, n, userId, edit.Context).Id)));
                    break;
                case TagWrite.Replace:
                    edit.SetTags(ids.Concat(names.Select(n => TicketOperations.FindOrCreateTag(account, n, userId, edit.Context).Id)));
                    break;
                default:
                    // Removing a name no tag has is nothing to do, not an error.
                    edit.RemoveTags(ids.Concat(names.Select(n => account.TagIdsByName.GetValueOrDefault(n)).Where(t => t != 0)));
                    break;
            }

            edit.Commit();
            return Respond.Empty(kind switch
            {
                TagWrite.Add => 201,
                TagWrite.Replace => 202,
                _ => 204,
            });
        }
    }

    private static List<long> ReadIds(AccountState account, BodyReader r)
    {
        var ids = new List<long>();
        if (!r.Array("ids", out var array))
        {
            return ids;
        }

        foreach (var node in array!)
        {
            if (!BodyReader.TryInteger(node, out var tagId))
            {
                r.Error("ids", "Not a valid integer.");
            }
            else if (!account.Tags.Contains(tagId))
            {
                r.Error("ids", $"Tag {tagId} does not exist.");
            }
            else
            {
                ids.Add(tagId);
            }
        }

        return ids;
    }

    private static List<string> ReadNames(BodyReader r)
    {
        var names = new List<string>();
        if (!r.Array("names", out var array))
        {
            return names;
        }

        foreach (var node in array!)
        {
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                r.Error("names", "Not a valid string.");
            }
            else if (value.GetValue<string>() is var name && (string.IsNullOrWhiteSpace(name) || name.Length > TagRules.MaxNameLength))
            {
                r.Error("names", $"A tag name has 1 to {TagRules.MaxNameLength} characters.");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static IResult ListFields(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.Tickets.Find(id) is { } ticket
                ? Respond.List($"/api/tickets/{id}/custom-fields", ticket.CustomFields, (w, v) => CustomFieldValues.WriteValue(w, account, v))
                : ApiErrors.NotFound();
        }
    }

    /// <summary>Body: <c>[{"id": field_id, "value": ...}]</c>; sets those values, leaves the others.</summary>
    private static async Task<IResult> PutFields(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        var (body, error) = await RequestBody.ReadNodeAsync(http);
        if (error is not null)
        {
            return error;
        }

        if (body is not JsonArray array)
        {
            return ApiErrors.BadRequest("The request body must be a JSON array of {\"id\": field_id, \"value\": ...}.");
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var values = TicketInput.ReadCustomFieldValues(account, array, errors, "");
            if (errors.Any || values is null)
            {
                return ApiErrors.BadRequest("Invalid custom field values.", errors);
            }

            var edit = new TicketEdit(account, ticket, caller.User.Id);
            edit.SetCustomFields(values, replaceAll: false);
            edit.Commit();
            return Respond.List($"/api/tickets/{id}/custom-fields", ticket.CustomFields, (w, v) => CustomFieldValues.WriteValue(w, account, v));
        }
    }

    /// <summary>Body: <c>{"value": ...}</c> (an <c>id</c> equal to the path's field id may be sent too).</summary>
    private static async Task<IResult> PutField(HttpContext http, long id, long fieldId)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket || TicketInput.FindTicketField(account, fieldId) is null)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(FrozenSet.Create(StringComparer.Ordinal, "id", "value", "field"));
            if (r.Long("id", out var bodyId) && bodyId != fieldId)
            {
                r.Error("id", "Must be the custom field id of the path.");
            }

            TicketCustomFieldValue? value = null;
            if (!body!.TryGetPropertyValue("value", out var node))
            {
                r.Error("value", BodyReader.Missing);
            }
            else
            {
                value = TicketInput.CheckCustomFieldValue(account, fieldId, node, errors, "value", "id");
            }

            if (errors.Any || value is null)
            {
                return ApiErrors.BadRequest("Invalid custom field value.", errors);
            }

            var edit = new TicketEdit(account, ticket, caller.User.Id);
            edit.SetCustomFields([value], replaceAll: false);
            edit.Commit();
            var stored = ticket.CustomFields.First(v => v.FieldId == fieldId);
            return Respond.Ok(w => CustomFieldValues.WriteValue(w, account, stored));
        }
    }

    private static IResult DeleteField(HttpContext http, long id, long fieldId)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (account.Tickets.Find(id) is not { } ticket || TicketInput.FindTicketField(account, fieldId) is null)
            {
                return ApiErrors.NotFound();
            }

            var edit = new TicketEdit(account, ticket, caller.User.Id);
            edit.RemoveCustomField(fieldId);
            edit.Commit();
            return Respond.Empty(204);
        }
    }
}
