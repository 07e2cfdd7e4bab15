using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Intake;
using Saas.Core.Tenancy;
using Saas.Web.Tests.Infrastructure;

namespace Saas.Web.Tests.Intake;

/// <summary>An installed tenant: its id, its webhook URL and the secret the sandbox integration sends.</summary>
internal sealed record InstalledTenant(Guid Id, Uri WebhookUrl, string Secret);

/// <summary>Helpers for the intake tests: a real install, webhook posts, the inbox rows as stored.</summary>
internal static class IntakeKit
{
    public const string SecretHeader = "X-Autopilot-Secret";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Installs <paramref name="account"/> through the real flow and reads the secret from the sandbox's integration.</summary>
    public static async Task<InstalledTenant> InstallAsync(TestApp app, string account = "acme")
    {
        (await app.InstallAsync(account)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        var tenant = (await app.TenantsAsync()).Single(t => t.Account == account);
        var integration = await SandboxApi.GetIntegrationAsync(app, tenant.WebhookIntegrationId!.Value, account);
        var http = integration["http"]!.AsObject();
        var secret = http["headers"]!.AsObject().Single(h => h.Key.Equals(SecretHeader, StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>();
        return new InstalledTenant(tenant.Id, new Uri(http["url"]!.GetValue<string>()), secret);
    }

    public static string Ticket(long id, string updated = "2026-11-30T10:00:00.123456+00:00", string subject = "Where is my order?") =>
        $$$"""{"id":{{{id}}},"subject":"{{{subject}}}","status":"open","updated_datetime":"{{{updated}}}","customer":{"email":"jane@example.com"}}""";

    public static Task<HttpResponseMessage> PostAsync(Uri url, string? secret, string body, string contentType = "application/json") =>
        PostAsync(url, secret, Encoding.UTF8.GetBytes(body), contentType);

    public static Task<HttpResponseMessage> PostAsync(Uri url, string? secret, byte[] body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(SecretHeader, secret);
        }

        return Http.SendAsync(request, Ct);
    }

    /// <summary>Every inbox row of every tenant: a test-side system read, past the tenant filter on purpose.</summary>
    public static Task<List<InboxEvent>> RowsAsync(TestApp app) =>
        app.DbAsync(db => db.InboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]).AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct));

    public static T Service<T>(TestApp app)
        where T : notnull => app.App.Services.GetRequiredService<T>();

    /// <summary>Waits for a condition by reading it again every few milliseconds until a deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(10, Ct);
        }
    }
}

/// <summary>
/// A handler that records every call (row id, ticket, attempt) and fails while <see cref="Failing"/> says so, with a
/// recognisable reason.
/// </summary>
internal sealed class RecordingHandler : IInboxEventHandler
{
    private readonly ConcurrentQueue<InboxItem> _calls = new();

    public Func<InboxItem, bool> Failing { get; set; } = _ => false;

    /// <summary>Each successful handling, in order.</summary>
    public ConcurrentQueue<InboxItem> Handled { get; } = new();

    public IReadOnlyList<InboxItem> Calls => [.. _calls];

    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        _calls.Enqueue(item);
        await Task.Yield();
        if (Failing(item))
        {
            throw new InvalidOperationException($"rule engine unavailable for ticket {item.TicketId}");
        }

        Handled.Enqueue(item);
    }
}

/// <summary>
/// A dispatcher in front of the app's local one that drops nudges while <see cref="Drop"/> is true (a crash between
/// insert and dispatch) and counts what it forwards.
/// </summary>
internal sealed class SwitchableDispatcher(IServiceProvider services) : IInboxDispatcher
{
    private int _dropped;

    public bool Drop { get; set; }

    public int Dropped => _dropped;

    public ValueTask DispatchAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (Drop)
        {
            Interlocked.Increment(ref _dropped);
            return ValueTask.CompletedTask;
        }

        return services.GetRequiredService<LocalInboxDispatcher>().DispatchAsync(tenantId, cancellationToken);
    }
}
