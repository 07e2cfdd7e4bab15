using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Api.Tickets;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Tags;

/// <summary>
/// <c>/api/tags</c> (reference §2.4): list (filter <c>search</c>), create (201; a used name → 409), get, update (202),
/// delete (204), bulk delete (204), merge (202). <c>usage</c> is the number of tickets carrying the tag.
/// </summary>
internal static class TagEndpoints
{
    private static readonly FrozenSet<string> WriteFields = FrozenSet.Create(StringComparer.Ordinal, "name", "description", "decoration");

    private static readonly FrozenSet<string> ReadOnlyFields = FrozenSet.Create(
        StringComparer.Ordinal, "id", "uri", "usage", "created_datetime", "deleted_datetime");

    public static RouteGroupBuilder MapTags(this RouteGroupBuilder api)
    {
        var tags = api.MapGroup("/tags").RequireScope("tags");
        tags.MapGet("/", List);
        tags.MapPost("/", (Delegate)Create);
        tags.MapDelete("/", (Delegate)BulkDelete);
        tags.MapGet("/{id:long}", Get);
        tags.MapPut("/{id:long}", Update);
        tags.MapDelete("/{id:long}", Delete);
        tags.MapPut("/{id:long}/merge", Merge);
        return api;
    }

    /// <summary>Tickets per tag, counted in one pass (callers hold the lock).</summary>
    public static Dictionary<long, int> Usage(AccountState account)
    {
        var usage = new Dictionary<long, int>();
        foreach (var ticket in account.Tickets.All)
        {
            foreach (var tagId in ticket.TagIds)
            {
                usage[tagId] = usage.GetValueOrDefault(tagId) + 1;
            }
        }

        return usage;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ["search"], OrderField.Created);
        var search = http.Request.Query.TryGetValue("search", out var text) ? text.ToString() : null;
        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        Func<Tag, bool>? filter = string.IsNullOrEmpty(search) ? null : t => t.Name.Contains(search, StringComparison.OrdinalIgnoreCase);
        lock (account.Sync)
        {
            var usage = Usage(account);
            return cursors.WritePage(
                account,
                account.Tags,
                "tags",
                request,
                http.Request,
                filter,
                (w, t) => Shapes.WriteTag(w, account, t, usage.GetValueOrDefault(t.Id)));
        }
    }

    private static IResult Get(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.Tags.Find(id) is { } tag
                ? Respond.Ok(w => Shapes.WriteTag(w, account, tag, Usage(account).GetValueOrDefault(tag.Id)))
                : ApiErrors.NotFound();
        }
    }

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(WriteFields, ReadOnlyFields);
            var name = ReadName(r, required: true);
            r.String("description", out var description, TagRules.MaxDescriptionLength);
            var (_, color) = ReadDecoration(r);
            if (errors.Any || name is null)
            {
                return ApiErrors.BadRequest("Failed to create tag", errors);
            }

            if (account.TagIdsByName.TryGetValue(name, out var existing) && account.Tags.Contains(existing))
            {
                return ApiErrors.Conflict("A tag with this name already exists.", "name", $"The tag {existing} already has this name (names are case-sensitive).");
            }

            var tag = TicketOperations.FindOrCreateTag(account, name, caller.User.Id, Guid.NewGuid());
            tag.Description = description;
            tag.Color = color;
            return Respond.Created(w => Shapes.WriteTag(w, account, tag, 0));
        }
    }

    private static async Task<IResult> Update(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (account.Tags.Find(id) is not { } tag)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(WriteFields, ReadOnlyFields);
            var name = ReadName(r, required: false);
            var hasDescription = r.String("description", out var description, TagRules.MaxDescriptionLength, nulls: Nulls.Allowed);
            var (hasDecoration, color) = ReadDecoration(r);
            if (errors.Any)
            {
                return ApiErrors.BadRequest("Failed to update tag", errors);
            }

            if (name is not null && name != tag.Name && account.TagIdsByName.TryGetValue(name, out var other) && other != tag.Id && account.Tags.Contains(other))
            {
                return ApiErrors.Conflict("A tag with this name already exists.", "name", $"The tag {other} already has this name (names are case-sensitive).");
            }

            var changes = new JsonObject();
            if (name is not null && name != tag.Name)
            {
                changes["name"] = new JsonArray(tag.Name, name);
                account.TagIdsByName.Remove(tag.Name);
                account.TagIdsByName[name] = tag.Id;
                tag.Name = name;
            }

            if (hasDescription && description != tag.Description)
            {
                changes["description"] = new JsonArray(tag.Description, description);
                tag.Description = description;
            }

            if (hasDecoration && color != tag.Color)
            {
                changes["decoration"] = new JsonArray(tag.Color, color);
                tag.Color = color;
            }

            if (changes.Count > 0)
            {
                account.Tags.Touch(tag, account.Now());
                account.RecordEvent("tag-updated", "Tag", tag.Id, caller.User.Id, new JsonObject { ["changes"] = changes });
            }

            return Respond.Object(202, w => Shapes.WriteTag(w, account, tag, Usage(account).GetValueOrDefault(tag.Id)));
        }
    }

    private static IResult Delete(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            if (!account.Tags.Contains(id))
            {
                return ApiErrors.NotFound();
            }

            RemoveTags(account, [id], caller.User.Id, Guid.NewGuid());
            return Respond.Empty(204);
        }
    }

    /// <summary>Body: <c>{"ids": [..]}</c>; every id must exist.</summary>
    private static async Task<IResult> BulkDelete(HttpContext http)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(FrozenSet.Create(StringComparer.Ordinal, "ids"));
            var ids = ReadTagIds(account, r, "ids");
            if (errors.Any || ids is null)
            {
                return ApiErrors.BadRequest("Failed to delete tags", errors);
            }

            RemoveTags(account, ids, caller.User.Id, Guid.NewGuid());
            return Respond.Empty(204);
        }
    }

    /// <summary>
    /// Body: <c>{"source_tags_ids": [..]}</c>. Tickets carrying a source tag carry the destination instead; the sources
    /// are deleted. Events: <c>tag-merged</c> on the destination and <c>tag-deleted</c> per source, one context.
    /// </summary>
    private static async Task<IResult> Merge(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var (body, error) = await ApiInput.ReadAsync(http);
        if (error is not null)
        {
            return error;
        }

        lock (account.Sync)
        {
            if (account.Tags.Find(id) is not { } destination)
            {
                return ApiErrors.NotFound();
            }

            var errors = new FieldErrors();
            var r = new BodyReader(body!, errors);
            r.RejectUnknown(FrozenSet.Create(StringComparer.Ordinal, "source_tags_ids"));
            var sources = ReadTagIds(account, r, "source_tags_ids");
            if (sources?.Contains(id) == true)
            {
                r.Error("source_tags_ids", "A tag cannot be merged into itself.");
            }

            if (errors.Any || sources is null)
            {
                return ApiErrors.BadRequest("Failed to merge tags", errors);
            }

            var sourceSet = sources.ToHashSet();
            foreach (var ticket in account.Tickets.All)
            {
                if (ticket.TagIds.Any(sourceSet.Contains))
                {
                    ticket.TagIds = [.. ticket.TagIds.Select(t => sourceSet.Contains(t) ? id : t).Distinct()];
                }
            }

            var context = Guid.NewGuid();
            account.Tags.Touch(destination, account.Now());
            account.RecordEvent("tag-merged", "Tag", id, caller.User.Id, new JsonObject { ["source_tags_ids"] = new JsonArray([.. sources.Select(s => (JsonNode)s)]) }, context);
            RemoveTags(account, sources, caller.User.Id, context);
            return Respond.Object(202, w => Shapes.WriteTag(w, account, destination, Usage(account).GetValueOrDefault(id)));
        }
    }

    /// <summary>Deletes tags: gone from the table and from every ticket (tickets are not touched), <c>tag-deleted</c> each.</summary>
    private static void RemoveTags(AccountState account, IReadOnlyCollection<long> ids, long userId, Guid context)
    {
        var set = ids.ToHashSet();
        foreach (var ticket in account.Tickets.All)
        {
            if (ticket.TagIds.Any(set.Contains))
            {
                ticket.TagIds = [.. ticket.TagIds.Where(t => !set.Contains(t))];
            }
        }

        foreach (var tagId in set)
        {
            if (account.Tags.Find(tagId) is { } tag)
            {
                account.Tags.Remove(tagId);
                account.TagIdsByName.Remove(tag.Name);
                account.RecordEvent("tag-deleted", "Tag", tagId, userId, null, context);
            }
        }
    }

    private static List<long>? ReadTagIds(AccountState account, BodyReader r, string name)
    {
        if (!r.Array(name, out var array, required: true))
        {
            return null;
        }

        if (array!.Count == 0)
        {
            r.Error(name, "Give at least one tag id.");
            return null;
        }

        var ids = new List<long>();
        foreach (var node in array)
        {
            if (!BodyReader.TryInteger(node, out var tagId))
            {
                r.Error(name, "Not a valid integer.");
                return null;
            }

            if (!account.Tags.Contains(tagId))
            {
                r.Error(name, $"Tag {tagId} does not exist.");
                continue;
            }

            ids.Add(tagId);
        }

        return r.Errors.Any ? null : [.. ids.Distinct()];
    }

    private static string? ReadName(BodyReader r, bool required)
    {
        if (!r.String("name", out var name, TagRules.MaxNameLength, required))
        {
            if (r.IsNull("name"))
            {
                r.Error("name", BodyReader.NotNull);
            }

            return null;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            r.Error("name", "A tag name cannot be empty.");
            return null;
        }

        return name;
    }

    /// <summary><c>decoration</c>: <c>{"color": "#F58D86"}</c> (color required) or null; returns (present, color).</summary>
    private static (bool Present, string? Color) ReadDecoration(BodyReader r)
    {
        if (!r.Object("decoration", out var obj, nulls: Nulls.Allowed, invalid: BodyReader.NotMapping))
        {
            return (false, null);
        }

        if (obj is null)
        {
            return (true, null);
        }

        var d = r.Nested("decoration", obj);
        d.RejectUnknown(FrozenSet.Create(StringComparer.Ordinal, "color"));
        d.String("color", out var color, 32, required: true);
        return (true, color);
    }
}
