using System.Globalization;
using System.Text;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Core.Tagging;
using Saas.Gorgias;
using Saas.Gorgias.Api;
using Saas.Gorgias.Calls;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Tagging.Measurement;

/// <summary>A generated ticket as rules would see it at creation, with the generator's truth.</summary>
/// <param name="Snapshot">Subject + the first customer message, nothing an agent or a rule added later.</param>
/// <param name="Intent">The true intent, kebab-case (the tag names plus <c>product-question</c> and <c>complaint</c>).</param>
/// <param name="Urgent">Whether the customer wrote urgently.</param>
/// <param name="Language">The ticket's language as Gorgias has it (null on some tickets).</param>
internal sealed record LabelledTicket(TicketSnapshot Snapshot, string Intent, bool Urgent, string? Language);

/// <summary>Counts for one tag: support = tickets that truly are it; predicted = tickets the pack tagged with it.</summary>
internal sealed record TagScore(string Tag, int Support, int Predicted, int TruePositives)
{
    /// <summary>Precision; 1 when nothing was predicted and nothing was there, 0 when nothing was predicted but should have been.</summary>
    public double Precision => Predicted == 0 ? (Support == 0 ? 1 : 0) : TruePositives / (double)Predicted;

    public double Recall => Support == 0 ? 1 : TruePositives / (double)Support;
}

/// <summary>The starter pack's scores on a corpus: per tag, per tag and language, micro-average, and the confusions.</summary>
internal sealed record StarterPackScores(
    int Tickets,
    IReadOnlyList<TagScore> Tags,
    IReadOnlyDictionary<string, IReadOnlyList<TagScore>> ByLanguage,
    TagScore Overall,
    IReadOnlyDictionary<(string Tag, string Truth), int> FalsePositives)
{
    public TagScore this[string tag] => Tags.Single(t => t.Tag == tag);

    /// <summary>The per-tag table (markdown): precision, recall, support, predicted, then precision/recall per language.</summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var languages = ByLanguage.Keys.ToList();
        var sb = new StringBuilder();
        sb.Append("| tag | precision | recall | support | tagged |");
        foreach (var language in languages)
        {
            sb.Append(inv, $" {language} P / R (n) |");
        }

        sb.AppendLine();
        sb.Append("| --- | ---: | ---: | ---: | ---: |");
        sb.Append(string.Concat(languages.Select(_ => " ---: |")));
        sb.AppendLine();
        foreach (var score in Tags.Append(Overall))
        {
            var bold = score == Overall;
            sb.Append(inv, $"| {(bold ? "**all tags (micro)**" : "`" + score.Tag + "`")} | {score.Precision:0.000} | {score.Recall:0.000} | {score.Support:N0} | {score.Predicted:N0} |");
            foreach (var language in languages)
            {
                var cell = score == Overall ? Micro("all", ByLanguage[language]) : ByLanguage[language].Single(s => s.Tag == score.Tag);
                sb.Append(cell.Support == 0 && cell.Predicted == 0 ? " – |" : string.Create(inv, $" {cell.Precision:0.00} / {cell.Recall:0.00} ({cell.Support}) |"));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>Which tag was wrongly given to which true intent, most frequent first (aggregate errors only).</summary>
    public string ConfusionSummary(int top = 15) =>
        string.Join(", ", FalsePositives.OrderByDescending(p => p.Value).Take(top).Select(p => $"{p.Key.Tag}←{p.Key.Truth}: {p.Value}"));

    internal static TagScore Micro(string tag, IEnumerable<TagScore> scores)
    {
        var list = scores.ToList();
        return new TagScore(tag, list.Sum(s => s.Support), list.Sum(s => s.Predicted), list.Sum(s => s.TruePositives));
    }
}

/// <summary>
/// Measures the starter pack on the sandbox generator's labelled tickets: a fresh sandbox account of generated
/// tickets, fetched through the real <see cref="GorgiasApiClient"/> (tickets and the account's messages, 100 per page),
/// turned into snapshots as the live path sees a ticket at creation (subject + first customer message), evaluated with
/// the engine on <see cref="RuleTrigger.TicketCreated"/>, and scored against the generator's truth. Shared by the test
/// (tests/Saas.Core.Tests/StarterPack) and the benchmark (tagging, part 3).
/// </summary>
internal static class StarterPackMeasurement
{
    /// <summary>The tags the pack promises, in the order the tables list them.</summary>
    public static IReadOnlyList<string> Tags { get; } =
    [
        "order-status", "return", "refund", "damaged", "exchange", "cancellation", "address-change", "discount",
        "shipping-delay", "urgent", "spam",
    ];

    private static readonly string[] Languages = ["en", "de", "fr", "es"];

    /// <summary>
    /// Generates <paramref name="tickets"/> tickets on a new sandbox account named <paramref name="account"/> (the
    /// generator is seeded by the account name, so a name is a reproducible corpus) and loads them with their truth.
    /// </summary>
    public static async Task<IReadOnlyList<LabelledTicket>> LoadCorpusAsync(string account, int tickets, CancellationToken cancellationToken)
    {
        await using var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.SeedOnStart = false;
                o.RateLimits.Enabled = false;
            },
            cancellationToken: cancellationToken);
        await sandbox.Control.CreateAccountAsync(new CreateAccountRequest(account, "enterprise", tickets, 200), cancellationToken);
        var token = await sandbox.Control.InstallAsync(account, "demo-app", ["openid", "offline", "write:all"], cancellationToken: cancellationToken);

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
        var caller = GorgiasCaller.WithAccessToken(
            GorgiasAccount.TryParse(account, out var parsed) ? parsed : throw new ArgumentException($"'{account}' is not an account name.", nameof(account)),
            "starter-pack-measurement",
            GorgiasLane.Backfill,
            token.AccessToken);

        var firstCustomerMessage = new Dictionary<long, GorgiasMessage>();
        await foreach (var message in api.ListMessagesAsync(caller, cancellationToken: cancellationToken))
        {
            if (message is { FromAgent: not true, Public: not false, TicketId: { } ticketId } && !firstCustomerMessage.ContainsKey(ticketId))
            {
                firstCustomerMessage[ticketId] = message;
            }
        }

        var truth = (await sandbox.Control.GetTruthAsync(account, cancellationToken)).ToDictionary(t => t.TicketId);
        var corpus = new List<LabelledTicket>(tickets);
        await foreach (var ticket in api.ListTicketsAsync(caller, cancellationToken: cancellationToken))
        {
            if (!truth.TryGetValue(ticket.Id, out var known) || !firstCustomerMessage.TryGetValue(ticket.Id, out var first))
            {
                continue;
            }

            // At creation a ticket has one customer message and nothing agents or rules added later.
            var snapshot = TicketSnapshots.From(ticket, [first]) with
            {
                Tags = [],
                Status = "open",
                Priority = null,
                AssigneeUserId = null,
                AssigneeUserEmail = null,
                AssigneeTeamId = null,
                MessageCount = 1,
                CustomFields = new Dictionary<long, System.Text.Json.JsonElement>(),
            };
            corpus.Add(new LabelledTicket(snapshot, known.Intent, known.Urgent, known.Language));
        }

        return corpus;
    }

    /// <summary>The starter pack compiled with the engine, in the pack's order.</summary>
    public static ICompiledRuleSet CompilePack(IRuleCompiler compiler) =>
        compiler.Compile(Saas.Rules.StarterPack.StarterPack.Rules.Select((r, i) => new RuleSpec(DeterministicId(r.Key), 1, i, r.Definition)));

    /// <summary>Evaluates <paramref name="rules"/> on every ticket (as at creation) and scores the tags it adds.</summary>
    public static StarterPackScores Score(IReadOnlyList<LabelledTicket> corpus, ICompiledRuleSet rules)
    {
        var context = new RuleEvaluationContext(RuleTrigger.TicketCreated, BusinessHours.Default);
        var predictions = corpus
            .Select(t => (Ticket: t, Tags: rules.Evaluate(t.Snapshot, context).Plan.AddTags.ToHashSet(StringComparer.OrdinalIgnoreCase)))
            .ToList();

        IReadOnlyList<TagScore> ScoreAll(IEnumerable<(LabelledTicket Ticket, HashSet<string> Tags)> items)
        {
            var list = items.ToList();
            return Tags.Select(tag => new TagScore(
                tag,
                list.Count(p => IsTrue(p.Ticket, tag)),
                list.Count(p => p.Tags.Contains(tag)),
                list.Count(p => p.Tags.Contains(tag) && IsTrue(p.Ticket, tag)))).ToList();
        }

        var byLanguage = new Dictionary<string, IReadOnlyList<TagScore>>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            byLanguage[language] = ScoreAll(predictions.Where(p => p.Ticket.Language == language));
        }

        var tags = ScoreAll(predictions);
        var falsePositives = predictions
            .SelectMany(p => p.Tags.Where(tag => !IsTrue(p.Ticket, tag)).Select(tag => (Tag: tag, Truth: p.Ticket.Intent + (p.Ticket.Urgent ? "+urgent" : ""))))
            .GroupBy(x => x)
            .ToDictionary(g => g.Key, g => g.Count());
        return new StarterPackScores(corpus.Count, tags, byLanguage, StarterPackScores.Micro("all", tags), falsePositives);
    }

    /// <summary>The truth for a tag: <c>urgent</c> is the urgency flag, every other tag is the intent of the same name.</summary>
    public static bool IsTrue(LabelledTicket ticket, string tag) =>
        tag == "urgent" ? ticket.Urgent : string.Equals(ticket.Intent, tag, StringComparison.Ordinal);

    private static Guid DeterministicId(string key)
    {
        Span<byte> bytes = stackalloc byte[16];
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("starter:" + key));
        hash.AsSpan(0, 16).CopyTo(bytes);
        return new Guid(bytes);
    }
}
