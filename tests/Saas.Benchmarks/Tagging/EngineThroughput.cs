using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gorgias.Sandbox.Generator;
using Saas.Rules.Definitions;
using Saas.Rules.Engine;

namespace Saas.Benchmarks.Tagging;

/// <summary>
/// Part (1) of <c>tagging</c>: the rule engine alone, in process. 100 rules shaped like a real merchant's (phrase lists in
/// English, German, French and Spanish harvested from the sandbox generator's vocabulary, a few prefix terms, regexes,
/// field comparisons, nested trees, notes) evaluated on a few thousand generated support conversations. Reports rule-set
/// evaluations per second, rule evaluations per second, and compile time; checks that the shared one-matcher
/// compilation gives exactly the plans of 100 separately compiled rules (the "scan per rule" baseline, also timed); and
/// times the phrase scan against a <see cref="SearchValues{T}"/>-of-strings scan over the same folded texts.
/// </summary>
internal static partial class EngineThroughput
{
    private const int RuleCount = 100;

    public static Task<TaggingPartResult> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var ticketCount = quick ? 2_000 : 10_000;
        var seconds = quick ? 4.0 : 15.0;
        var inv = CultureInfo.InvariantCulture;

        var random = new Random(20261130);
        var vocabulary = Vocabulary(random);
        var rules = BuildRules(random, vocabulary);
        var tickets = BuildTickets(random, ticketCount);
        var specs = rules.Select((r, i) => new RuleSpec(Guid.NewGuid(), 1, i, r)).ToList();
        var compiler = new RuleCompiler();
        var context = new RuleEvaluationContext(RuleTrigger.TicketCreated, BusinessHours.Default);

        // Compile time: the first compile (cold: regex construction, JIT) and the mean of warm compiles.
        var watch = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var set = compiler.Compile(specs);
        var coldCompileMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var compiles = quick ? 10 : 30;
        cpu = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < compiles; i++)
        {
            set = compiler.Compile(specs);
        }

        var warmCompileMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / compiles;
        var compiled = (CompiledRuleSet)set;

        // Warm-up, then evaluate the tickets round-robin for the time budget.
        foreach (var ticket in tickets.Take(200))
        {
            set.Evaluate(ticket, context);
        }

        long evaluations = 0, ruleEvaluations = 0, matched = 0, tagsPlanned = 0;
        watch.Restart();
        cpu = Environment.CpuUsage.TotalTime;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var ticket in tickets)
            {
                var result = set.Evaluate(ticket, context);
                evaluations++;
                foreach (var entry in result.Trace)
                {
                    if (entry.Outcome is RuleOutcome.Matched or RuleOutcome.NotMatched)
                    {
                        ruleEvaluations++;
                        if (entry.Outcome == RuleOutcome.Matched)
                        {
                            matched++;
                        }
                    }
                }

                tagsPlanned += result.Plan.AddTags.Count;
            }
        }

        var evalSeconds = watch.Elapsed.TotalSeconds;
        var evalCpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var perSecond = evaluations / evalCpuSeconds;
        var perWallSecond = evaluations / evalSeconds;
        var rulesPerSecond = ruleEvaluations / evalCpuSeconds;

        // Baseline and equivalence: each rule compiled alone (its own matcher, its own folding of the text).
        var singles = specs.Select(s => compiler.Compile([s])).ToList();
        var baselineTickets = tickets.Take(quick ? 300 : 1_000).ToList();
        var mismatches = 0;
        foreach (var ticket in baselineTickets)
        {
            var shared = set.Evaluate(ticket, context).Plan;
            var merged = MergeAlone(singles, ticket, context);
            if (!SamePlan(shared, merged))
            {
                mismatches++;
            }
        }

        watch.Restart();
        cpu = Environment.CpuUsage.TotalTime;
        long baselineEvaluations = 0;
        while (watch.Elapsed.TotalSeconds < seconds / 2)
        {
            foreach (var ticket in baselineTickets)
            {
                foreach (var single in singles)
                {
                    single.Evaluate(ticket, context);
                }

                baselineEvaluations++;
            }
        }

        var baselinePerSecond = baselineEvaluations / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;

        // Phrase scan: the trie vs SearchValues<string> (+ boundary checks) over the same folded texts.
        var (trieMbps, searchValuesMbps, scanChars) = ComparePhraseScans(compiled, tickets, quick ? 1.5 : 4.0);

        var averageChars = tickets.Average(t => (t.Subject?.Length ?? 0) + t.Messages.Sum(m => m.Text.Length));
        var regexRules = rules.Count(r => Json(r).Contains("\"matches\"", StringComparison.Ordinal));
        var phraseRules = rules.Count(r => Json(r).Contains("\"contains_", StringComparison.Ordinal));
        var passed = mismatches == 0;
        var markdown = string.Create(inv, $"""
            ### (1) Rule engine throughput

            {RuleCount} rules like a real merchant's ({phraseRules} with phrase lists in EN/DE/FR/ES drawn from the sandbox generator's vocabulary, {compiled.TermCount:N0} distinct phrases in one trie of {compiled.Matcher.NodeCount:N0} nodes; {regexRules} with regexes; the rest field comparisons, tags, message counts, business hours and nested all/any/not) evaluated single-threaded on {tickets.Count:N0} generated conversations (average {averageChars:N0} characters of subject and messages, 1–6 messages) for {evalSeconds:N1} s, with the full explain trace built every time. Rates are per second of this process's CPU time (`Environment.CpuUsage`, GC threads included), because the {Environment.ProcessorCount} cores are shared with other processes (load average {LoadAverage()} at the end); the wall-clock rate is given once for reference.

            | measure | value |
            | --- | --- |
            | rule-set evaluations per CPU second (100 rules, one ticket each) | **{perSecond:N0}** ({1e6 / perSecond:N1} µs of CPU per ticket; wall clock on this shared machine: {perWallSecond:N0}/s) |
            | rule evaluations per CPU second | **{rulesPerSecond:N0}** |
            | rules matched per ticket (mean) / tags planned per ticket (mean) | {matched / (double)evaluations:N2} / {tagsPlanned / (double)evaluations:N2} |
            | compile time (CPU) of the 100 rules: first (cold, JIT included) / warm mean of {compiles} | {coldCompileMs:N1} ms / {warmCompileMs:N1} ms |
            | baseline: each rule compiled alone (text folded and scanned per rule) | {baselinePerSecond:N0} rule-set evaluations per CPU second (shared matcher is **{perSecond / baselinePerSecond:N1}×** faster) |
            | same plans, shared compilation vs rules alone ({baselineTickets.Count:N0} tickets) | {(mismatches == 0 ? "all identical" : $"{mismatches} DIFFERENT")} |
            | phrase scan of folded text: word-anchored trie vs `SearchValues<string>` + boundary checks | {trieMbps:N0} vs {searchValuesMbps:N0} million chars per CPU second over {scanChars / 1e6:N1} M chars |
            """);
        return Task.FromResult(new TaggingPartResult(markdown, passed));
    }

    private static string Json(RuleDefinition rule) => RuleJson.Serialize(rule);

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static RulePlan MergeAlone(List<ICompiledRuleSet> singles, TicketSnapshot ticket, RuleEvaluationContext context)
    {
        // The benchmark's rules have no stop_processing, so merging single-rule plans in order is the set's semantics.
        var tags = new List<(string Tag, bool Add)>();
        string? priority = null;
        var notes = new List<string>();
        foreach (var single in singles)
        {
            var plan = single.Evaluate(ticket, context).Plan;
            foreach (var tag in plan.AddTags.Select(t => (t, true)).Concat(plan.RemoveTags.Select(t => (t, false))))
            {
                tags.RemoveAll(x => string.Equals(x.Tag, tag.t, StringComparison.OrdinalIgnoreCase));
                tags.Add(tag);
            }

            priority = plan.Priority ?? priority;
            notes.AddRange(plan.InternalNotes);
        }

        return new RulePlan
        {
            AddTags = [.. tags.Where(t => t.Add).Select(t => t.Tag)],
            RemoveTags = [.. tags.Where(t => !t.Add).Select(t => t.Tag)],
            Priority = priority,
            InternalNotes = notes,
        };
    }

    private static bool SamePlan(RulePlan a, RulePlan b) =>
        a.AddTags.SequenceEqual(b.AddTags) && a.RemoveTags.SequenceEqual(b.RemoveTags) && a.Priority == b.Priority
        && a.InternalNotes.SequenceEqual(b.InternalNotes);

    private static (double TrieMbps, double SearchValuesMbps, long Chars) ComparePhraseScans(CompiledRuleSet set, List<TicketSnapshot> tickets, double seconds)
    {
        var texts = tickets.SelectMany(t => t.Messages.Select(m => m.Text).Prepend(t.Subject ?? string.Empty))
            .Select(TextFolding.Fold).ToList();
        long chars = texts.Sum(t => (long)t.Length);
        var terms = ExtractTerms(set);
        var searchValues = SearchValues.Create([.. terms.Select(t => t.Folded)], StringComparison.Ordinal);

        var found = 0;
        var trieChars = 0L;
        var watch = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var text in texts)
            {
                set.Matcher.Scan(text, ref found, static (ref int count, PhraseHit _) => count++);
                trieChars += text.Length;
            }
        }

        var trieMbps = trieChars / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / 1e6;

        var svChars = 0L;
        watch.Restart();
        cpu = Environment.CpuUsage.TotalTime;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var text in texts)
            {
                // All occurrences: from each hit, continue one character later (SearchValues reports one value per position).
                var span = text.AsSpan();
                var offset = 0;
                while (offset < span.Length)
                {
                    var at = span[offset..].IndexOfAny(searchValues);
                    if (at < 0)
                    {
                        break;
                    }

                    var start = offset + at;
                    if (start == 0 || span[start - 1] == ' ')
                    {
                        found++;
                    }

                    offset = start + 1;
                }

                svChars += text.Length;
            }
        }

        var svMbps = svChars / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / 1e6;
        GC.KeepAlive(found);
        return (trieMbps, svMbps, chars);
    }

    private static List<(string Folded, bool Prefix)> ExtractTerms(CompiledRuleSet set)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in set.Rules)
        {
            Walk(spec.Definition.When);
        }

        return [.. terms.Select(t => (t, false))];

        void Walk(RuleCondition? node)
        {
            if (node is null)
            {
                return;
            }

            foreach (var child in (node.All ?? []).Concat(node.Any ?? []))
            {
                Walk(child);
            }

            Walk(node.Not);
            if (node.Op is RuleOperators.ContainsAny or RuleOperators.ContainsAll && node.Values is { } values)
            {
                foreach (var value in values)
                {
                    var folded = TextFolding.Fold(value.TrimEnd('*'));
                    if (folded.Length > 0)
                    {
                        terms.Add(folded);
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>Per language, 1–3-word phrases (as written, accents included) from conversations generated with another seed.</summary>
    private static Dictionary<Lang, List<string>> Vocabulary(Random random)
    {
        var vocabulary = new Dictionary<Lang, List<string>>();
        foreach (var lang in Enum.GetValues<Lang>())
        {
            var phrases = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < 150; c++)
            {
                var conversation = ConversationText.Generate(random, lang, ConversationText.PickIntent(random), "Alex", "Sam", "Shop");
                foreach (var message in conversation.Messages.Where(m => !m.FromAgent))
                {
                    var words = Word().Matches(message.BodyText).Select(m => m.Value).ToList();
                    for (var i = 0; i < words.Count; i++)
                    {
                        var length = 1 + random.Next(3);
                        if (i + length > words.Count || (length == 1 && words[i].Length < 5))
                        {
                            continue;
                        }

                        phrases.Add(string.Join(' ', words.Skip(i).Take(length)));
                    }
                }
            }

            vocabulary[lang] = [.. phrases];
        }

        return vocabulary;
    }

    private static List<RuleDefinition> BuildRules(Random random, Dictionary<Lang, List<string>> vocabulary)
    {
        var languages = Enum.GetValues<Lang>();
        string Phrase(Lang lang)
        {
            var list = vocabulary[lang];
            var phrase = list[random.Next(list.Count)];
            // About one in twenty single words becomes a prefix term (e.g. "rembours*").
            return !phrase.Contains(' ', StringComparison.Ordinal) && phrase.Length >= 7 && random.Next(20) == 0 ? phrase[..5] + "*" : phrase;
        }

        RuleCondition PhraseLeaf(string field, string op, Lang lang, int count) => new()
        {
            Field = field,
            Op = op,
            Values = [.. Enumerable.Range(0, count).Select(_ => Phrase(lang)).Distinct(StringComparer.Ordinal)],
        };

        static JsonElement J(object value) => JsonSerializer.SerializeToElement(value);

        var rules = new List<RuleDefinition>();
        for (var i = 0; i < RuleCount; i++)
        {
            var lang = languages[i % languages.Length];
            RuleCondition when;
            switch (i % 10)
            {
                case < 5: // phrase lists on the latest customer message or the subject, one language each
                    when = random.Next(3) == 0
                        ? new RuleCondition { Any = [PhraseLeaf(RuleFields.LastCustomerMessage, RuleOperators.ContainsAny, lang, 8 + random.Next(18)), PhraseLeaf(RuleFields.Subject, RuleOperators.ContainsAny, lang, 4 + random.Next(6))] }
                        : PhraseLeaf(RuleFields.LastCustomerMessage, RuleOperators.ContainsAny, lang, 8 + random.Next(18));
                    break;
                case 5: // any message, all of two phrases
                    when = PhraseLeaf(RuleFields.AnyMessage, RuleOperators.ContainsAll, lang, 2);
                    break;
                case 6: // regexes (one in three needs the backtracking engine: a lookahead)
                    string[] patterns = [@"#\d{4,}", @"\b(asap|urgent|dringend|urgente|immédiatement)\b", @"[\w.+-]+@[\w-]+\.[a-z]{2,}", @"\b\d{5}\b(?=\s)", @"(?i)\bsize\s+(xs|s|m|l|xl)\b", @"(commande|order|pedido|bestellung)\s*(nr\.?|n°|#)?\s*\d+"];
                    when = new RuleCondition { Field = i % 20 == 6 ? RuleFields.AnyMessage : RuleFields.LastCustomerMessage, Op = RuleOperators.Matches, Value = J(patterns[(i / 10) % patterns.Length]) };
                    break;
                case 7: // field comparisons
                    RuleCondition[] comparisons =
                    [
                        new() { Field = RuleFields.Channel, Op = RuleOperators.EqualsTo, Value = J("email") },
                        new() { Field = RuleFields.Language, Op = RuleOperators.OneOf, Values = ["de", "fr"] },
                        new() { Field = RuleFields.CustomerEmailDomain, Op = RuleOperators.OneOf, Values = ["gmail.com", "web.de", "orange.fr"] },
                        new() { Field = RuleFields.Tags, Op = RuleOperators.OneOf, Values = ["vip", "wholesale"] },
                        new() { Field = RuleFields.MessageCount, Op = RuleOperators.AtLeast, Value = J(3) },
                    ];
                    when = comparisons[(i / 10) % comparisons.Length];
                    break;
                case 8: // nested: phrases and not a tag, inside business hours
                    when = new RuleCondition
                    {
                        All =
                        [
                            PhraseLeaf(RuleFields.AnyMessage, RuleOperators.ContainsAny, lang, 10),
                            new() { Not = new RuleCondition { Field = RuleFields.Tags, Op = RuleOperators.OneOf, Values = ["spam"] } },
                            new() { Field = RuleFields.InBusinessHours, Op = RuleOperators.EqualsTo, Value = J(true) },
                        ],
                    };
                    break;
                default: // subject starts with / status
                    when = new RuleCondition { Any = [new() { Field = RuleFields.Subject, Op = RuleOperators.StartsWith, Value = J("re") }, PhraseLeaf(RuleFields.Subject, RuleOperators.ContainsAny, lang, 6)] };
                    break;
            }

            var tag = string.Create(CultureInfo.InvariantCulture, $"tag-{i:00}");
            List<RuleAction> actions = [new() { Type = RuleActionTypes.AddTags, Tags = [tag] }];
            if (i % 9 == 0)
            {
                actions.Add(new() { Type = RuleActionTypes.SetPriority, Priority = "high" });
            }

            if (i % 25 == 0)
            {
                actions.Add(new() { Type = RuleActionTypes.AddInternalNote, Note = "{{rule.name}} matched {{matched}} on #{{ticket.id}}" });
            }

            if (i % 17 == 0)
            {
                actions.Add(new() { Type = RuleActionTypes.RemoveTags, Tags = ["tag-00"] });
            }

            rules.Add(new RuleDefinition { Name = string.Create(CultureInfo.InvariantCulture, $"Rule {i}"), When = when, Actions = actions });
        }

        return rules;
    }

    private static List<TicketSnapshot> BuildTickets(Random random, int count)
    {
        string[] channels = ["email", "email", "chat", "contact_form"];
        string[] domains = ["gmail.com", "web.de", "orange.fr", "yahoo.es", "example.com"];
        string[][] tagSets = [[], [], ["vip"], ["wholesale"], ["spam"]];
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var tickets = new List<TicketSnapshot>(count);
        for (var i = 0; i < count; i++)
        {
            var lang = ConversationText.PickLanguage(random);
            var conversation = ConversationText.Generate(random, lang, ConversationText.PickIntent(random), "Alex", "Sam", "Shop");
            tickets.Add(new TicketSnapshot
            {
                TicketId = 1_000 + i,
                Subject = conversation.Subject,
                Messages = [.. conversation.Messages.Select((m, k) => new SnapshotMessage(10_000L * i + k, m.FromAgent, m.Public, m.BodyText, null))],
                Channel = channels[random.Next(channels.Length)],
                Via = "helpdesk",
                Language = conversation.Language.Code(),
                CustomerEmail = string.Create(CultureInfo.InvariantCulture, $"customer{i}@{domains[random.Next(domains.Length)]}"),
                CustomerName = "Alex",
                Tags = tagSets[random.Next(tagSets.Length)],
                Status = "open",
                MessageCount = conversation.Messages.Count,
                CreatedAt = start.AddMinutes(random.Next(7 * 24 * 60)),
            });
        }

        return tickets;
    }
}
