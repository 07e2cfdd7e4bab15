using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saas.Core.Rules;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Core.Tagging;

/// <summary>
/// The tenant API of tagging (on <see cref="TenantApi"/>): the dry run (a rule or the saved set against a ticket: plan,
/// the writes it would make, trace; nothing written) and a ticket's rule runs, newest first ("why was this tagged?").
/// </summary>
internal static class TaggingEndpoints
{
    /// <summary><c>POST /rules/dry-run</c>: <c>{"ticket_id": 1}</c> or <c>{"ticket": {…}}</c>, optional <c>"rule"</c> and <c>"trigger"</c>.</summary>
    public static async Task<IResult> DryRunAsync(
        HttpContext http,
        ITenantDbContextFactory contexts,
        ITenantRuleSets ruleSets,
        IRuleCompiler compiler,
        ITenantDirectory directory,
        GorgiasApiClient api)
    {
        var tenantId = http.TenantId();
        var ct = http.RequestAborted;
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Invalid("body", $"The body is not JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("body", "The body must be a JSON object with ticket_id or ticket.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name is not ("ticket_id" or "ticket" or "rule" or "trigger"))
            {
                errors[member.Name] = ["Unknown member (expected ticket_id or ticket, and optionally rule and trigger)."];
            }
        }

        var hasId = root.TryGetProperty("ticket_id", out var idElement);
        var hasTicket = root.TryGetProperty("ticket", out var ticketElement);
        long ticketId = 0;
        if (hasId == hasTicket)
        {
            errors["ticket_id"] = ["Give exactly one of ticket_id (a ticket of the account) or ticket (a ticket's JSON)."];
        }
        else if (hasId && (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out ticketId) || ticketId <= 0))
        {
            errors["ticket_id"] = ["A positive ticket id is required."];
        }

        GorgiasTicket? posted = null;
        if (hasTicket && !hasId)
        {
            try
            {
                posted = ticketElement.ValueKind == JsonValueKind.Object
                    ? GorgiasPayloads.ParseTicket(ticketElement)
                    : throw new JsonException("A ticket object is required.");
            }
            catch (JsonException e)
            {
                errors["ticket"] = [$"Not a Gorgias ticket: {e.Message}"];
            }
        }

        var trigger = RuleTrigger.TicketCreated;
        if (root.TryGetProperty("trigger", out var triggerElement))
        {
            try
            {
                trigger = triggerElement.Deserialize<RuleTrigger>(RuleJson.Options);
            }
            catch (JsonException)
            {
                errors["trigger"] = ["One of ticket_created, customer_message_added, ticket_updated."];
            }
        }

        RuleDefinition? rule = null;
        if (root.TryGetProperty("rule", out var ruleElement))
        {
            try
            {
                rule = RuleJson.Deserialize(ruleElement.GetRawText());
            }
            catch (JsonException e)
            {
                errors[RulePath(e.Path)] = [e.Message];
            }

            if (rule is not null)
            {
                RuleValidationContext? context = null;
                try
                {
                    context = new RuleValidationContext(await directory.GetTeamIdsAsync(tenantId, ct), await directory.GetCustomFieldIdsAsync(tenantId, ct));
                }
                catch (GorgiasApiException)
                {
                    // Gorgias unavailable: the account-dependent checks are skipped, the rest still runs.
                }

                foreach (var error in compiler.Validate(rule, context))
                {
                    var key = "rule." + error.Path;
                    errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, error.Message] : [error.Message];
                }
            }
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The dry run request is invalid");
        }

        GorgiasTicket ticket;
        if (posted is not null)
        {
            ticket = posted;
        }
        else
        {
            var caller = await CallerAsync(contexts, tenantId, ct);
            try
            {
                ticket = await api.GetTicketAsync(caller, ticketId, ct);
            }
            catch (GorgiasNotFoundException)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such ticket", detail: $"The account has no ticket {ticketId}.");
            }
        }

        var set = await ruleSets.GetAsync(tenantId, ct);
        var rules = rule is null ? set.Rules : compiler.Compile([new RuleSpec(Guid.Empty, 0, 0, rule)]);
        var snapshot = TicketSnapshots.From(ticket);
        var result = rules.Evaluate(snapshot, new RuleEvaluationContext(trigger, set.BusinessHours));
        var writes = await TicketWrites.DiffAsync(result.Plan, snapshot, email => directory.FindUserIdAsync(tenantId, email, ct));
        return Results.Json(
            new
            {
                TicketId = ticket.Id,
                Trigger = TaggingInboxHandler.TriggerName(trigger),
                Outcome = RuleRunOutcome.DryRun,
                Rules = rule is null ? "saved_set" : "posted_rule",
                result.Plan,
                result.ShadowPlan,
                Writes = writes,
                WriteRequests = writes.RequestCount,
                result.Trace,
            },
            RuleRunJson.Options);
    }

    /// <summary><c>GET /tickets/{ticketId}/rule-runs</c>: the ticket's runs, newest first.</summary>
    public static async Task<IResult> RunsAsync(HttpContext http, long ticketId, ITenantDbContextFactory contexts, IOptions<TaggingOptions> options)
    {
        var tenantId = http.TenantId();
        await using var db = contexts.CreateForTenant(tenantId);
        var runs = await db.RuleRuns.AsNoTracking()
            .Where(r => r.TicketId == ticketId)
            .OrderByDescending(r => r.Id)
            .Take(options.Value.MaxRunsListed)
            .ToListAsync(http.RequestAborted);
        return Results.Json(
            new
            {
                TicketId = ticketId,
                Runs = runs.Select(r => new
                {
                    r.Id,
                    r.InboxEventId,
                    r.Trigger,
                    r.At,
                    r.Outcome,
                    r.Detail,
                    r.LatencyMs,
                    RuleVersions = JsonNode.Parse(r.RuleVersions),
                    Writes = JsonNode.Parse(r.Writes),
                    Trace = JsonNode.Parse(r.Trace),
                }),
            },
            RuleRunJson.Options);
    }

    private static async Task<GorgiasCaller> CallerAsync(ITenantDbContextFactory contexts, Guid tenantId, CancellationToken ct)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var account = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Account).FirstAsync(ct);
        return GorgiasAccount.TryParse(account, out var parsed)
            ? new GorgiasCaller(parsed, tenantId.ToString(), GorgiasLane.Live)
            : throw new InvalidOperationException($"Tenant {tenantId} has an invalid account name.");
    }

    private static string RulePath(string? jsonPath) =>
        jsonPath is null or "$" ? "rule" : "rule." + jsonPath.TrimStart('$').TrimStart('.');

    private static IResult Invalid(string key, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] }, title: "The dry run request is invalid");
}
