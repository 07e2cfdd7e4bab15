using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Install;
using Saas.Core.Tenancy;

namespace Saas.Core.Intake;

/// <summary>
/// <c>POST /webhooks/gorgias/{tenantId}</c>: the HTTP integration the install registers. Checks, in order: the tenant
/// (malformed or unknown → 404, disconnected or purged → 410), the <c>X-Autopilot-Secret</c> header against the
/// tenant's SHA-256 in constant time (→ 401), the size (→ 413) and the body (not JSON, or not a ticket object with a
/// numeric <c>id</c> → 400); then stores the row durably through the group-commit writer (duplicate → the same 2xx;
/// database unavailable → 503 with <c>Retry-After</c>, nothing stored) and, once the answer is sent, nudges the
/// tenant's worker. Neither the secret nor the body is ever logged.
/// </summary>
internal static partial class IntakeEndpoint
{
    public const string Route = "/webhooks/gorgias/{tenantId}";

    private static readonly byte[] AcceptedBody = """{"status":"accepted"}"""u8.ToArray();
    private static readonly byte[] DuplicateBody = """{"status":"duplicate"}"""u8.ToArray();

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<IntakeOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<IntakeEndpointLog>>();
        var ct = context.RequestAborted;

        if (!Guid.TryParse(context.Request.RouteValues["tenantId"] as string, out var tenantId) || tenantId == Guid.Empty)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "No such tenant.");
            return;
        }

        var tenants = services.GetRequiredService<IntakeTenantCache>();
        var tenant = await tenants.GetAsync(tenantId, fresh: false, ct);
        if (tenant is null)
        {
            LogUnknownTenant(logger, tenantId);
            await ErrorAsync(context, StatusCodes.Status404NotFound, "No such tenant.");
            return;
        }

        if (tenant.State is TenantState.Disconnected or TenantState.Purged)
        {
            LogGone(logger, tenantId, tenant.State);
            await ErrorAsync(context, StatusCodes.Status410Gone, "The app is no longer installed on this account.");
            return;
        }

        var secrets = context.Request.Headers[WebhookRegistration.SecretHeader];
        var presented = secrets.Count == 1 ? SHA256.HashData(Encoding.UTF8.GetBytes(secrets[0] ?? "")) : null;
        if (presented is null || !Matches(presented, tenant.SecretHash))
        {
            // The cached hash may be older than a reinstall's new secret: check once more against the database.
            tenant = presented is null ? tenant : await tenants.GetAsync(tenantId, fresh: true, ct);
            if (presented is null || tenant is null || !Matches(presented, tenant.SecretHash))
            {
                LogBadSecret(logger, tenantId, presented is null ? "missing" : "wrong");
                await ErrorAsync(context, StatusCodes.Status401Unauthorized, $"Missing or wrong {WebhookRegistration.SecretHeader} header.");
                return;
            }
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            await TooLargeAsync(context, options, logger, tenantId);
            return;
        }

        var body = await ReadBodyAsync(context.Request.Body, options.MaxBodyBytes, ct);
        if (body is null)
        {
            await TooLargeAsync(context, options, logger, tenantId);
            return;
        }

        if (!TryParseTicket(body, out var ticketId, out var updatedAt, out var problem))
        {
            LogRejected(logger, tenantId, problem);
            await ErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var row = new InboxEvent
        {
            TenantId = tenantId,
            DedupeKey = updatedAt is { } at ? InboxDedupeKey.ForTicket(ticketId, at) : InboxDedupeKey.ForBody(body),
            TicketId = ticketId,
            TicketUpdatedAt = updatedAt,
            Payload = Encoding.UTF8.GetString(body),
            State = InboxEventState.Pending,
            ReceivedAt = now,
            NextAttemptAt = now,
        };

        InboxWriteResult result;
        try
        {
            result = await services.GetRequiredService<InboxWriter>().WriteAsync(row);
        }
        catch (InboxUnavailableException)
        {
            context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "The inbox is unavailable; nothing was stored. Retry later.");
            return;
        }

        LogAccepted(logger, tenantId, ticketId, result.Id, result.Inserted);
        if (result.Inserted)
        {
            var dispatcher = services.GetRequiredService<IInboxDispatcher>();
            context.Response.OnCompleted(() => NudgeAsync(dispatcher, logger, tenantId));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(result.Inserted ? AcceptedBody : DuplicateBody, ct);
    }

    /// <summary>Constant-time comparison of two SHA-256 hashes (a tenant without a hash matches nothing).</summary>
    internal static bool Matches(byte[] presented, byte[]? stored) =>
        stored is { Length: 32 } && CryptographicOperations.FixedTimeEquals(presented, stored);

    /// <summary>
    /// Whether <paramref name="body"/> is a ticket: a JSON object with a positive integer <c>id</c>; its
    /// <c>updated_datetime</c> (ISO 8601) when present. <paramref name="problem"/> says what is wrong otherwise.
    /// </summary>
    internal static bool TryParseTicket(ReadOnlyMemory<byte> body, out long ticketId, out DateTimeOffset? updatedAt, out string problem)
    {
        ticketId = 0;
        updatedAt = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            problem = "The body is not JSON: expected the ticket as a JSON object (the integration's body is {{ticket}}).";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"The body is JSON but not a ticket: expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}.";
                return false;
            }

            if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out ticketId) || ticketId <= 0)
            {
                problem = "The body is JSON but not a ticket: expected a positive integer \"id\".";
                return false;
            }

            if (root.TryGetProperty("updated_datetime", out var updated) && updated.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(updated.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                updatedAt = parsed.ToUniversalTime();
            }
        }

        problem = "";
        return true;
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream stream, int max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        return null;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                {
                    return length > max ? null : buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > max)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task NudgeAsync(IInboxDispatcher dispatcher, ILogger logger, Guid tenantId)
    {
        try
        {
            await dispatcher.DispatchAsync(tenantId);
        }
        catch (Exception e)
        {
            // The row is durable; the sweeper re-dispatches it.
            LogNudgeFailed(logger, tenantId, e.GetType().Name);
        }
    }

    private static Task TooLargeAsync(HttpContext context, IntakeOptions options, ILogger logger, Guid tenantId)
    {
        LogTooLarge(logger, tenantId, options.MaxBodyBytes);
        return ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {options.MaxBodyBytes} bytes.");
    }

    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new IntakeError(message), context.RequestAborted);
    }

    [LoggerMessage(1, LogLevel.Debug, "Webhook for tenant {TenantId} ticket {TicketId}: inbox row {RowId} (new: {Inserted})")]
    private static partial void LogAccepted(ILogger logger, Guid tenantId, long ticketId, long rowId, bool inserted);

    [LoggerMessage(2, LogLevel.Warning, "Webhook for tenant {TenantId} refused: {Which} secret header")]
    private static partial void LogBadSecret(ILogger logger, Guid tenantId, string which);

    [LoggerMessage(3, LogLevel.Information, "Webhook for unknown tenant {TenantId}")]
    private static partial void LogUnknownTenant(ILogger logger, Guid tenantId);

    [LoggerMessage(4, LogLevel.Information, "Webhook for tenant {TenantId} refused: the tenant is {State}")]
    private static partial void LogGone(ILogger logger, Guid tenantId, TenantState state);

    [LoggerMessage(5, LogLevel.Warning, "Webhook for tenant {TenantId} refused: body over {Max} bytes")]
    private static partial void LogTooLarge(ILogger logger, Guid tenantId, int max);

    [LoggerMessage(6, LogLevel.Warning, "Webhook for tenant {TenantId} refused: {Problem}")]
    private static partial void LogRejected(ILogger logger, Guid tenantId, string problem);

    [LoggerMessage(7, LogLevel.Warning, "Nudge for tenant {TenantId} failed ({Error}); the sweeper re-dispatches")]
    private static partial void LogNudgeFailed(ILogger logger, Guid tenantId, string error);
}

/// <summary>The body of an intake error answer.</summary>
internal sealed record IntakeError(string Error);

/// <summary>The intake endpoint's log category.</summary>
internal sealed class IntakeEndpointLog;
