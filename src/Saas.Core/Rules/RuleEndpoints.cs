using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Saas.Core.Tenancy;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Core.Rules;

/// <summary>
/// The rules API on the tenant group (<c>/api/tenants/{tenant}/rules…</c>, see docs/rules.md): JSON in
/// <see cref="RuleJson"/>'s shape; errors as RFC 7807 problems: 400 with per-field errors keyed by path (bad JSON,
/// unknown members, invalid rules), 404 unknown rule (another tenant's too), 409 stale version (with
/// <c>current_version</c>), 413 body over <see cref="MaxBodyBytes"/>, 428 no expected version, 503 account unreadable.
/// The expected version of update/state/restore is the <c>If-Match</c> header (the ETag <c>"3"</c> that GET returns)
/// or the <c>expected_version</c> query parameter.
/// </summary>
internal static partial class RuleEndpoints
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapTenantApi().MapGroup("/rules");

        rules.MapGet("", async (HttpContext http, RuleService service, CancellationToken ct) =>
            Json(await service.ListAsync(http.TenantId(), ct)));

        rules.MapPost("", (HttpContext http, RuleService service, int? position, CancellationToken ct) => Handle(async () =>
        {
            var (definition, error) = await ReadAsync<RuleDefinition>(http, ct);
            if (error is not null)
            {
                return error;
            }

            var view = await service.CreateAsync(http.TenantId(), definition!, position, Actor(http), ct);
            return WithETag(http, view, Results.Json(view, RuleJson.Options, statusCode: StatusCodes.Status201Created));
        }));

        rules.MapGet("/{id:guid}", (HttpContext http, RuleService service, Guid id, CancellationToken ct) => Handle(async () =>
        {
            var view = await service.GetAsync(http.TenantId(), id, ct);
            return WithETag(http, view, Json(view));
        }));

        rules.MapPut("/{id:guid}", (HttpContext http, RuleService service, Guid id, CancellationToken ct) => Handle(async () =>
        {
            if (ExpectedVersion(http) is not { } expected)
            {
                return PreconditionRequired();
            }

            var (definition, error) = await ReadAsync<RuleDefinition>(http, ct);
            if (error is not null)
            {
                return error;
            }

            var view = await service.UpdateAsync(http.TenantId(), id, definition!, expected, Actor(http), ct);
            return WithETag(http, view, Json(view));
        }));

        rules.MapDelete("/{id:guid}", (HttpContext http, RuleService service, Guid id, CancellationToken ct) => Handle(async () =>
        {
            await service.DeleteAsync(http.TenantId(), id, Actor(http), ct);
            return Results.NoContent();
        }));

        rules.MapPut("/order", (HttpContext http, RuleService service, CancellationToken ct) => Handle(async () =>
        {
            var (order, error) = await ReadAsync<RuleOrderRequest>(http, ct);
            if (error is not null)
            {
                return error;
            }

            return Json(await service.ReorderAsync(http.TenantId(), order!.Ids ?? [], Actor(http), ct));
        }));

        rules.MapPut("/{id:guid}/state", (HttpContext http, RuleService service, Guid id, CancellationToken ct) => Handle(async () =>
        {
            if (ExpectedVersion(http) is not { } expected)
            {
                return PreconditionRequired();
            }

            var (request, error) = await ReadAsync<RuleStateRequest>(http, ct);
            if (error is not null)
            {
                return error;
            }

            if (request!.State is not { } state)
            {
                return Validation([new("state", "The state is required: enabled, shadow or disabled.")]);
            }

            var view = await service.SetStateAsync(http.TenantId(), id, state, expected, Actor(http), ct);
            return WithETag(http, view, Json(view));
        }));

        rules.MapGet("/{id:guid}/versions", (HttpContext http, RuleService service, Guid id, CancellationToken ct) => Handle(async () =>
            Json(await service.HistoryAsync(http.TenantId(), id, ct))));

        rules.MapPost("/{id:guid}/versions/{version:int}/restore", (HttpContext http, RuleService service, Guid id, int version, CancellationToken ct) => Handle(async () =>
        {
            if (ExpectedVersion(http) is not { } expected)
            {
                return PreconditionRequired();
            }

            var view = await service.RestoreAsync(http.TenantId(), id, version, expected, Actor(http), ct);
            return WithETag(http, view, Json(view));
        }));

        rules.MapPost("/validate", (HttpContext http, RuleService service, CancellationToken ct) => Handle(async () =>
        {
            var (definition, error) = await ReadAsync<RuleDefinition>(http, ct);
            if (error is not null)
            {
                return error;
            }

            var errors = await service.ValidateAsync(http.TenantId(), definition!, ct);
            return errors.Count > 0 ? Validation(errors) : Json(new RuleValidateResponse(true));
        }));

        rules.MapPost("/starter-pack", (HttpContext http, RuleService service, CancellationToken ct) => Handle(async () =>
            Json(await service.InstallStarterPackAsync(http.TenantId(), Actor(http), ct))));

        rules.MapDelete("/starter-pack", (HttpContext http, RuleService service, CancellationToken ct) => Handle(async () =>
            Json(new StarterPackRemoveResponse(await service.RemoveStarterPackAsync(http.TenantId(), Actor(http), ct)))));

        rules.MapGet("/settings", async (HttpContext http, RuleService service, CancellationToken ct) =>
            Json(await service.GetSettingsAsync(http.TenantId(), ct)));

        rules.MapPut("/settings", (HttpContext http, RuleService service, CancellationToken ct) => Handle(async () =>
        {
            var (request, error) = await ReadAsync<RuleSettingsRequest>(http, ct);
            if (error is not null)
            {
                return error;
            }

            var week = request!.BusinessHours is { ValueKind: not JsonValueKind.Null } hours ? hours.GetRawText() : null;
            return Json(await service.SetSettingsAsync(http.TenantId(), request.TimeZone, week, Actor(http), ct));
        }));
    }

    /// <summary>Maps the service's errors to problems.</summary>
    private static async Task<IResult> Handle(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RuleValidationException e)
        {
            return Validation(e.Errors);
        }
        catch (RuleNotFoundException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rule", detail: e.Message);
        }
        catch (RuleVersionConflictException e)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The rule was changed meanwhile",
                detail: e.Message,
                extensions: new Dictionary<string, object?> { ["current_version"] = e.CurrentVersion, ["expected_version"] = e.ExpectedVersion });
        }
        catch (RuleDirectoryUnavailableException e)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Gorgias could not be reached to check the rule",
                detail: e.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = Group(e.Errors) });
        }
    }

    private static IResult Json<T>(T value) => Results.Json(value, RuleJson.Options);

    private static IResult WithETag(HttpContext http, RuleView view, IResult result)
    {
        http.Response.Headers.ETag = $"\"{view.Version.ToString(CultureInfo.InvariantCulture)}\"";
        return result;
    }

    private static IResult Validation(IReadOnlyList<RuleValidationError> errors) =>
        Results.ValidationProblem(Group(errors), title: "The request is invalid");

    private static Dictionary<string, string[]> Group(IReadOnlyList<RuleValidationError> errors) =>
        errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static IResult PreconditionRequired() => Results.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "The expected version is required",
        detail: "Send the version you are changing: the If-Match header with the rule's ETag (\"3\") or ?expected_version=3.");

    /// <summary>The expected version from <c>If-Match: "3"</c> (or <c>W/"3"</c>) or <c>?expected_version=3</c>; null when neither parses.</summary>
    internal static int? ExpectedVersion(HttpContext http)
    {
        if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfMatch, out var tags) && tags.Count == 1
            && int.TryParse(tags[0].Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader))
        {
            return fromHeader;
        }

        return int.TryParse(http.Request.Query["expected_version"], NumberStyles.None, CultureInfo.InvariantCulture, out var fromQuery) ? fromQuery : null;
    }

    /// <summary>Who is making the change, for versions and activity lines: the sign-in's email or name; "api" without one.</summary>
    private static string Actor(HttpContext http) =>
        http.User.FindFirst(ClaimTypes.Email)?.Value ?? http.User.FindFirst("email")?.Value ?? http.User.Identity?.Name ?? "api";

    /// <summary>
    /// Reads a JSON body of at most <see cref="MaxBodyBytes"/> with <see cref="RuleJson.Options"/> (unknown members
    /// rejected). A problem is returned as a validation problem keyed by the JSON path (<c>when.all[0].op</c>).
    /// </summary>
    internal static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken)
        where T : class
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        if (length == 0)
        {
            return (null, Validation([new("$", "A JSON body is required.")]));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), RuleJson.Options);
            return value is null ? (null, Validation([new("$", "A JSON object is required (got null).")])) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Validation([JsonError(e)]));
        }
    }

    /// <summary>A <see cref="JsonException"/> as a field error: the path without <c>$.</c>, a message without .NET type names.</summary>
    internal static RuleValidationError JsonError(JsonException e)
    {
        var path = e.Path is null or "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
        var message = e.Message;
        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            if (!path.EndsWith(name, StringComparison.Ordinal))
            {
                path = path == "$" ? name : $"{path}.{name}";
            }

            return new(path, $"Unknown member '{name}'.");
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim('\'')).ToList();
            var first = names.FirstOrDefault() ?? "$";
            return new(path == "$" ? first : $"{path}.{first}", $"Required: {string.Join(", ", names)}.");
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return new(path, "This value has the wrong type or is not one of the allowed values.");
        }

        return new(path, "The JSON is malformed here.");
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large", detail: $"A request body has at most {MaxBodyBytes / 1024} KB.");

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("missing required properties including: (?<names>.*?)\\.?( Path:|$)")]
    private static partial Regex MissingRequired();
}

/// <summary>The body of <c>PUT /rules/order</c>: every rule id of the tenant, in the new order.</summary>
internal sealed record RuleOrderRequest(IReadOnlyList<Guid>? Ids);

/// <summary>The body of <c>PUT /rules/{id}/state</c>.</summary>
internal sealed record RuleStateRequest(RuleState? State);

/// <summary>The body of <c>PUT /rules/settings</c>: an IANA time zone (null = UTC) and the week (null = Monday–Friday 09:00–17:00).</summary>
internal sealed record RuleSettingsRequest(string? TimeZone, JsonElement? BusinessHours);

internal sealed record RuleValidateResponse(bool Valid);

internal sealed record StarterPackRemoveResponse(int Deleted);
