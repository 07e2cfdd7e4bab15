using System.Text.RegularExpressions;

namespace Saas.Benchmarks;

internal sealed record BenchmarkResult(string Markdown, bool Passed);

/// <summary>Keeps docs/benchmarks.md: one section per benchmark between markers, replaced on each --write.</summary>
internal static class BenchmarkReport
{
    public static void Write(string name, string markdown)
    {
        var path = Path.Combine(FindRepoRoot(), "docs", "benchmarks.md");
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var start = $"<!-- {name}:start -->";
        var end = $"<!-- {name}:end -->";
        var section = $"{start}\n{markdown.TrimEnd()}\n{end}";
        var pattern = new Regex(Regex.Escape(start) + ".*?" + Regex.Escape(end), RegexOptions.Singleline);
        text = pattern.IsMatch(text) ? pattern.Replace(text, section.Replace("$", "$$", StringComparison.Ordinal)) : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Saas.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
