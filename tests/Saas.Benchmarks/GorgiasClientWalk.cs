using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;

namespace Saas.Benchmarks;

/// <summary>
/// What the Gorgias client costs on top of the wire: one walk of every ticket (<c>updated_datetime:asc</c>, pages of
/// 100) through <see cref="GorgiasApiClient"/> as <c>AddGorgiasClients</c> builds it (resilience pipeline per tenant,
/// call handler, JSON models), against the same pages fetched with a bare <see cref="HttpClient"/> and not parsed;
/// then the same client walk with the cursor expiring once in the middle (restart from the watermark). The bar: one
/// client walk must go at least 10 times faster than Gorgias' fastest rate limit lets any walk go (enterprise: 80
/// requests per 10 s = 8 pages/s), so the client never bounds a sync.
/// </summary>
internal static class GorgiasClientWalk
{
    private const double FastestGorgiasPagesPerSecond = 8;

    public static async Task<BenchmarkResult> RunAsync(string[] args)
    {
        var tickets = IntArg(args, "--tickets", 20_000);
        await using var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.RateLimits.Enabled = false;
            o.SeedOnStart = false;
            o.CursorLifetime = TimeSpan.FromHours(1);
        });
        await sandbox.Control.CreateAccountAsync(new CreateAccountRequest("bench", "standard", tickets, tickets / 4));
        var token = (await sandbox.Control.InstallAsync("bench", "demo-app", ["openid", "offline", "write:all"])).AccessToken;
        var account = GorgiasAccount.TryParse("bench", out var a) ? a : throw new InvalidOperationException();
        var caller = GorgiasCaller.WithAccessToken(account, "bench-tenant", GorgiasLane.Backfill, token);

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gorgias:AccountBaseUrl"] = sandbox.AccountBaseUrlTemplate,
            ["Gorgias:ClientId"] = "demo-app",
            ["Gorgias:ClientSecret"] = "demo-secret",
        }).Build());
        services.AddGorgiasClients();
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<GorgiasApiClient>();

        using var raw = new HttpClient { BaseAddress = sandbox.AccountBaseAddress("bench/") };
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Warm up both paths (JIT, connections, the sandbox's rendered list items).
        await ClientWalkAsync(api, caller, null);
        await RawWalkAsync(raw);

        // Three interleaved rounds, the median of each (the machine is shared).
        var clientTimes = new List<TimeSpan>();
        var rawTimes = new List<TimeSpan>();
        var restartTimes = new List<TimeSpan>();
        int clientCount = 0, rawPages = 0, restartCount = 0, duplicates = 0;
        for (var round = 0; round < 3; round++)
        {
            var (count, time, _) = await ClientWalkAsync(api, caller, null);
            clientCount = count;
            clientTimes.Add(time);
            var (pagesRead, rawTimeTaken) = await RawWalkAsync(raw);
            rawPages = pagesRead;
            rawTimes.Add(rawTimeTaken);
            var (restarted, restartTaken, duplicated) = await ClientWalkAsync(api, caller, () => sandbox.Control.ExpireCursorsAsync("bench"));
            restartCount = restarted;
            duplicates += duplicated;
            restartTimes.Add(restartTaken);
        }

        var clientTime = Median(clientTimes);
        var rawTime = Median(rawTimes);
        var restartTime = Median(restartTimes);

        var pages = Math.Ceiling(clientCount / 100.0);
        var clientPagesPerSecond = pages / clientTime.TotalSeconds;
        var rawPagesPerSecond = rawPages / rawTime.TotalSeconds;
        var headroom = clientPagesPerSecond / FastestGorgiasPagesPerSecond;
        var passed = headroom >= 10 && clientCount == tickets && restartCount == tickets && duplicates == 0;
        var inv = CultureInfo.InvariantCulture;
        var markdown = string.Create(inv, $"""
            ## Gorgias client: walking every ticket

            Command: `dotnet run -c Release --project tests/Saas.Benchmarks -- client-walk --write`

            One walk of a generated account of {tickets:N0} tickets (`order_by=updated_datetime:asc`, pages of 100) from an in-process sandbox (rate limiting off) on loopback, through `GorgiasApiClient` as `AddGorgiasClients` builds it (per-tenant resilience pipeline, call handler with the pass-through gate, JSON into `GorgiasTicket`), against the same pages read by a bare `HttpClient` without parsing. Client and server share this machine's {Environment.ProcessorCount} cores; the median of three interleaved rounds after a warm-up walk.

            | measure | value |
            | --- | --- |
            | client walk | {clientCount:N0} tickets in {clientTime.TotalSeconds:N2} s: {clientCount / clientTime.TotalSeconds:N0} tickets/s, {clientPagesPerSecond:N0} pages/s |
            | bare HttpClient, same pages unparsed | {rawPages:N0} pages in {rawTime.TotalSeconds:N2} s: {rawPagesPerSecond:N0} pages/s |
            | client cost over the bare wire | {clientTime.TotalSeconds / rawTime.TotalSeconds:N2}× the time |
            | headroom over Gorgias' fastest allowed walk (8 pages/s) | **{headroom:N0}×** (bar: 10×, {(passed ? "met" : "NOT met")}) |
            | walk with the cursor expiring at ticket 5,050 | {restartCount:N0} tickets, {duplicates} duplicates in 3 rounds, {restartTime.TotalSeconds:N2} s (the restart pages through the first 5,100 again: tickets have no server-side date filter) |
            """);
        return new BenchmarkResult(markdown, passed);
    }

    private static async Task<(int Count, TimeSpan Time, int Duplicates)> ClientWalkAsync(GorgiasApiClient api, GorgiasCaller caller, Func<Task>? expireMidway)
    {
        var seen = new HashSet<long>();
        var count = 0;
        var duplicates = 0;
        var started = Stopwatch.GetTimestamp();
        await foreach (var ticket in api.ListTicketsAsync(caller, new GorgiasTicketQuery(OrderBy: GorgiasOrder.UpdatedAscending)))
        {
            count++;
            if (!seen.Add(ticket.Id))
            {
                duplicates++;
            }

            if (count == 5_050 && expireMidway is not null)
            {
                await expireMidway();
            }
        }

        return (count, Stopwatch.GetElapsedTime(started), duplicates);
    }

    private static async Task<(int Pages, TimeSpan Time)> RawWalkAsync(HttpClient client)
    {
        var pages = 0;
        string? cursor = null;
        var started = Stopwatch.GetTimestamp();
        do
        {
            var url = "api/tickets?limit=100&order_by=updated_datetime%3Aasc" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var body = await client.GetByteArrayAsync(url);
            pages++;
            cursor = NextCursor(body);
        }
        while (cursor is not null);
        return (pages, Stopwatch.GetElapsedTime(started));
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static string? NextCursor(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var at = text.LastIndexOf("\"next_cursor\":", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = text[(at + 14)..].TrimStart();
        return rest.StartsWith("null", StringComparison.Ordinal) ? null : rest[1..rest.IndexOf('"', 1)];
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
