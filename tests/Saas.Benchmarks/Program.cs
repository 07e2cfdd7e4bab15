using Saas.Benchmarks;

// Purpose-built harnesses that measure against real servers on loopback and report ratios from one run.
// Usage: dotnet run -c Release --project tests/Saas.Benchmarks -- <benchmark> [--write]
//   sandbox-list   authenticated ticket list requests per second served by the sandbox (target >= 2,000/s)
//   client-walk    a full ticket walk through the Gorgias client vs the bare wire, and across an expired cursor
//   budget         share of the rate-limit bound the account budget uses, 429s per 1,000 calls (--quick: under 2 min)
//   intake         webhook intake latency at 500 requests/s and max throughput vs a no-op endpoint (--quick: shorter)
//   tagging        issue 5: rule engine throughput, intake-to-write latency, starter pack precision/recall (--quick: under 2 min)
// --write records the result in docs/benchmarks.md.
var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "sandbox-list";
var write = args.Contains("--write");
var result = name switch
{
    "sandbox-list" => await SandboxListThroughput.RunAsync(args),
    "client-walk" => await GorgiasClientWalk.RunAsync(args),
    "budget" => await BudgetUtilisation.RunAsync(args),
    "intake" => await IntakeBenchmark.RunAsync(args),
    "tagging" => await Saas.Benchmarks.Tagging.TaggingBenchmark.RunAsync(args),
    _ => throw new ArgumentException($"Unknown benchmark '{name}'. Known: sandbox-list, client-walk, budget, intake, tagging."),
};

Console.WriteLine(result.Markdown);
if (write)
{
    BenchmarkReport.Write(name, result.Markdown);
    Console.WriteLine("Recorded in docs/benchmarks.md.");
}

return result.Passed ? 0 : 1;
