using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Tickets;

/// <summary><c>/api/tickets</c>: list, get; writes, messages, tags and custom fields are mapped from their own files.</summary>
internal static class TicketEndpoints
{
    private static readonly string[] ListFilters = ["customer_id", "external_id", "ticket_ids", "trashed", "view_id", "rule_id"];

    public static RouteGroupBuilder MapTickets(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").RequireScope("tickets");
        tickets.MapGet("/", List);
        tickets.MapGet("/{id:long}", Get);
        tickets.MapTicketWrites();
        tickets.MapTicketMessages();
        tickets.MapTicketTags();
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ListFilters, OrderField.Created, OrderField.Updated);
        ListQuery.TryGetLong(http.Request, "customer_id", errors, out var customerId);
        var externalId = http.Request.Query.TryGetValue("external_id", out var ext) ? ext.ToString() : null;
        var includeTrashed = true;
        if (ListQuery.TryGetBool(http.Request, "trashed", errors, out var trashed))
        {
            includeTrashed = trashed;
        }

        HashSet<long>? ids = null;
        var idTexts = ListQuery.Many(http.Request, "ticket_ids");
        if (idTexts.Count > 0)
        {
            ids = [];
            foreach (var text in idTexts)
            {
                if (long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    ids.Add(id);
                }
                else
                {
                    errors.Add("ticket_ids", $"'{text}' is not a valid integer.");
                }
            }

            if (ids.Count > 100)
            {
                errors.Add("ticket_ids", "At most 100 ids.");
            }
        }

        if (http.Request.Query.ContainsKey("view_id") || http.Request.Query.ContainsKey("rule_id"))
        {
            errors.Add(http.Request.Query.ContainsKey("view_id") ? "view_id" : "rule_id", "Views and rules are not emulated by the sandbox.");
        }

        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        Func<Ticket, bool>? filter = null;
        if (customerId is not null || externalId is not null || ids is not null || !includeTrashed)
        {
            filter = t => (customerId is null || t.CustomerId == customerId)
                && (externalId is null || t.ExternalId == externalId)
                && (ids is null || ids.Contains(t.Id))
                && (includeTrashed || t.TrashedDatetime is null);
        }

        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Tickets, "tickets", request, http.Request, filter, (w, t) => Shapes.WriteTicketListItemCached(w, account, t));
        }
    }

    private static IResult Get(HttpContext http, long id)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request, "relationships") is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return account.Tickets.Find(id) is { } ticket
                ? Respond.Ok(w => Shapes.WriteTicket(w, account, ticket))
                : ApiErrors.NotFound();
        }
    }
}
