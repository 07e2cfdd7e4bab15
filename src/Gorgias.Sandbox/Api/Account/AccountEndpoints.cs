using System.Text.Json;
using Gorgias.Sandbox.Json;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Api.Account;

/// <summary>
/// <c>GET /api/account</c> and <c>GET /api/account/settings</c> (read-only: one <c>business-hours</c> setting per
/// account). Scope <c>account</c>.
/// </summary>
internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccount(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").RequireScope("account");
        account.MapGet("/", Get);
        account.MapGet("/settings", Settings);
        return api;
    }

    private static IResult Get(HttpContext http)
    {
        var (account, _) = http.Api();
        if (QueryKeys.RejectUnknown(http.Request) is { } queryError)
        {
            return queryError;
        }

        lock (account.Sync)
        {
            return Respond.Ok(w => Shapes.WriteAccount(w, account));
        }
    }

    private static IResult Settings(HttpContext http)
    {
        var (account, _) = http.Api();
        var errors = new FieldErrors();
        var request = ListQuery.Parse(http.Request, errors, ["type"], OrderField.Created);
        var type = http.Request.Query.TryGetValue("type", out var typeText) ? typeText.ToString() : null;
        if (request?.Cursor is not null)
        {
            errors.Add("cursor", "Not a valid cursor for this list.");
        }

        if (errors.Any || request is null)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        AccountState[] settings = type is null or "business-hours" ? [account] : [];
        return Respond.List("/api/account/settings" + http.Request.QueryString.Value, settings, WriteBusinessHours);
    }

    /// <summary>The account's business hours: Monday to Friday, 09:00–17:00 UTC (fixed in the sandbox).</summary>
    private static void WriteBusinessHours(Utf8JsonWriter w, AccountState account)
    {
        var id = account.Id * 10 + 1;
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteStartArray("business_hours");
        w.WriteStartObject();
        w.WriteString("days", "1,2,3,4,5");
        w.WriteString("from_time", "09:00");
        w.WriteString("to_time", "17:00");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("timezone", "UTC");
        w.WriteEndObject();
        w.WriteNumber("id", id);
        w.WriteString("type", "business-hours");
        w.WriteString("uri", $"/api/account/settings/{id}/");
        w.WriteEndObject();
    }
}
