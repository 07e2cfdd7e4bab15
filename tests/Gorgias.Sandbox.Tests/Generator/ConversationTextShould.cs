using System.Text;
using Gorgias.Sandbox.Generator;

namespace Gorgias.Sandbox.Tests.Generator;

public class ConversationTextShould
{
    private static readonly Intent[] AllIntents = Enum.GetValues<Intent>();
    private static readonly Lang[] AllLanguages = Enum.GetValues<Lang>();

    private static readonly string[] UrgencyWords =
    [
        "urgent", "asap", "immediately", "dringend", "sofort", "au plus vite", "lo antes posible",
    ];

    // Theory parameters are enum names: the enums are internal and test methods are public.
    public static TheoryData<string, string> IntentLanguagePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var intent in Enum.GetNames<Intent>())
        {
            foreach (var language in Enum.GetNames<Lang>())
            {
                data.Add(intent, language);
            }
        }

        return data;
    }

    [Fact]
    public void Produce_the_same_conversations_for_the_same_seed()
    {
        string first = Flatten(GenerateMany(seed: 42, count: 1000));
        string second = Flatten(GenerateMany(seed: 42, count: 1000));

        second.ShouldBe(first);
    }

    [Fact]
    public void Produce_different_conversations_for_a_different_seed()
    {
        string first = Flatten(GenerateMany(seed: 42, count: 1000));
        string other = Flatten(GenerateMany(seed: 43, count: 1000));

        other.ShouldNotBe(first);
    }

    [Theory]
    [MemberData(nameof(IntentLanguagePairs))]
    public void Produce_a_well_formed_thread_for_every_intent_and_language(string intentName, string languageName)
    {
        var intent = Enum.Parse<Intent>(intentName);
        var language = Enum.Parse<Lang>(languageName);
        var random = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var conversation = ConversationText.Generate(random, language, intent, "Alex", "Sam", "Acme Store");

            conversation.Intent.ShouldBe(intent);
            conversation.Subject.Trim().ShouldNotBeEmpty();
            conversation.Messages.Count.ShouldBeInRange(1, 6);
            conversation.Messages[0].FromAgent.ShouldBeFalse();
            conversation.Messages[0].Public.ShouldBeTrue();
            foreach (var message in conversation.Messages)
            {
                message.BodyText.Trim().ShouldNotBeEmpty();
                message.BodyText.ShouldNotContain('{');
                message.BodyText.ShouldNotContain('}');
                message.BodyText.ShouldNotContain('<');
                message.BodyText.ShouldNotContain('\r');
            }

            conversation.Subject.ShouldNotContain('{');

            if (intent == Intent.Spam)
            {
                conversation.Messages.Count.ShouldBe(1);
                conversation.Urgent.ShouldBeFalse();
            }
            else
            {
                conversation.Language.ShouldBe(language);
            }
        }
    }

    [Fact]
    public void Alternate_customer_and_agent_in_public_messages_and_keep_notes_internal()
    {
        var random = new Random(11);
        int withNote = 0;
        int nonSpam = 0;
        for (int i = 0; i < 5000; i++)
        {
            var intent = ConversationText.PickIntent(random);
            var conversation = ConversationText.Generate(random, ConversationText.PickLanguage(random), intent, "Alex", "Sam", "Acme");
            if (intent == Intent.Spam)
            {
                continue;
            }

            nonSpam++;
            bool expectAgent = false;
            int notes = 0;
            foreach (var message in conversation.Messages)
            {
                if (!message.Public)
                {
                    message.FromAgent.ShouldBeTrue();
                    notes++;
                    continue;
                }

                message.FromAgent.ShouldBe(expectAgent);
                if (message.FromAgent)
                {
                    message.BodyText.ShouldContain("Sam");
                }

                expectAgent = !expectAgent;
            }

            notes.ShouldBeLessThanOrEqualTo(1);
            withNote += notes;
        }

        ((double)withNote / nonSpam).ShouldBeInRange(0.10, 0.20);
    }

    [Theory]
    [MemberData(nameof(IntentLanguagePairs))]
    public void Vary_the_wording_of_the_first_message(string intentName, string languageName)
    {
        var intent = Enum.Parse<Intent>(intentName);
        var language = Enum.Parse<Lang>(languageName);
        var random = new Random(3);
        var distinctFirstMessages = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 200; i++)
        {
            var conversation = ConversationText.Generate(random, language, intent, "Alex", "Sam", "Acme Store");
            distinctFirstMessages.Add(conversation.Messages[0].BodyText);
        }

        distinctFirstMessages.Count.ShouldBeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public void Pick_languages_roughly_as_specified()
    {
        var random = new Random(5);
        var counts = new int[AllLanguages.Length];
        const int Draws = 20_000;
        for (int i = 0; i < Draws; i++)
        {
            counts[(int)ConversationText.PickLanguage(random)]++;
        }

        Share(counts[(int)Lang.En], Draws).ShouldBeInRange(0.50, 0.60);
        Share(counts[(int)Lang.De], Draws).ShouldBeInRange(0.16, 0.24);
        Share(counts[(int)Lang.Fr], Draws).ShouldBeInRange(0.11, 0.19);
        Share(counts[(int)Lang.Es], Draws).ShouldBeInRange(0.07, 0.13);
    }

    [Fact]
    public void Pick_intents_with_order_status_most_common_and_little_spam()
    {
        var random = new Random(6);
        var counts = new int[AllIntents.Length];
        const int Draws = 20_000;
        for (int i = 0; i < Draws; i++)
        {
            counts[(int)ConversationText.PickIntent(random)]++;
        }

        foreach (var intent in AllIntents)
        {
            counts[(int)intent].ShouldBeGreaterThan(0, $"{intent} never picked");
            if (intent != Intent.OrderStatus)
            {
                counts[(int)intent].ShouldBeLessThan(counts[(int)Intent.OrderStatus], $"{intent} picked more often than OrderStatus");
            }
        }

        Share(counts[(int)Intent.Spam], Draws).ShouldBeInRange(0.02, 0.04);
    }

    [Fact]
    public void Use_canonical_German_return_and_refund_words_and_sometimes_misspell_them()
    {
        var random = new Random(8);
        int canonical = 0;
        int misspelt = 0;
        for (int i = 0; i < 4000; i++)
        {
            var intent = i % 2 == 0 ? Intent.Return : Intent.Refund;
            string body = ConversationText.Generate(random, Lang.De, intent, "Jonas", "Lea", "Nordshop").Messages[0].BodyText;
            if (body.Contains("Rücksendung", StringComparison.Ordinal) || body.Contains("Erstattung", StringComparison.Ordinal))
            {
                canonical++;
            }

            if (ContainsAny(body, "Rucksendung", "rucksendung", "rücksendung", "Ruckerstattung", "ruckerstattung", "zuruck"))
            {
                misspelt++;
            }
        }

        canonical.ShouldBeGreaterThan(1000);
        misspelt.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Express_some_intents_without_the_canonical_phrase()
    {
        var random = new Random(9);
        int withPhrase = 0;
        const int Count = 2000;
        for (int i = 0; i < Count; i++)
        {
            string body = ConversationText.Generate(random, Lang.En, Intent.OrderStatus, "Alex", "Sam", "Acme").Messages[0].BodyText;
            if (body.Contains("order", StringComparison.OrdinalIgnoreCase))
            {
                withPhrase++;
            }
        }

        // Paraphrases (about a quarter) mostly avoid the word; the rest always use it.
        Share(withPhrase, Count).ShouldBeInRange(0.65, 0.95);
    }

    [Fact]
    public void Mark_about_eight_percent_of_non_spam_conversations_urgent_with_urgency_wording()
    {
        var random = new Random(10);
        int nonSpam = 0;
        int urgent = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var intent = ConversationText.PickIntent(random);
            var conversation = ConversationText.Generate(random, ConversationText.PickLanguage(random), intent, "Alex", "Sam", "Acme");
            if (intent == Intent.Spam)
            {
                continue;
            }

            nonSpam++;
            string all = conversation.Subject + "\n" + string.Join("\n", conversation.Messages.Select(m => m.BodyText));
            if (conversation.Urgent)
            {
                urgent++;
                ContainsUrgencyWord(conversation.Messages[0].BodyText).ShouldBeTrue(conversation.Messages[0].BodyText);
            }
            else
            {
                ContainsUrgencyWord(all).ShouldBeFalse(all);
            }
        }

        Share(urgent, nonSpam).ShouldBeInRange(0.04, 0.12);
    }

    [Fact]
    public void Write_most_spam_in_English_and_never_reply_to_it()
    {
        var random = new Random(12);
        int english = 0;
        const int Count = 2000;
        for (int i = 0; i < Count; i++)
        {
            var conversation = ConversationText.Generate(random, ConversationText.PickLanguage(random), Intent.Spam, "Dana", "Sam", "Acme");
            conversation.Messages.ShouldHaveSingleItem().FromAgent.ShouldBeFalse();
            if (conversation.Language == Lang.En)
            {
                english++;
            }
        }

        Share(english, Count).ShouldBeInRange(0.70, 0.90);
    }

    [Fact]
    public void Give_iso_codes_for_languages()
    {
        Lang.En.Code().ShouldBe("en");
        Lang.De.Code().ShouldBe("de");
        Lang.Fr.Code().ShouldBe("fr");
        Lang.Es.Code().ShouldBe("es");
    }

    private static List<GeneratedConversation> GenerateMany(int seed, int count)
    {
        var random = new Random(seed);
        var result = new List<GeneratedConversation>(count);
        for (int i = 0; i < count; i++)
        {
            var language = ConversationText.PickLanguage(random);
            var intent = ConversationText.PickIntent(random);
            result.Add(ConversationText.Generate(random, language, intent, "Alex", "Sam", "Acme Store"));
        }

        return result;
    }

    private static string Flatten(List<GeneratedConversation> conversations)
    {
        var sb = new StringBuilder();
        foreach (var c in conversations)
        {
            sb.Append(c.Intent).Append('|').Append(c.Language).Append('|').Append(c.Urgent).Append('|').Append(c.Subject).Append('\n');
            foreach (var m in c.Messages)
            {
                sb.Append(m.FromAgent).Append('|').Append(m.Public).Append('|').Append(m.BodyText).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static double Share(int part, int total) => (double)part / total;

    private static bool ContainsUrgencyWord(string text)
    {
        foreach (var word in UrgencyWords)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, params string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
