using System.Text;

namespace Saas.Benchmarks.Tagging;

/// <summary>One part of the <c>tagging</c> benchmark: its Markdown (a <c>###</c> section) and whether its targets were met.</summary>
internal sealed record TaggingPartResult(string Markdown, bool Passed);

/// <summary>
/// <c>tagging</c>: the issue-5 measurements in one run, each part in its own file under Tagging/ and registered in
/// <see cref="Parts"/> (one line each): (1) rule-engine throughput, (2) intake-to-write latency across tenants,
/// (3) the starter pack's precision and recall. <c>--part NAME</c> runs one part; <c>--quick</c> keeps the whole run
/// under two minutes; <c>--write</c> records the section in docs/benchmarks.md.
/// </summary>
internal static class TaggingBenchmark
{
    /// <summary>The parts, in the order they run and appear.</summary>
    private static readonly (string Name, Func<string[], Task<TaggingPartResult>> Run)[] Parts =
    [
        ("engine", EngineThroughput.RunAsync),
        ("live", LiveLatency.RunAsync),
        ("starter-pack", StarterPackAccuracy.RunAsync),
    ];

    public static async Task<BenchmarkResult> RunAsync(string[] args)
    {
        var only = Arg(args, "--part");
        var selected = Parts.Where(p => only is null || p.Name == only).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException($"Unknown tagging part '{only}'. Known: {string.Join(", ", Parts.Select(p => p.Name))}.");
        }

        var quick = args.Contains("--quick");
        var markdown = new StringBuilder();
        markdown.AppendLine("## Tagging and routing (issue 5)").AppendLine();
        markdown.AppendLine($"Command: `dotnet run -c Release --project tests/Saas.Benchmarks -- tagging{(quick ? " --quick" : "")}{(only is null ? "" : $" --part {only}")} --write`").AppendLine();
        var passed = true;
        foreach (var (name, run) in selected)
        {
            Console.Error.WriteLine($"tagging: running part '{name}'…");
            var part = await run(args);
            markdown.AppendLine(part.Markdown.TrimEnd()).AppendLine();
            passed &= part.Passed;
        }

        return new BenchmarkResult(markdown.ToString(), passed);
    }

    private static string? Arg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
