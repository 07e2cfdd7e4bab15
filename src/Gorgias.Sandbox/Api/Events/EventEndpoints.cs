using System.Collections.Frozen;
using System.Globalization;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Events;

/// <summary>
/// <c>GET /api/events</c> and <c>GET /api/events/{id}</c> (reference §2.6): read-only, cursor-paginated in creation
/// order, filtered by <c>created_datetime[gt|gte|lt|lte]</c>, <c>object_type</c>, <c>object_id</c>, <c>types</c> and <c>user_ids</c>.
/// </summary>
internal static class EventEndpoints
{
    private static readonly string[] Comparators = ["gt", "gte", "lt", "lte"];

    /// <summary>The object types Gorgias documents for the filter [3P WO; O R-ev].</summary>
    private static readonly FrozenSet<string> ObjectTypes = FrozenSet.Create(
        StringComparer.Ordinal,
        "Account", "Macro", "Tag", "Customer", "Team", "View", "Widget", "User", "TicketMessage", "Ticket", "Rule", "Integration",
        "SatisfactionSurvey");

    private static readonly string[] Filters =
    [
        "created_datetime[gt]", "created_datetime[gte]", "created_datetime[lt]", "created_datetime[lte]", "object_type",
        "object_id", "types", "user_ids",
    ];

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").RequireScope("events");
        events.MapGet("/", List);
        events.MapGet("/{id:long}", Get);
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, Filters, OrderField.Created);

        var bounds = new DateTimeOffset?[4];
        for (var i = 0; i < Comparators.Length; i++)
        {
            var key = $"created_datetime[{Comparators[i]}]";
            if (query.TryGetValue(key, out var text))
            {
                if (GorgiasJson.TryParseDate(text.ToString(), out var value))
                {
                    bounds[i] = value;
                }
                else
                {
                    errors.Add(key, "Not a valid datetime: use ISO 8601, e.g. 2024-02-14T21:30:50.201204+00:00.");
                }
            }
        }

        string? objectType = null;
        if (query.TryGetValue("object_type", out var typeText))
        {
            objectType = typeText.ToString();
            if (!ObjectTypes.Contains(objectType))
            {
                errors.Add("object_type", $"Must be one of: {string.Join(", ", ObjectTypes.Order(StringComparer.Ordinal))}.");
            }
        }

        ListQuery.TryGetLong(http.Request, "object_id", errors, out var objectId);
        var types = ListQuery.Many(http.Request, "types");
        HashSet<string>? typeSet = types.Count > 0 ? [.. types] : null;
        HashSet<long>? userIds = null;
        foreach (var text in ListQuery.Many(http.Request, "user_ids"))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var userId))
            {
                (userIds ??= []).Add(userId);
            }
            else
            {
                errors.Add("user_ids", $"'{text}' is not a valid integer.");
            }
        }

        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        var (gt, gte, lt, lte) = (bounds[0], bounds[1], bounds[2], bounds[3]);
        Func<Event, bool>? filter = null;
        if (bounds.Any(b => b is not null) || objectType is not null || objectId is not null || typeSet is not null || userIds is not null)
        {
            filter = e => (gt is null || e.CreatedDatetime > gt)
                && (gte is null || e.CreatedDatetime >= gte)
                && (lt is null || e.CreatedDatetime < lt)
                && (lte is null || e.CreatedDatetime <= lte)
                && (objectType is null || e.ObjectType == objectType)
                && (objectId is null || e.ObjectId == objectId)
                && (typeSet is null || typeSet.Contains(e.Type))
                && (userIds is null || (e.UserId is { } u && userIds.Contains(u)));
        }

        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Events, "events", request, http.Request, filter, Shapes.WriteEvent);
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
            return account.Events.Find(id) is { } e
                ? Respond.Ok(w => Shapes.WriteEvent(w, e))
                : ApiErrors.NotFound();
        }
    }
}
