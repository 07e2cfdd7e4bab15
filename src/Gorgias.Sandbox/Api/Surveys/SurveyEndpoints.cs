using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Surveys;

/// <summary>
/// <c>/api/satisfaction-surveys</c>: list, create (one survey per ticket: a second is a 409), get, full-replacement
/// update. Scope <c>satisfaction_survey</c>.
/// </summary>
internal static class SurveyEndpoints
{
    public const int MaxBodyTextLength = 1000;

    private static readonly HashSet<string> CreateFields =
        ["ticket_id", "customer_id", "score", "body_text", "meta", "created_datetime", "scored_datetime", "sent_datetime", "should_send_datetime"];

    private static readonly HashSet<string> ReplaceFields =
        ["ticket_id", "customer_id", "score", "body_text", "meta", "scored_datetime", "sent_datetime", "should_send_datetime"];

    public static RouteGroupBuilder MapSurveys(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/satisfaction-surveys").RequireScope("satisfaction_survey");
        surveys.MapGet("/", List);
        surveys.MapPost("/", (Delegate)Create);
        surveys.MapGet("/{id:long}", Get);
        surveys.MapPut("/{id:long}", Replace);
        return api;
    }

    private static IResult List(HttpContext http, CursorBook cursors)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, [], OrderField.Created, OrderField.Updated);
        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        lock (account.Sync)
        {
            return cursors.WritePage(account, account.Surveys, "satisfaction-surveys", request, http.Request, null, Shapes.WriteSurvey);
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
            return account.Surveys.Find(id) is { } survey
                ? Respond.Ok(w => Shapes.WriteSurvey(w, survey))
                : ApiErrors.NotFound();
        }
    }

    private sealed record SurveyInput(
        long TicketId,
        long CustomerId,
        int? Score,
        string? BodyText,
        JsonObject? Meta,
        DateTimeOffset? CreatedDatetime,
        DateTimeOffset? ScoredDatetime,
        DateTimeOffset? SentDatetime,
        DateTimeOffset? ShouldSendDatetime);

    private static SurveyInput? Parse(JsonObject body, HashSet<string> allowed, FieldErrors errors)
    {
        var r = new BodyReader(body, errors);
        r.RejectUnknown(allowed);
        r.Long("ticket_id", out var ticketId, 1, required: true, nulls: Nulls.Refused);
        r.Long("customer_id", out var customerId, 1, required: true, nulls: Nulls.Refused);
        r.Long("score", out var score, 1, 5, nulls: Nulls.Allowed);
        r.String("body_text", out var bodyText, MaxBodyTextLength, nulls: Nulls.Allowed);
        r.Object("meta", out var meta, nulls: Nulls.Allowed);
        DateTimeOffset? created = null;
        if (allowed.Contains("created_datetime"))
        {
            r.Date("created_datetime", out created);
        }

        r.Date("scored_datetime", out var scored);
        r.Date("sent_datetime", out var sent);
        r.Date("should_send_datetime", out var shouldSend);
        if (errors.Any || ticketId is null || customerId is null)
        {
            return null;
        }

        return new SurveyInput(ticketId.Value, customerId.Value, (int?)score, bodyText, meta, created, scored, sent, shouldSend);
    }

    /// <summary>Checks the references under the lock: ticket and customer must exist; the ticket must have no other survey.</summary>
    private static IResult? CheckReferences(AccountState account, SurveyInput input, long? surveyId, string msg)
    {
        var errors = new FieldErrors();
        if (!account.Tickets.Contains(input.TicketId))
        {
            errors.Add("ticket_id", $"Ticket {input.TicketId} does not exist.");
        }

        if (!account.Customers.Contains(input.CustomerId))
        {
            errors.Add("customer_id", $"Customer {input.CustomerId} does not exist.");
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest(msg, errors);
        }

        if (account.SurveyIdsByTicket.TryGetValue(input.TicketId, out var existing) && existing != surveyId && account.Surveys.Contains(existing))
        {
            errors.Add("ticket_id", $"Ticket {input.TicketId} already has a satisfaction survey ({existing}): one survey per ticket.");
            return ApiErrors.Conflict(msg, errors);
        }

        return null;
    }

    private static void Apply(SatisfactionSurvey survey, SurveyInput input)
    {
        survey.TicketId = input.TicketId;
        survey.CustomerId = input.CustomerId;
        survey.Score = input.Score;
        survey.BodyText = input.BodyText;
        survey.Meta = input.Meta;
        survey.ScoredDatetime = input.ScoredDatetime;
        survey.SentDatetime = input.SentDatetime;
        survey.ShouldSendDatetime = input.ShouldSendDatetime;
    }

    private static async Task<IResult> Create(HttpContext http)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var input = Parse(body!, CreateFields, errors);
        if (input is null)
        {
            return ApiErrors.BadRequest("Failed to create satisfaction survey.", errors);
        }

        lock (account.Sync)
        {
            if (CheckReferences(account, input, null, "Failed to create satisfaction survey.") is { } refused)
            {
                return refused;
            }

            var created = input.CreatedDatetime ?? account.Now();
            var survey = new SatisfactionSurvey
            {
                Id = account.Store.Ids.Next(IdKind.Survey),
                CreatedDatetime = created,
                UpdatedDatetime = created,
            };
            Apply(survey, input);
            account.Surveys.Add(survey);
            account.SurveyIdsByTicket[survey.TicketId] = survey.Id;
            account.RecordEvent("satisfaction-survey-created", "SatisfactionSurvey", survey.Id, caller.User.Id, new JsonObject { ["ticket_id"] = survey.TicketId });
            return Respond.Created(w => Shapes.WriteSurvey(w, survey));
        }
    }

    private static async Task<IResult> Replace(HttpContext http, long id)
    {
        var (account, caller) = http.Api();
        var errors = new FieldErrors();
        var (body, error) = await ApiInput.ReadAsync(http, errors);
        if (error is not null)
        {
            return error;
        }

        var input = Parse(body!, ReplaceFields, errors);
        lock (account.Sync)
        {
            if (account.Surveys.Find(id) is not { } survey)
            {
                return ApiErrors.NotFound();
            }

            if (input is null)
            {
                return ApiErrors.BadRequest("Failed to update satisfaction survey.", errors);
            }

            if (CheckReferences(account, input, survey.Id, "Failed to update satisfaction survey.") is { } refused)
            {
                return refused;
            }

            if (survey.TicketId != input.TicketId && account.SurveyIdsByTicket.TryGetValue(survey.TicketId, out var mine) && mine == survey.Id)
            {
                account.SurveyIdsByTicket.Remove(survey.TicketId);
            }

            Apply(survey, input);
            account.SurveyIdsByTicket[survey.TicketId] = survey.Id;
            account.Surveys.Touch(survey, account.Now());
            account.RecordEvent("satisfaction-survey-updated", "SatisfactionSurvey", survey.Id, caller.User.Id, new JsonObject { ["ticket_id"] = survey.TicketId });
            return Respond.Ok(w => Shapes.WriteSurvey(w, survey));
        }
    }
}
