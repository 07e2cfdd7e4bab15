using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Saas.Core.Install;
using Saas.Core.Intake;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Intake;

/// <summary>POST /webhooks/gorgias/{tenantId} against the real app and sandbox: what is accepted, refused, and stored.</summary>
public sealed class IntakeEndpointShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApp App, InstalledTenant Tenant, RecordingHandler Handler)> StartAsync(Action<TestAppOptions>? configure = null)
    {
        var handler = new RecordingHandler();
        var app = await TestApp.StartAsync(o =>
        {
            o.Services = s => s.AddSingleton<IInboxEventHandler>(handler);
            configure?.Invoke(o);
        });
        return (app, await IntakeKit.InstallAsync(app), handler);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!.GetValue<string>();

    [Fact]
    public async Task Store_a_delivery_once_when_it_comes_twice_and_answer_2xx_both_times()
    {
        var (app, tenant, handler) = await StartAsync();
        await using var _ = app;

        using var first = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(42));
        using var second = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(42));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync(Ct)).ShouldContain("duplicate");
        var row = (await IntakeKit.RowsAsync(app)).ShouldHaveSingleItem();
        row.TenantId.ShouldBe(tenant.Id);
        row.TicketId.ShouldBe(42);
        row.DedupeKey.ShouldBe(InboxDedupeKey.ForTicket(42, DateTimeOffset.Parse("2026-11-30T10:00:00.123456+00:00", System.Globalization.CultureInfo.InvariantCulture)));
        row.Payload.ShouldBe(IntakeKit.Ticket(42));
        await IntakeKit.UntilAsync(() => Task.FromResult(handler.Handled.Count), c => c == 1, "the row to be processed");
    }

    [Fact]
    public async Task Dedupe_the_same_ticket_state_written_differently_but_keep_a_later_state()
    {
        var (app, tenant, _) = await StartAsync();
        await using var _ = app;

        // The same updated_datetime in another offset and another body: the same ticket state (as a gap-fill would fetch it).
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(7, "2026-11-30T10:00:00Z"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(7, "2026-11-30T11:00:00+01:00", subject: "changed"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(7, "2026-11-30T10:00:01Z"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without updated_datetime the body's hash is the key.
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, """{"id":8}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, """{"id":8}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, """{"id":8,"x":1}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await IntakeKit.RowsAsync(app);
        rows.Select(r => r.TicketId).ShouldBe([7, 7, 8, 8]);
        rows[2].DedupeKey.ShouldBe(InboxDedupeKey.ForBody(Encoding.UTF8.GetBytes("""{"id":8}""")));
    }

    [Fact]
    public async Task Refuse_a_wrong_or_missing_secret_with_401_and_store_nothing()
    {
        var (app, tenant, _) = await StartAsync();
        await using var _ = app;

        using var missing = await IntakeKit.PostAsync(tenant.WebhookUrl, null, IntakeKit.Ticket(1));
        using var wrong = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret[..^1] + (tenant.Secret[^1] == 'A' ? 'B' : 'A'), IntakeKit.Ticket(1));
        using var empty = await IntakeKit.PostAsync(tenant.WebhookUrl, "", IntakeKit.Ticket(1));

        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        empty.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorOf(wrong)).ShouldContain("X-Autopilot-Secret");
        (await IntakeKit.RowsAsync(app)).ShouldBeEmpty();
        app.Logs.Text.ShouldNotContain(tenant.Secret);
        app.Logs.Text.ShouldNotContain("Where is my order?");
    }

    [Fact]
    public async Task Accept_the_new_secret_at_once_after_a_reinstall_and_refuse_the_old_one_once_the_cache_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (app, tenant, _) = await StartAsync(o => o.Clock = clock);
        await using var _ = app;
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(1))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await IntakeKit.InstallAsync(app);

        // The old hash is cached: the new secret is checked against the database at once.
        again.Id.ShouldBe(tenant.Id);
        (await IntakeKit.PostAsync(again.WebhookUrl, again.Secret, IntakeKit.Ticket(3))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The cache holds a tenant for Intake:TenantCacheDuration (5 s) at most: after it the old secret is refused.
        clock.Advance(TimeSpan.FromSeconds(6));
        (await IntakeKit.PostAsync(again.WebhookUrl, tenant.Secret, IntakeKit.Ticket(2))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await IntakeKit.RowsAsync(app)).Select(r => r.TicketId).ShouldBe([1, 3]);
    }

    [Fact]
    public async Task Refuse_a_body_over_the_limit_with_413_and_store_nothing()
    {
        var (app, tenant, _) = await StartAsync();
        await using var _ = app;
        var big = Encoding.UTF8.GetBytes($$"""{"id":5,"subject":"{{new string('x', 1024 * 1024)}}"}""");

        using var declared = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, big);
        using var chunked = await SendChunkedAsync(tenant, big);

        declared.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        chunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await ErrorOf(declared)).ShouldContain("larger than 1048576 bytes");
        (await IntakeKit.RowsAsync(app)).ShouldBeEmpty();
    }

    private static async Task<HttpResponseMessage> SendChunkedAsync(InstalledTenant tenant, byte[] body)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var request = new HttpRequestMessage(HttpMethod.Post, tenant.WebhookUrl) { Content = new StreamContent(new MemoryStream(body)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(IntakeKit.SecretHeader, tenant.Secret);
        return await http.SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("[1,2,3]", "expected a JSON object, got array")]
    [InlineData("""{"subject":"no id"}""", "positive integer \"id\"")]
    [InlineData("""{"id":"42"}""", "positive integer \"id\"")]
    [InlineData("""{"id":4.5}""", "positive integer \"id\"")]
    [InlineData("""{"id":0}""", "positive integer \"id\"")]
    [InlineData("", "not JSON")]
    public async Task Refuse_a_body_that_is_not_a_ticket_with_400_and_a_clear_message(string body, string message)
    {
        var (app, tenant, _) = await StartAsync();
        await using var _ = app;

        using var response = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorOf(response)).ShouldContain(message);
        (await IntakeKit.RowsAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Answer_404_for_an_unknown_or_malformed_tenant_and_410_for_a_disconnected_one()
    {
        var (app, tenant, _) = await StartAsync();
        await using var _ = app;

        using var unknown = await IntakeKit.PostAsync(new Uri(app.BaseAddress, $"webhooks/gorgias/{Guid.NewGuid()}"), tenant.Secret, IntakeKit.Ticket(1));
        using var malformed = await IntakeKit.PostAsync(new Uri(app.BaseAddress, "webhooks/gorgias/acme"), tenant.Secret, IntakeKit.Ticket(1));
        using var empty = await IntakeKit.PostAsync(new Uri(app.BaseAddress, $"webhooks/gorgias/{Guid.Empty}"), tenant.Secret, IntakeKit.Ticket(1));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        empty.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await app.ScopedAsync<TenantLifecycle, bool>(l => l.DisconnectAsync(tenant.Id, DisconnectCause.InvalidGrant, cancellationToken: Ct))).ShouldBeTrue();
        using var gone = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(1));

        gone.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await IntakeKit.RowsAsync(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Answer_503_with_Retry_After_and_store_nothing_while_the_database_is_locked()
    {
        var (app, tenant, handler) = await StartAsync(o => o.Settings["Intake:SqliteBusyTimeoutMilliseconds"] = "100");
        await using var _ = app;
        var file = Path.Combine(app.DataFolder, "saas.db");

        await using (var locker = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await locker.OpenAsync(Ct);
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync(Ct);
            }

            using var refused = await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(9));

            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            (await ErrorOf(refused)).ShouldContain("nothing was stored");
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        (await IntakeKit.RowsAsync(app)).ShouldBeEmpty();
        handler.Calls.ShouldBeEmpty();

        // Gorgias' retry, once the database is back, is stored.
        (await IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(9))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntakeKit.RowsAsync(app)).ShouldHaveSingleItem().TicketId.ShouldBe(9);
    }

    [Fact]
    public async Task Store_concurrent_deliveries_each_once_in_group_commits()
    {
        var (app, tenant, _) = await StartAsync();
        await using var _ = app;

        // 60 different tickets and each delivered twice, all at once.
        var responses = await Task.WhenAll(Enumerable.Range(1, 60).SelectMany(i => new[] { i, i })
            .Select(i => IntakeKit.PostAsync(tenant.WebhookUrl, tenant.Secret, IntakeKit.Ticket(1000 + i))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var rows = await IntakeKit.RowsAsync(app);
        rows.Count.ShouldBe(60);
        rows.Select(r => r.TicketId).Distinct().Count().ShouldBe(60);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
