using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saas.Core.Install;
using Saas.Core.Intake;
using Saas.Core.Tenancy;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;

namespace Saas.Core.WebhookHealth;

/// <summary>
/// One check of one tenant's webhook (run by the tenant's <see cref="IWebhookHealthGrain"/>, one at a time):
/// <list type="number">
/// <item>the app's HTTP integration is read; a missing one is re-created (new secret), a deactivated one re-enabled,
/// a wrong URL, body, triggers or secret corrected (a new secret when the secret is wrong; the header's SHA-256 is
/// compared with the tenant's in constant time); every repair leaves a <see cref="TenantActivity"/> line;</item>
/// <item>the account's ticket events since the stored watermark (minus a lookback) are read, and every ticket they
/// touch that the inbox does not already hold at that state is fetched and written to the inbox with the webhook's
/// own dedupe key, so what the webhook did deliver is not duplicated; then the tenant's worker is nudged.</item>
/// </list>
/// Calls go through the Gorgias client on the <see cref="GorgiasLane.Sync"/> lane with the tenant grain's token and
/// the account budget. An inactive tenant is skipped. Never logs a secret or a ticket's content.
/// </summary>
internal sealed partial class WebhookHealthChecker(
    ITenantDbContextFactory contexts,
    GorgiasApiClient api,
    InboxWriter inbox,
    IInboxDispatcher dispatcher,
    IntakeTenantCache tenantCache,
    IOptions<AppOptions> appOptions,
    IOptions<WebhookHealthOptions> options,
    TimeProvider clock,
    ILogger<WebhookHealthChecker> logger)
{
    private static readonly IReadOnlyList<string> EventTypes =
        [GorgiasEventTypes.TicketCreated, GorgiasEventTypes.TicketUpdated, GorgiasEventTypes.TicketMessageCreated];

    private readonly AppOptions _app = appOptions.Value;
    private readonly WebhookHealthOptions _options = options.Value;

    public async Task<WebhookHealthReport> CheckAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateForTenant(tenantId);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is not { State: TenantState.Active } || !GorgiasAccount.TryParse(tenant.Account, out var account))
        {
            return new WebhookHealthReport(tenantId, WebhookIntegrationStatus.Skipped, 0, 0, 0, null, $"Skipped: the tenant is {tenant?.State.ToString() ?? "unknown"}.");
        }

        var caller = new GorgiasCaller(account, tenantId.ToString(), GorgiasLane.Sync);
        var status = await RepairIntegrationAsync(db, tenant, caller, cancellationToken);
        var state = await db.WebhookHealthStates.SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        if (state is null)
        {
            state = new WebhookHealthState { TenantId = tenantId };
            db.WebhookHealthStates.Add(state);
        }

        var (eventsRead, fetched, added, watermark) = await FillGapsAsync(db, tenant, state, caller, cancellationToken);
        var summary = string.Create(CultureInfo.InvariantCulture, $"Integration {status}; {eventsRead} events read, {fetched} tickets fetched, {added} added to the inbox.");
        state.EventsWatermark = watermark;
        state.LastCheckedAt = clock.GetUtcNow();
        state.LastOutcome = summary;
        await db.SaveChangesAsync(cancellationToken);
        if (added > 0)
        {
            await dispatcher.DispatchAsync(tenantId, cancellationToken);
        }

        LogChecked(tenantId, status, eventsRead, fetched, added);
        return new WebhookHealthReport(tenantId, status, eventsRead, fetched, added, watermark, summary);
    }

    private async Task<WebhookIntegrationStatus> RepairIntegrationAsync(Data.SaasDbContext db, Tenant tenant, GorgiasCaller caller, CancellationToken cancellationToken)
    {
        GorgiasIntegration? integration = null;
        if (tenant.WebhookIntegrationId is { } id)
        {
            try
            {
                integration = await api.GetIntegrationAsync(caller, id, cancellationToken);
            }
            catch (GorgiasNotFoundException)
            {
            }
        }

        if (integration is null)
        {
            var secret = WebhookRegistration.NewSecret();
            var created = await api.CreateIntegrationAsync(caller, WebhookRegistration.Request(_app, tenant.Id, secret), cancellationToken);
            await SaveRepairAsync(db, tenant, created.Id, WebhookRegistration.Hash(secret), "webhook-recreated",
                $"Webhook integration {tenant.WebhookIntegrationId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} was gone; integration {created.Id} created with a new secret.", cancellationToken);
            LogRepaired(tenant.Id, WebhookIntegrationStatus.Recreated, created.Id);
            return WebhookIntegrationStatus.Recreated;
        }

        var result = WebhookIntegrationStatus.Healthy;
        var notes = new List<string>();
        if (!integration.IsActive)
        {
            integration = await api.ReactivateIntegrationAsync(caller, integration.Id, cancellationToken);
            notes.Add($"was deactivated at {integration.DeactivatedDatetime?.ToString("O", CultureInfo.InvariantCulture) ?? "an unknown time"}, re-enabled");
            result = WebhookIntegrationStatus.Reactivated;
        }

        var wrong = WhatIsWrong(integration, tenant);
        byte[]? newHash = null;
        if (wrong.Count > 0)
        {
            var secretWrong = wrong.Contains("secret");
            string? secret = secretWrong ? WebhookRegistration.NewSecret() : null;
            var wanted = WebhookRegistration.Request(_app, tenant.Id, secret ?? "").Http;

            // Headers left out (null) keep the integration's current headers, and so its secret, when only the rest is wrong.
            await api.UpdateIntegrationAsync(caller, integration.Id, new GorgiasIntegrationUpdate(Http: wanted with { Headers = secretWrong ? wanted.Headers : null }), cancellationToken);
            newHash = secret is null ? null : WebhookRegistration.Hash(secret);
            notes.Add($"{string.Join(", ", wrong)} corrected{(secretWrong ? " (new secret)" : "")}");
            result = result == WebhookIntegrationStatus.Healthy ? WebhookIntegrationStatus.Updated : result;
        }

        if (result != WebhookIntegrationStatus.Healthy)
        {
            var kind = result == WebhookIntegrationStatus.Reactivated ? "webhook-reactivated" : "webhook-updated";
            await SaveRepairAsync(db, tenant, integration.Id, newHash, kind, $"Webhook integration {integration.Id} {string.Join("; ", notes)}.", cancellationToken);
            LogRepaired(tenant.Id, result, integration.Id);
        }

        return result;
    }

    /// <summary>What differs from what the app registers: URL, method, body, content type, triggers, secret.</summary>
    private List<string> WhatIsWrong(GorgiasIntegration integration, Tenant tenant)
    {
        var wrong = new List<string>();
        var http = integration.Http;
        if (http is null || !string.Equals(http.Url, _app.WebhookUrl(tenant.Id), StringComparison.Ordinal))
        {
            wrong.Add("URL");
        }

        if (http is null || !string.Equals(http.Method, "POST", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(http.RequestContentType, "application/json", StringComparison.OrdinalIgnoreCase)
            || http.Form is null || http.Form.GetValueKind() != JsonValueKind.String || http.Form.GetValue<string>() != "{{ticket}}")
        {
            wrong.Add("body");
        }

        var triggers = http?.Triggers?.Where(t => t.Value).Select(t => t.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        if (!triggers.SetEquals(WebhookRegistration.Triggers))
        {
            wrong.Add("triggers");
        }

        var secrets = http?.Headers?.Where(h => h.Key.Equals(WebhookRegistration.SecretHeader, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList() ?? [];
        if (secrets.Count != 1 || tenant.WebhookSecretHash is not { Length: 32 } stored
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secrets[0])), stored))
        {
            wrong.Add("secret");
        }

        return wrong;
    }

    private async Task SaveRepairAsync(Data.SaasDbContext db, Tenant tenant, long integrationId, byte[]? secretHash, string kind, string message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        tenant.WebhookIntegrationId = integrationId;
        if (secretHash is not null)
        {
            tenant.WebhookSecretHash = secretHash;
        }

        tenant.UpdatedAt = now;
        tenant.Version++;
        db.TenantActivities.Add(new TenantActivity { TenantId = tenant.Id, At = now, Kind = kind, Message = message });
        await db.SaveChangesAsync(cancellationToken);

        // The intake's cache may hold the old secret's hash: drop it, so the old secret is refused at once.
        tenantCache.Invalidate(tenant.Id);
    }

    private async Task<(int Events, int Fetched, int Added, DateTimeOffset? Watermark)> FillGapsAsync(
        Data.SaasDbContext db, Tenant tenant, WebhookHealthState state, GorgiasCaller caller, CancellationToken cancellationToken)
    {
        // From the watermark, but never from before the (re)install: what happened while the app was not installed is not ours.
        var start = state.EventsWatermark is { } mark && (tenant.InstalledAt is null || mark > tenant.InstalledAt) ? mark : tenant.InstalledAt ?? clock.GetUtcNow();
        var query = new GorgiasEventQuery(Types: EventTypes, CreatedFrom: start - _options.Lookback);
        var touched = new Dictionary<long, DateTimeOffset>();
        var read = 0;
        DateTimeOffset? watermark = state.EventsWatermark;
        await foreach (var e in api.ListEventsAsync(caller, query, cancellationToken))
        {
            read++;
            watermark = watermark is { } w && w > e.CreatedDatetime ? w : e.CreatedDatetime;
            if (TicketOf(e) is { } ticketId)
            {
                touched[ticketId] = touched.TryGetValue(ticketId, out var at) && at > e.CreatedDatetime ? at : e.CreatedDatetime;
            }

            if (read >= _options.MaxEventsPerCheck)
            {
                break;
            }
        }

        var fetched = 0;
        var added = 0;
        foreach (var (ticketId, eventAt) in touched.OrderBy(t => t.Value))
        {
            var since = eventAt - _options.EventMatchTolerance;
            if (await db.InboxEvents.AsNoTracking().AnyAsync(r => r.TicketId == ticketId && r.TicketUpdatedAt >= since, cancellationToken))
            {
                continue;
            }

            JsonElement ticket;
            try
            {
                fetched++;
                ticket = await api.GetTicketJsonAsync(caller, ticketId, cancellationToken);
            }
            catch (GorgiasNotFoundException)
            {
                continue; // Deleted since: nothing to process.
            }

            var body = Encoding.UTF8.GetBytes(ticket.GetRawText());
            if (!IntakeEndpoint.TryParseTicket(body, out var id, out var updatedAt, out var problem))
            {
                LogNotATicket(tenant.Id, ticketId, problem);
                continue;
            }

            var now = clock.GetUtcNow();
            var written = await inbox.WriteAsync(new InboxEvent
            {
                TenantId = tenant.Id,
                DedupeKey = updatedAt is { } u ? InboxDedupeKey.ForTicket(id, u) : InboxDedupeKey.ForBody(body),
                TicketId = id,
                TicketUpdatedAt = updatedAt,
                Payload = Encoding.UTF8.GetString(body),
                State = InboxEventState.Pending,
                ReceivedAt = now,
                NextAttemptAt = now,
            });
            if (written.Inserted)
            {
                added++;
            }
        }

        return (read, fetched, added, watermark);
    }

    /// <summary>The ticket an event is about: the object for ticket events, <c>data.ticket_id</c> for message events.</summary>
    private static long? TicketOf(GorgiasEvent e)
    {
        if (e.ObjectType == GorgiasEventTypes.ObjectTicket)
        {
            return e.ObjectId;
        }

        return e.ObjectType == GorgiasEventTypes.ObjectTicketMessage
            && e.Data is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("ticket_id", out var ticketId) && ticketId.TryGetInt64(out var id)
            ? id
            : null;
    }

    [LoggerMessage(1, LogLevel.Information, "Webhook check of tenant {TenantId}: integration {Status}, {Events} events read, {Fetched} tickets fetched, {Added} added to the inbox")]
    private partial void LogChecked(Guid tenantId, WebhookIntegrationStatus status, int events, int fetched, int added);

    [LoggerMessage(2, LogLevel.Warning, "Webhook integration of tenant {TenantId} repaired: {Status} (integration {IntegrationId})")]
    private partial void LogRepaired(Guid tenantId, WebhookIntegrationStatus status, long integrationId);

    [LoggerMessage(3, LogLevel.Warning, "Ticket {TicketId} of tenant {TenantId} fetched for the gap-fill is not a ticket: {Problem}")]
    private partial void LogNotATicket(Guid tenantId, long ticketId, string problem);
}
