using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;

namespace Saas.Benchmarks;

/// <summary>
/// How many authenticated <c>GET /api/tickets?limit=100</c> requests per second the sandbox serves with rate limiting
/// off, walking real cursor pages over a generated account, from concurrent clients on loopback in the same process.
/// The target is 2,000/s, so the sandbox never bounds the app's own benchmarks (which run far below the rate limit).
/// </summary>
internal static class SandboxListThroughput
{
    private const double Target = 2_000;
    private static readonly byte[] NextCursorKey = Encoding.UTF8.GetBytes("\"next_cursor\":");

    public static async Task<BenchmarkResult> RunAsync(string[] args)
    {
        var tickets = IntArg(args, "--tickets", 20_000);
        var concurrency = IntArg(args, "--concurrency", 16);
        var seconds = IntArg(args, "--seconds", 10);

        await using var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.RateLimits.Enabled = false;
            o.SeedOnStart = false;
        });
        var setup = Stopwatch.StartNew();
        await sandbox.Control.CreateAccountAsync(new CreateAccountRequest("bench", "standard", tickets, tickets / 4));
        var generated = setup.Elapsed;
        var token = await sandbox.Control.InstallAsync("bench", "demo-app", ["openid", "offline", "write:all"]);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = sandbox.AccountBaseAddress("bench/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        // Warm up (JIT, connections), then measure reads alone, then reads while tickets are being updated.
        await RunLoadAsync(client, concurrency, TimeSpan.FromSeconds(2));
        var (requests, bytes, failures, latencies) = await RunLoadAsync(client, concurrency, TimeSpan.FromSeconds(seconds));
        var ids = await TicketIdsAsync(client);
        using var writerStop = new CancellationTokenSource();
        var writes = WriteLoopAsync(client, ids, writerStop.Token);
        var (requestsWhileWriting, _, failuresWhileWriting, _) = await RunLoadAsync(client, concurrency, TimeSpan.FromSeconds(seconds));
        await writerStop.CancelAsync();
        var written = await writes;
        var perSecondWhileWriting = requestsWhileWriting / (double)seconds;
        failures += failuresWhileWriting;
        var perSecond = requests / (double)seconds;
        latencies.Sort();
        var p50 = latencies.Count > 0 ? latencies[latencies.Count / 2] : 0;
        var p99 = latencies.Count > 0 ? latencies[(int)(latencies.Count * 0.99)] : 0;
        var ratio = perSecond / Target;
        var passed = ratio >= 1 && failures == 0;
        var inv = CultureInfo.InvariantCulture;
        var markdown = string.Create(inv, $"""
            ## Sandbox: authenticated list requests per second

            Command: `dotnet run -c Release --project tests/Saas.Benchmarks -- sandbox-list --write`

            An in-process sandbox (rate limiting off) serves `GET /bench/api/tickets?limit=100` with an OAuth bearer token to {concurrency} concurrent clients in the same process on loopback, each walking the cursor pages of a generated account of {tickets:N0} tickets and starting over at the end. Client and server share this machine's {Environment.ProcessorCount} cores. The sandbox renders a ticket's list item once and reuses it until the ticket, its customer, or any tag, user or team changes; the first phase follows a 2 s warm-up, so it still includes first renders, and the second runs while another client keeps updating tickets.

            | measure | value |
            | --- | --- |
            | requests per second | {perSecond:N0} |
            | share of the 2,000/s target | **{ratio:P0}** ({(passed ? "met" : "NOT met")}) |
            | requests per second while another client updates {written / (double)seconds:N0} tickets/s | {perSecondWhileWriting:N0} ({perSecondWhileWriting / Target:P0} of the target) |
            | response throughput | {bytes / (double)seconds / 1_048_576:N1} MiB/s |
            | latency p50 / p99 | {p50:N1} ms / {p99:N1} ms |
            | failed requests | {failures} |
            | generating {tickets:N0} tickets | {generated.TotalSeconds:N1} s |
            """);
        return new BenchmarkResult(markdown, passed);
    }

    private static async Task<(long Requests, long Bytes, long Failures, List<double> Latencies)> RunLoadAsync(HttpClient client, int concurrency, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        long requests = 0, bytes = 0, failures = 0;
        var latencies = new List<double>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            latencies[i] = new List<double>(100_000);
            var buffer = new byte[256 * 1024];
            string? cursor = null;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var url = cursor is null ? "api/tickets?limit=100" : "api/tickets?limit=100&cursor=" + cursor;
                try
                {
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
                    await using var stream = await response.Content.ReadAsStreamAsync(CancellationToken.None);
                    var length = 0;
                    int read;
                    while ((read = await stream.ReadAsync(buffer.AsMemory(length), CancellationToken.None)) > 0)
                    {
                        length += read;
                        if (length == buffer.Length)
                        {
                            Array.Resize(ref buffer, buffer.Length * 2);
                        }
                    }

                    var body = buffer.AsSpan(0, length);
                    latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                        cursor = null;
                        continue;
                    }

                    Interlocked.Increment(ref requests);
                    Interlocked.Add(ref bytes, body.Length);
                    cursor = NextCursor(body);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                    cursor = null;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (requests, bytes, failures, latencies.SelectMany(l => l).ToList());
    }

    private static async Task<long[]> TicketIdsAsync(HttpClient client)
    {
        using var page = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("api/tickets?limit=100"));
        return [.. page.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())];
    }

    /// <summary>Updates a ticket's priority every 20 ms (each write changes the ticket, so its cached JSON is rendered again).</summary>
    private static async Task<int> WriteLoopAsync(HttpClient client, long[] ids, CancellationToken stop)
    {
        string[] priorities = ["low", "normal", "high"];
        var count = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var body = new StringContent($$"""{"priority":"{{priorities[count % 3]}}"}""", Encoding.UTF8, "application/json");
                using var response = await client.PutAsync($"api/tickets/{ids[count % ids.Length]}", body, stop);
                response.EnsureSuccessStatusCode();
                count++;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return count;
    }

    private static string? NextCursor(ReadOnlySpan<byte> body)
    {
        var span = body;
        var at = span.LastIndexOf(NextCursorKey);
        if (at < 0)
        {
            return null;
        }

        var rest = span[(at + NextCursorKey.Length)..];
        if (rest.StartsWith("null"u8))
        {
            return null;
        }

        var end = rest[1..].IndexOf((byte)'"');
        return Uri.EscapeDataString(Encoding.UTF8.GetString(rest.Slice(1, end)));
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
