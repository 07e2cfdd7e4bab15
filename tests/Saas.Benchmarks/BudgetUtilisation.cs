using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Saas.Core.Budget;
using Saas.Gorgias;
using Saas.Gorgias.Calls;

namespace Saas.Benchmarks;

/// <summary>
/// How much of an account's rate-limit bound the account budget uses against the time-scaled sandbox: a real Orleans
/// silo hosts the budget grain, callers in three lanes go through <see cref="BudgetRateGate"/> and send real HTTP
/// requests, and report each response's header. Utilisation = successful calls per second in the steady state
/// (after the first window, when the initial burst has been spent) ÷ the bound (limit ÷ window × ceiling). Target:
/// at least 0.95 with at most one 429 per 1,000 calls.
/// </summary>
internal static class BudgetUtilisation
{
    private const double TargetUtilisation = 0.95;
    private const double Max429PerThousand = 1;

    public static async Task<BenchmarkResult> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var scale = DoubleArg(args, "--scale", 20);
        var seconds = DoubleArg(args, "--seconds", quick ? 20 : 60);
        var inv = CultureInfo.InvariantCulture;

        await using var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.TimeScale = scale;
            o.SeedOnStart = false;
        });
        using var host = await StartSiloAsync(scale);
        var gate = host.Services.GetRequiredService<IGorgiasRateGate>();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 });

        var full = await RunAccountAsync(sandbox, grains, gate, http, "bench-full", 1.0, scale, seconds);
        var shared = await RunAccountAsync(sandbox, grains, gate, http, "bench-ceiling", 0.8, scale, seconds);
        var busy = await RunAccountAsync(sandbox, grains, gate, http, "bench-busy", 1.0, scale, seconds, otherAppsShare: 0.2);
        await host.StopAsync();

        var passed = new[] { full, shared, busy }.All(f => f.Utilisation >= TargetUtilisation && f.PerThousand429 <= Max429PerThousand);
        var window = 20 / scale;
        var markdown = string.Create(inv, $"""
            ## Account budget: utilisation of the rate-limit bound

            Command: `dotnet run -c Release --project tests/Saas.Benchmarks -- budget{(quick ? " --quick" : "")} --write`

            An in-process sandbox with `TimeScale` {scale} (a standard OAuth bucket: 80 requests per {window:0.##} s) and one Orleans silo hosting the account budget grain, in the same process on this machine's {Environment.ProcessorCount} cores. Twelve callers (2 live, 4 sync, 6 backfill) send `GET /api/users/0` back to back, each waiting for `BudgetRateGate.WaitAsync` first and reporting the response's `X-Gorgias-Account-Api-Call-Limit` and `Retry-after` afterwards, for {seconds:0} s per account. Utilisation counts the successful calls after the first window (the initial burst of a full bucket is left out) against the bound limit ÷ window × ceiling. The third account also carries the sandbox's background load: the merchant's other apps spend 20% of the drain rate, which the budget only learns from the header; its bound is what they leave (limit ÷ window × 0.8).

            | ceiling (other apps) | bound (calls/s) | calls/s (steady) | utilisation | calls | 429s | 429s per 1,000 calls | live / sync / backfill |
            | --- | --- | --- | --- | --- | --- | --- | --- |
            {full.Row}
            {shared.Row}
            {busy.Row}

            Target: utilisation ≥ {TargetUtilisation:0.00} with ≤ {Max429PerThousand:0} 429 per 1,000 calls: **{(passed ? "met" : "NOT met")}**.
            """);
        return new BenchmarkResult(markdown, passed);
    }

    private static async Task<AccountFigures> RunAccountAsync(SandboxHost sandbox, IGrainFactory grains, IGorgiasRateGate gate, HttpClient http, string domain, double ceiling, double scale, double seconds, double otherAppsShare = 0)
    {
        // The background load is in requests per sandbox second; the standard bucket drains 4 per sandbox second.
        await sandbox.Control.CreateAccountAsync(new CreateAccountRequest(domain, "standard", 1, 1, 1, otherAppsShare * 80 / 20));
        var token = (await sandbox.Control.InstallAsync(domain, "demo-app", ["openid", "offline", "write:all"])).AccessToken;
        await grains.GetGrain<IAccountBudgetGrain>(domain).SetCeilingAsync("bench", ceiling);
        var baseUrl = sandbox.AccountBaseUrlTemplate.Replace("{account}", domain, StringComparison.Ordinal);
        var account = GorgiasAccount.TryParse(domain, out var parsed) ? parsed : throw new InvalidOperationException(domain);
        var responses = new ConcurrentQueue<(DateTimeOffset At, HttpStatusCode Status, GorgiasLane Lane)>();

        var started = DateTimeOffset.UtcNow;
        var until = started.AddSeconds(seconds);
        var lanes = new[] { (GorgiasLane.Live, 2), (GorgiasLane.Sync, 4), (GorgiasLane.Backfill, 6) };
        await Task.WhenAll(lanes.SelectMany(l => Enumerable.Range(0, l.Item2).Select(async _ =>
        {
            var caller = new GorgiasCaller(account, "bench", l.Item1);
            while (DateTimeOffset.UtcNow < until)
            {
                await gate.WaitAsync(caller, CancellationToken.None);
                using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/api/users/0");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                var at = DateTimeOffset.UtcNow;
                int? used = null, limit = null;
                if (response.Headers.TryGetValues("X-Gorgias-Account-Api-Call-Limit", out var values)
                    && values.First().Split('/') is [var u, var lim])
                {
                    used = int.Parse(u, CultureInfo.InvariantCulture);
                    limit = int.Parse(lim, CultureInfo.InvariantCulture);
                }

                responses.Enqueue((at, response.StatusCode, l.Item1));
                await gate.ObserveAsync(caller, new GorgiasRateObservation(response.StatusCode, used, limit, response.Headers.RetryAfter?.Delta, at), CancellationToken.None);
            }
        })));

        var window = TimeSpan.FromSeconds(20 / scale);
        var steadyFrom = started + window;
        var steadyTo = responses.Max(r => r.At);
        var steadyCalls = responses.Count(r => r.Status == HttpStatusCode.OK && r.At > steadyFrom && r.At <= steadyTo);
        var perSecond = steadyCalls / (steadyTo - steadyFrom).TotalSeconds;
        var bound = 80 / window.TotalSeconds * Math.Min(ceiling, 1 - otherAppsShare);
        var throttled = responses.Count(r => r.Status == HttpStatusCode.TooManyRequests);
        var perThousand = 1000.0 * throttled / responses.Count;
        var byLane = string.Join(" / ", new[] { GorgiasLane.Live, GorgiasLane.Sync, GorgiasLane.Backfill }
            .Select(lane => responses.Count(r => r.Lane == lane && r.At > steadyFrom).ToString("N0", CultureInfo.InvariantCulture)));
        var utilisation = perSecond / bound;

        var row = string.Create(CultureInfo.InvariantCulture, $"| {ceiling:0.0}{(otherAppsShare > 0 ? $" (+{otherAppsShare:P0})" : "")} | {bound:0.0} | {perSecond:0.0} | **{utilisation:0.000}** | {responses.Count:N0} | {throttled} | {perThousand:0.00} | {byLane} |");
        return new AccountFigures(utilisation, perThousand, row);
    }

    private static async Task<IHost> StartSiloAsync(double scale)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Budget:TimeScale"] = scale.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddAccountBudgets();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double DoubleArg(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record AccountFigures(double Utilisation, double PerThousand429, string Row);
}
