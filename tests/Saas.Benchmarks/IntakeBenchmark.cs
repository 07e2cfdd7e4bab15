using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Saas.Core.Data;
using Saas.Core.Intake;
using Saas.Core.Tenancy;
using Saas.Web;

namespace Saas.Benchmarks;

/// <summary>
/// The webhook intake of the real app (SQLite in a temporary folder, the inbox processed in the background by the
/// default handler) on loopback: latency of an open-loop load at a fixed rate (measured from each request's scheduled
/// send time, so queueing counts), then the maximum throughput of closed-loop clients, compared with a no-op
/// endpoint mapped in the same app (same pipeline, reads the body, answers the same JSON) in the same run.
/// Target: p99 ≤ 50 ms at 500 requests/s, and throughput at least a quarter of the no-op endpoint's.
/// </summary>
internal static class IntakeBenchmark
{
    private const int Tenants = 20;
    private static readonly byte[] NoopAnswer = """{"status":"accepted"}"""u8.ToArray();
    private static long _nextTicket = 1_000_000;

    public static async Task<BenchmarkResult> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var rate = IntArg(args, "--rate", 500);
        var openSeconds = IntArg(args, "--seconds", quick ? 15 : 60);
        var closedSeconds = quick ? 5 : 15;
        var concurrency = IntArg(args, "--concurrency", 32);

        var processingOff = args.Contains("--no-processing");
        var folder = Path.Combine(Path.GetTempPath(), "saas-bench-intake", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var builder = SaasWebApp.Create([], "Production", b =>
        {
            b.WebHost.UseUrls(baseAddress.ToString().TrimEnd('/'));
            b.Logging.ClearProviders();
            b.Logging.AddSimpleConsole();
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["App:PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/'),
                ["App:DataFolder"] = folder,
                ["Gorgias:AccountBaseUrl"] = "http://127.0.0.1:9/{account}",
                ["Gorgias:ClientId"] = "bench",
                ["Gorgias:ClientSecret"] = "bench-secret",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            if (processingOff)
            {
                b.Services.AddSingleton<IInboxDispatcher, DroppingDispatcher>();
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Intake:SweeperEnabled"] = "false" });
            }
        });
        var seenOnly = args.Contains("--seen-handler");
        if (seenOnly)
        {
            // The inbox machinery alone (claim, lease, mark done) with the trivial handler, without live tagging's
            // per-row work: how the intake fares beside the processor itself.
            builder.Services.RemoveAll<IInboxEventHandler>();
            builder.Services.AddSingleton<IInboxEventHandler, SeenInboxEventHandler>();
        }

        await using var app = builder.Build();
        app.MapSaas();
        app.MapPost("/bench/noop/{tenantId}", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(NoopAnswer, context.RequestAborted);
        });
        await app.StartAsync();
        var loadBefore = LoadAverage();

        var tenants = await SeedTenantsAsync(app.Services);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseCookies = false, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // Warm-up (JIT, connections, SQLite pages), then the load itself until the JIT is quiet: tiered compilation
        // (tier 0, instrumented, then optimised code) takes tens of seconds of traffic to settle, and a server measured
        // before then spends a sixth of its CPU compiling and runs half its code unoptimised.
        await ClosedLoopAsync(client, tenants, "webhooks/gorgias", concurrency, TimeSpan.FromSeconds(2.5));
        await ClosedLoopAsync(client, tenants, "bench/noop", concurrency, TimeSpan.FromSeconds(1));
        var warmupOpenOk = 0L;
        var warmup = Stopwatch.StartNew();
        var quiet = 0;
        for (var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(); quiet < 2 && warmup.Elapsed < TimeSpan.FromSeconds(quick ? 40 : 90);)
        {
            var chunk = await OpenLoopAsync(client, tenants, rate, TimeSpan.FromSeconds(2));
            warmupOpenOk += chunk.Ok;
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now - compiled < 20 ? quiet + 1 : 0;
            compiled = now;
        }

        var warmupSeconds = warmup.Elapsed.TotalSeconds;
        var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();

        var open = await OpenLoopAsync(client, tenants, rate, TimeSpan.FromSeconds(openSeconds));
        var jitDuringOpen = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        var pendingAfterOpen = await PendingAsync(app.Services);
        var noop = await ClosedLoopAsync(client, tenants, "bench/noop", concurrency, TimeSpan.FromSeconds(closedSeconds));
        var intake = await ClosedLoopAsync(client, tenants, "webhooks/gorgias", concurrency, TimeSpan.FromSeconds(closedSeconds));

        // The burst's rows wait in the inbox while the intake is busy (processing defers, up to Workers:InboxMaxDeferral),
        // then are processed: how long until none is pending, and at what rate.
        var pendingAfterBurst = await PendingAsync(app.Services);
        var drain = Stopwatch.StartNew();
        var pending = pendingAfterBurst;
        while (pending > 0 && !processingOff && drain.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(100);
            pending = await PendingAsync(app.Services);
        }

        var drainSeconds = drain.Elapsed.TotalSeconds;

        // Durability: every 200 is a row (accepted = stored).
        long rows;
        await using (var db = app.Services.GetRequiredService<ITenantDbContextFactory>().CreateForSystem("benchmark: count inbox rows"))
        {
            rows = await db.InboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]).LongCountAsync();
        }

        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }

        open.Latencies.Sort();
        double Pct(double p) => open.Latencies.Count == 0 ? double.NaN : open.Latencies[Math.Min(open.Latencies.Count - 1, (int)(open.Latencies.Count * p))];
        var p50 = Pct(0.50);
        var p99 = Pct(0.99);
        var achieved = open.Ok / (double)openSeconds;
        var share = intake.PerSecond / noop.PerSecond;
        var failures = open.Failed + intake.Failed + noop.Failed;
        var passed = p99 <= 50 && share >= 0.25 && failures == 0;
        var inv = CultureInfo.InvariantCulture;
        var flags = (quick ? " --quick" : "") + (processingOff ? " --no-processing" : "") + (seenOnly ? " --seen-handler" : "");
        var processing = processingOff ? "nothing processing the inbox (rows only stored)"
            : seenOnly ? "the inbox processed in the background by the inbox processor with the trivial handler (claim, lease, mark done; no tagging)"
            : "the inbox processed in the background by the app's own handler, live tagging (these tenants have no rules: it remembers each ticket, one small write per row)";
        var markdown = string.Create(inv, $"""
            ## Webhook intake: latency at {rate} requests/s and throughput{(flags.Contains("--seen-handler") ? " (inbox processor, trivial handler)" : flags.Contains("--no-processing") ? " (no processing)" : "")}

            Command: `dotnet run -c Release --project tests/Saas.Benchmarks -- intake{flags} --write`

            The real app (`SaasWebApp`, SQLite in WAL mode in a temporary folder, the local dispatcher, {processing}) on loopback, with {Tenants} installed tenants; each request is a distinct ~{SampleBody(1, Guid.Empty).Length / 1024.0:N1} KB ticket body with the tenant's secret header, so every one is a new row (group commit). Client and server share this machine's {Environment.ProcessorCount} cores. After a warm-up (closed loops, then the open loop itself in 2 s chunks until two chunks in a row compile fewer than 20 methods each (at most 40 s, 90 s without `--quick`): tiered compilation settles as it would in a server that has been up for a while), the open-loop phase sends at a fixed rate for {openSeconds} s and measures each request from its scheduled send time; the closed-loop phases run {concurrency} clients for {closedSeconds} s each against a no-op endpoint mapped in the same app (same pipeline, reads the body, same answer) and against the intake.

            | measure | value |
            | --- | --- |
            | open loop: sent / answered 200 | {open.Sent:N0} / {open.Ok:N0} ({achieved:N0}/s) |
            | latency p50 / p99 at {rate}/s | {p50:N1} ms / **{p99:N1} ms** (target ≤ 50 ms: {(p99 <= 50 ? "met" : "NOT met")}) |
            | latency max | {(open.Latencies.Count == 0 ? double.NaN : open.Latencies[^1]):N1} ms |
            | max throughput, intake | {intake.PerSecond:N0} requests/s |
            | max throughput, no-op endpoint | {noop.PerSecond:N0} requests/s |
            | intake as a share of no-op | **{share:P0}** (target ≥ 25%: {(share >= 0.25 ? "met" : "NOT met")}) |
            | failed requests (non-200 or errors) | {failures} |
            | inbox rows stored / 200 answers to the intake | {rows:N0} / {open.Ok + intake.Ok + intake.Warmup + warmupOpenOk:N0} |
            | warm-up at {rate}/s until the JIT was quiet / methods compiled during the measured open loop | {warmupSeconds:N0} s / {jitDuringOpen:N0} |
            | pending rows at the end of the open loop (processing keeping pace at {rate}/s) | {pendingAfterOpen:N0} |
            | pending rows after the closed-loop burst / drained in / left pending | {pendingAfterBurst:N0} / {(processingOff ? "n/a" : $"{drainSeconds:N1} s ({pendingAfterBurst / Math.Max(drainSeconds, 0.001):N0} rows/s)")} / {pending:N0} |
            | machine load average (1 min) before / after | {loadBefore} / {LoadAverage()} (other processes share the cores) |
            """);
        return new BenchmarkResult(markdown, passed && (processingOff || pending == 0) && rows == open.Ok + intake.Ok + intake.Warmup + warmupOpenOk);
    }

    private sealed record Tenant(Guid Id, string Secret);

    private static async Task<long> PendingAsync(IServiceProvider services)
    {
        await using var db = services.GetRequiredService<ITenantDbContextFactory>().CreateForSystem("benchmark: count pending inbox rows");
        return await db.InboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]).LongCountAsync(e => e.State == InboxEventState.Pending);
    }

    /// <summary>For <c>--no-processing</c>: the intake alone, nothing processes the rows.</summary>
    private sealed class DroppingDispatcher : IInboxDispatcher
    {
        public ValueTask DispatchAsync(Guid tenantId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class OpenResult
    {
        public long Sent;
        public long Ok;
        public long Failed;
        public List<double> Latencies { get; } = new(100_000);
    }

    private sealed record ClosedResult(long Ok, long Failed, double PerSecond)
    {
        public long Warmup { get; init; }
    }

    private static long _warmupIntakeOk;

    private static async Task<List<Tenant>> SeedTenantsAsync(IServiceProvider services)
    {
        var tenants = Enumerable.Range(0, Tenants).Select(_ => new Tenant(Guid.NewGuid(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))).ToList();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var now = DateTimeOffset.UtcNow;
        var i = 0;
        foreach (var tenant in tenants)
        {
            db.Tenants.Add(new Saas.Core.Tenancy.Tenant
            {
                Id = tenant.Id,
                Account = "bench" + (i++).ToString(CultureInfo.InvariantCulture),
                State = TenantState.Active,
                CreatedAt = now,
                UpdatedAt = now,
                InstalledAt = now,
                WebhookSecretHash = SHA256.HashData(Encoding.UTF8.GetBytes(tenant.Secret)),
            });
        }

        await db.SaveChangesAsync();
        return tenants;
    }

    private static async Task<bool> SendAsync(HttpClient client, IReadOnlyList<Tenant> tenants, string path)
    {
        var ticket = Interlocked.Increment(ref _nextTicket);
        var tenant = tenants[(int)(ticket % tenants.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/{tenant.Id}")
        {
            Content = new ByteArrayContent(SampleBody(ticket, tenant.Id)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Autopilot-Secret", tenant.Secret);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<OpenResult> OpenLoopAsync(HttpClient client, IReadOnlyList<Tenant> tenants, int rate, TimeSpan duration)
    {
        var result = new OpenResult();
        var total = (long)(rate * duration.TotalSeconds);
        var inflight = new List<Task>((int)total);
        var latencies = new double[total];
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < total; i++)
        {
            var scheduled = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            result.Sent++;
            inflight.Add(Task.Run(async () =>
            {
                var ok = await SendAsync(client, tenants, "webhooks/gorgias");
                latencies[index] = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
                Interlocked.Increment(ref ok ? ref result.Ok : ref result.Failed);
            }));
        }

        await Task.WhenAll(inflight);
        result.Latencies.AddRange(latencies);
        return result;
    }

    private static async Task<ClosedResult> ClosedLoopAsync(HttpClient client, IReadOnlyList<Tenant> tenants, string path, int concurrency, TimeSpan duration)
    {
        long ok = 0, failed = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                if (await SendAsync(client, tenants, path))
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        if (path == "webhooks/gorgias" && duration < TimeSpan.FromSeconds(3))
        {
            _warmupIntakeOk += ok;
            return new ClosedResult(ok, failed, ok / elapsed);
        }

        return new ClosedResult(ok, failed, ok / elapsed) { Warmup = path == "webhooks/gorgias" ? _warmupIntakeOk : 0 };
    }

    /// <summary>A ticket as Gorgias sends it with <c>{{ticket}}</c>: customer, messages, tags, datetimes (~5 KB).</summary>
    private static byte[] SampleBody(long ticketId, Guid tenant)
    {
        var updated = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var text = string.Concat(Enumerable.Repeat("Hello, I ordered a pair of shoes last week and the tracking page has not moved since Monday. ", 12));
        return Encoding.UTF8.GetBytes($$$"""
            {"id":{{{ticketId}}},"uri":"/api/tickets/{{{ticketId}}}/","external_id":null,"language":"en","status":"open","priority":"normal","channel":"email","via":"email","from_agent":false,
            "customer":{"id":{{{ticketId % 997}}},"email":"customer{{{ticketId % 997}}}@example.com","name":"Customer {{{ticketId % 997}}}","firstname":"Customer","lastname":"{{{ticketId % 997}}}"},
            "assignee_user":null,"assignee_team":null,"subject":"Where is my order #{{{ticketId}}}?","excerpt":"Hello, I ordered a pair of shoes","tags":[{"id":1,"name":"shipping"}],
            "messages":[{"id":{{{ticketId * 10}}},"channel":"email","via":"email","from_agent":false,"sender":{"email":"customer{{{ticketId % 997}}}@example.com"},"subject":"Where is my order?","body_text":"{{{text}}}","created_datetime":"{{{updated}}}"}],
            "meta":{"tenant":"{{{tenant}}}"},"created_datetime":"{{{updated}}}","opened_datetime":"{{{updated}}}","last_received_message_datetime":"{{{updated}}}","last_message_datetime":"{{{updated}}}","updated_datetime":"{{{updated}}}","closed_datetime":null,"snooze_datetime":null,"trashed_datetime":null,"spam":false}
            """);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
