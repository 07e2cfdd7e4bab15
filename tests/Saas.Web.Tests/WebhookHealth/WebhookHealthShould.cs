using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Saas.Core.Intake;
using Saas.Core.Tenancy;
using Saas.Core.WebhookHealth;
using Saas.Web.Tests.Infrastructure;
using Saas.Web.Tests.Intake;

namespace Saas.Web.Tests.WebhookHealth;

/// <summary>
/// The webhook self-healing against the real app, the real sandbox (its integrations, webhook deliveries, faults and
/// event log) and real SQLite: each test breaks the tenant's integration or drops deliveries the way Gorgias or a
/// merchant would, runs one check, and looks at the integration, the tenant row, the activity lines and the inbox.
/// </summary>
public sealed class WebhookHealthShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Harness(TestApp App, InstalledTenant Tenant) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();

        public Task<WebhookHealthReport> CheckAsync() => IntakeKit.Service<Saas.Core.WebhookHealth.WebhookHealth>(App).CheckNowAsync(Tenant.Id);

        public async Task<Tenant> TenantAsync() => (await App.TenantsAsync()).Single(t => t.Id == Tenant.Id);

        public async Task<List<InboxEvent>> RowsAsync(long ticketId) => [.. (await IntakeKit.RowsAsync(App)).Where(r => r.TicketId == ticketId)];

        public async Task<long> WriteInAsync(string subject)
        {
            var written = await App.Control.WriteInAsync("acme", new WriteInRequest("sam@example.com", "Sam", subject, "Hello, " + subject), Ct);
            return written.GetProperty("id").GetInt64();
        }

        /// <summary>The app's calls to the account's REST API (token requests left out) since the log was cleared.</summary>
        public async Task<List<string>> ApiCallsAsync() =>
            [.. (await App.RequestLogAsync()).Where(r => r.Path.Contains("/api/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Path[r.Path.IndexOf("/api/", StringComparison.Ordinal)..].Split('?')[0]}")];
    }

    private static async Task<Harness> StartAsync()
    {
        var app = await TestApp.StartAsync();
        return new Harness(app, await IntakeKit.InstallAsync(app));
    }

    [Fact]
    public async Task Cost_a_healthy_tenant_only_the_integration_read_and_one_events_page()
    {
        await using var h = await StartAsync();
        var integrationId = (await h.TenantAsync()).WebhookIntegrationId!.Value;
        await h.App.Control.ClearRequestLogAsync("acme", Ct);

        var report = await h.CheckAsync();

        report.Integration.ShouldBe(WebhookIntegrationStatus.Healthy);
        (report.TicketsFetched, report.RowsAdded).ShouldBe((0, 0));
        (await h.ApiCallsAsync()).ShouldBe([$"GET /api/integrations/{integrationId}", "GET /api/events"]);
        (await h.App.ActivitiesAsync()).Select(a => a.Kind).ShouldBe(["installed"]);
        var state = await h.App.DbAsync(db => db.WebhookHealthStates.IgnoreQueryFilters([TenantQueryFilter.Name]).SingleAsync(Ct));
        state.TenantId.ShouldBe(h.Tenant.Id);
        state.LastOutcome.ShouldBe(report.Summary);
    }

    [Fact]
    public async Task Re_enable_a_deactivated_integration_recover_what_it_missed_and_receive_deliveries_again()
    {
        await using var h = await StartAsync();
        var integrationId = (await h.TenantAsync()).WebhookIntegrationId!.Value;
        (await AdminAsync(h.App, HttpMethod.Put, $"api/integrations/{integrationId}", new JsonObject { ["deactivated_datetime"] = DateTimeOffset.UtcNow.ToString("O") })).ShouldBe(HttpStatusCode.OK);
        var missed = await h.WriteInAsync("Sent while the integration was off");

        var report = await h.CheckAsync();

        report.Integration.ShouldBe(WebhookIntegrationStatus.Reactivated);
        report.RowsAdded.ShouldBe(1);
        (await SandboxApi.GetIntegrationAsync(h.App, integrationId))["deactivated_datetime"].ShouldBeNull();
        var activity = (await h.App.ActivitiesAsync()).Last();
        (activity.TenantId, activity.Kind).ShouldBe((h.Tenant.Id, "webhook-reactivated"));
        activity.Message.ShouldContain(integrationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var recovered = await IntakeKit.UntilAsync(() => h.RowsAsync(missed), rs => rs.Count == 1 && rs[0].State == InboxEventState.Done, "the missed ticket to be processed");
        recovered[0].Payload.ShouldContain("Sent while the integration was off");

        // Deliveries resume: the next ticket comes by webhook, with the same secret.
        var next = await h.WriteInAsync("Sent after the repair");
        await IntakeKit.UntilAsync(() => h.RowsAsync(next), rs => rs.Count > 0, "the next ticket's webhook");
        (await h.App.Control.GetDeliveriesAsync("acme", cancellationToken: Ct)).Where(d => d.TicketId == next).ShouldAllBe(d => d.Status == 200);
    }

    [Fact]
    public async Task Re_create_a_deleted_integration_with_a_new_secret_and_refuse_the_old_one()
    {
        await using var h = await StartAsync();
        var oldId = (await h.TenantAsync()).WebhookIntegrationId!.Value;
        (await AdminAsync(h.App, HttpMethod.Delete, $"api/integrations/{oldId}")).ShouldBe(HttpStatusCode.NoContent);

        var report = await h.CheckAsync();

        report.Integration.ShouldBe(WebhookIntegrationStatus.Recreated);
        var tenant = await h.TenantAsync();
        tenant.WebhookIntegrationId.ShouldNotBe(oldId);
        var integration = await SandboxApi.GetIntegrationAsync(h.App, tenant.WebhookIntegrationId!.Value);
        var http = integration["http"]!.AsObject();
        http["url"]!.GetValue<string>().ShouldBe(h.Tenant.WebhookUrl.ToString());
        var newSecret = http["headers"]![IntakeKit.SecretHeader]!.GetValue<string>();
        newSecret.ShouldNotBe(h.Tenant.Secret);
        tenant.WebhookSecretHash.ShouldBe(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(newSecret)));
        (await h.App.ActivitiesAsync()).Last().Kind.ShouldBe("webhook-recreated");

        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, h.Tenant.Secret, IntakeKit.Ticket(501))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, newSecret, IntakeKit.Ticket(502))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await h.RowsAsync(501)).ShouldBeEmpty();

        // The next ticket is delivered by the new integration.
        var next = await h.WriteInAsync("After the re-creation");
        await IntakeKit.UntilAsync(() => h.RowsAsync(next), rs => rs.Count > 0, "the new integration's webhook");
        h.App.Logs.Text.ShouldNotContain(newSecret);
        h.App.Logs.Text.ShouldNotContain(h.Tenant.Secret);
    }

    [Fact]
    public async Task Put_back_a_changed_url_and_triggers_keeping_the_secret()
    {
        await using var h = await StartAsync();
        var id = (await h.TenantAsync()).WebhookIntegrationId!.Value;
        var hash = (await h.TenantAsync()).WebhookSecretHash;
        (await AdminAsync(h.App, HttpMethod.Put, $"api/integrations/{id}", new JsonObject
        {
            ["http"] = new JsonObject { ["url"] = "https://elsewhere.example.com/hook", ["triggers"] = new JsonObject { ["ticket-created"] = true } },
        })).ShouldBe(HttpStatusCode.OK);

        var report = await h.CheckAsync();

        report.Integration.ShouldBe(WebhookIntegrationStatus.Updated);
        var http = (await SandboxApi.GetIntegrationAsync(h.App, id))["http"]!.AsObject();
        http["url"]!.GetValue<string>().ShouldBe(h.Tenant.WebhookUrl.ToString());
        http["triggers"]!.AsObject().Where(t => t.Value!.GetValue<bool>()).Select(t => t.Key).Order().ShouldBe(["ticket-created", "ticket-message-created", "ticket-updated"]);
        http["headers"]![IntakeKit.SecretHeader]!.GetValue<string>().ShouldBe(h.Tenant.Secret);
        (await h.TenantAsync()).WebhookSecretHash.ShouldBe(hash);
        var activity = (await h.App.ActivitiesAsync()).Last();
        activity.Kind.ShouldBe("webhook-updated");
        activity.Message.ShouldContain("URL, triggers corrected");

        (await h.CheckAsync()).Integration.ShouldBe(WebhookIntegrationStatus.Healthy);
    }

    [Fact]
    public async Task Replace_a_wrong_secret_with_a_new_one()
    {
        await using var h = await StartAsync();
        var id = (await h.TenantAsync()).WebhookIntegrationId!.Value;
        (await AdminAsync(h.App, HttpMethod.Put, $"api/integrations/{id}", new JsonObject
        {
            ["http"] = new JsonObject { ["headers"] = new JsonObject { [IntakeKit.SecretHeader] = "not-the-secret" } },
        })).ShouldBe(HttpStatusCode.OK);

        (await h.CheckAsync()).Integration.ShouldBe(WebhookIntegrationStatus.Updated);

        var secret = (await SandboxApi.GetIntegrationAsync(h.App, id))["http"]!["headers"]![IntakeKit.SecretHeader]!.GetValue<string>();
        secret.ShouldNotBeOneOf("not-the-secret", h.Tenant.Secret);
        (await h.TenantAsync()).WebhookSecretHash.ShouldBe(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        (await h.App.ActivitiesAsync()).Last().Message.ShouldContain("secret corrected (new secret)");
        (await IntakeKit.PostAsync(h.Tenant.WebhookUrl, secret, IntakeKit.Ticket(601))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Recover_dropped_deliveries_from_the_event_log_into_the_inbox_and_process_them()
    {
        await using var h = await StartAsync();
        await h.App.Control.SetFaultsAsync("acme", new FaultSettings { WebhookDropRate = 1.0 }, Ct);
        var first = await h.WriteInAsync("Dropped one");
        var second = await h.WriteInAsync("Dropped two");
        await IntakeKit.UntilAsync(
            async () => (await h.App.Control.GetDeliveriesAsync("acme", cancellationToken: Ct)).Where(d => d.TicketId == second).ToList(),
            ds => ds.Count > 0 && ds.All(d => d.Outcome == "dropped"),
            "the sandbox to drop the deliveries");
        (await h.RowsAsync(first)).ShouldBeEmpty();

        var report = await h.CheckAsync();

        report.Integration.ShouldBe(WebhookIntegrationStatus.Healthy);
        (report.TicketsFetched, report.RowsAdded).ShouldBe((2, 2));
        foreach (var (ticket, subject) in new[] { (first, "Dropped one"), (second, "Dropped two") })
        {
            var rows = await IntakeKit.UntilAsync(() => h.RowsAsync(ticket), rs => rs.Count == 1 && rs[0].State == InboxEventState.Done, "the recovered ticket to be processed");
            rows[0].Payload.ShouldContain(subject);
            rows[0].TenantId.ShouldBe(h.Tenant.Id);
            rows[0].DedupeKey.ShouldStartWith($"ticket:{ticket}:");
        }

        // A second check finds the rows: nothing fetched, nothing added.
        var again = await h.CheckAsync();
        (again.TicketsFetched, again.RowsAdded).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Not_duplicate_a_ticket_whose_webhook_did_arrive()
    {
        await using var h = await StartAsync();
        var ticket = await h.WriteInAsync("Delivered normally");
        var delivered = await IntakeKit.UntilAsync(
            async () => (await h.App.Control.GetDeliveriesAsync("acme", cancellationToken: Ct)).Where(d => d.TicketId == ticket).ToList(),
            ds => ds.Count > 0 && ds.All(d => d.Outcome == "delivered"),
            "the ticket's delivery");
        var before = await h.RowsAsync(ticket);
        before.ShouldNotBeEmpty();

        var report = await h.CheckAsync();

        (report.TicketsFetched, report.RowsAdded).ShouldBe((0, 0));
        (await h.RowsAsync(ticket)).Select(r => r.Id).ShouldBe(before.Select(r => r.Id));
        delivered.ShouldAllBe(d => d.Status == 200);
    }

    [Fact]
    public async Task Write_a_fetched_ticket_on_the_row_its_webhook_made_when_the_inbox_check_is_passed()
    {
        // The ticket is in the inbox (by webhook) but the check cannot tell from the times (tolerance 0 and the
        // event recorded after the ticket's stamp): the ticket is fetched, and the dedupe key lands on the same row.
        await using var app = await TestApp.StartAsync(o => o.Settings["WebhookHealth:EventMatchTolerance"] = "00:00:00");
        var tenant = await IntakeKit.InstallAsync(app);
        var h = new Harness(app, tenant);
        var ticket = await h.WriteInAsync("Fetched but not duplicated");
        await IntakeKit.UntilAsync(
            async () => (await app.Control.GetDeliveriesAsync("acme", cancellationToken: Ct)).Count(d => d.TicketId == ticket && d.Outcome == "delivered"),
            n => n > 0,
            "the ticket's delivery");
        var before = await h.RowsAsync(ticket);

        var report = await h.CheckAsync();

        report.TicketsFetched.ShouldBe(1);
        report.RowsAdded.ShouldBe(0);
        (await h.RowsAsync(ticket)).Select(r => r.Id).ShouldBe(before.Select(r => r.Id));
    }

    [Fact]
    public async Task Skip_a_disconnected_tenant_without_calling_gorgias()
    {
        await using var h = await StartAsync();
        await h.App.DbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == h.Tenant.Id, Ct);
            tenant.State = TenantState.Disconnected;
            return await db.SaveChangesAsync(Ct);
        });
        await h.App.Control.ClearRequestLogAsync("acme", Ct);

        var report = await h.CheckAsync();

        report.Integration.ShouldBe(WebhookIntegrationStatus.Skipped);
        (await h.App.RequestLogAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_every_active_tenant_from_the_schedule()
    {
        await using var h = await StartAsync();
        await h.App.Control.SetFaultsAsync("acme", new FaultSettings { WebhookDropRate = 1.0 }, Ct);
        var ticket = await h.WriteInAsync("Found by the scheduled check");

        (await IntakeKit.Service<Saas.Core.WebhookHealth.WebhookHealth>(h.App).CheckAllNowAsync()).ShouldBe(1);

        await IntakeKit.UntilAsync(() => h.RowsAsync(ticket), rs => rs.Count == 1 && rs[0].State == InboxEventState.Done, "the scheduled check to recover the ticket");
    }

    /// <summary>A call to the account's API as its admin (Basic auth with the admin's API key), as a merchant would break things.</summary>
    private static async Task<HttpStatusCode> AdminAsync(TestApp app, HttpMethod method, string path, JsonObject? body = null)
    {
        var admin = (await app.Control.GetAccountAsync("acme", Ct)).Users.First(u => u.Role == "admin");
        using var http = new HttpClient { BaseAddress = new Uri(app.Sandbox.AccountBaseAddress("acme") + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.Email}:{admin.ApiKey}")));
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
