using System.Text;

namespace Gorgias.Sandbox.Generator;

/// <summary>
/// Deterministic generator of realistic e-commerce support conversations (EN/DE/FR/ES).
/// All randomness comes from the <see cref="Random"/> passed in, so the same random state gives the same output.
/// </summary>
/// <remarks>
/// Phrase data lives in <see cref="PhraseBank"/>. Templates use <c>{token}</c> placeholders:
/// <c>name</c>, <c>agent</c>, <c>shop</c>, <c>order</c> (order reference noun phrase), <c>onum</c> (bare order number),
/// <c>n</c> (the digits, inside order formats), <c>product</c>, <c>subj</c>, <c>prep</c>, <c>item</c>, <c>agr</c>, <c>be</c>,
/// <c>it</c>, <c>itobj</c> (see <see cref="Product"/>), <c>size</c>, <c>size2</c>, <c>color</c>, <c>code</c>,
/// <c>address</c>, <c>weekday</c>, <c>days</c>. A capitalised token (<c>{Subj}</c>) upper-cases the first letter.
/// </remarks>
internal static class ConversationText
{
    private const int UrgentPercent = 8;
    private const int TypoPercent = 10;
    private const int ParaphrasePercent = 25;
    private const int AsidePercent = 12;
    private const int InternalNotePercent = 15;
    private const int GenericSubjectPercent = 15;
    private const int UrgentSubjectPrefixPercent = 50;
    private const int AgentExtraPercent = 50;
    private const int ForeignSpamWrittenInEnglishPercent = 60;
    private const int MaxMessages = 6;

    /// <summary>Cumulative per-mille weights in <see cref="Intent"/> order (spam 3%).</summary>
    private static readonly int[] IntentCumulativePermille =
    [
        220, // OrderStatus 22%
        340, // Return 12%
        440, // Refund 10%
        510, // Damaged 7%
        590, // Exchange 8%
        670, // Cancellation 8%
        730, // AddressChange 6%
        780, // Discount 5%
        870, // ShippingDelay 9%
        930, // ProductQuestion 6%
        970, // Complaint 4%
        1000, // Spam 3%
    ];

    /// <summary>Cumulative percent weights for threads of 1..6 public messages.</summary>
    private static readonly int[] ThreadLengthCumulativePercent = [15, 50, 72, 87, 95, 100];

    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>Picks an intent: order status most common, spam about 3%.</summary>
    public static Intent PickIntent(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int roll = random.Next(1000);
        for (int i = 0; i < IntentCumulativePermille.Length; i++)
        {
            if (roll < IntentCumulativePermille[i])
            {
                return (Intent)i;
            }
        }

        return Intent.Spam;
    }

    /// <summary>Picks a language: en 55%, de 20%, fr 15%, es 10%.</summary>
    public static Lang PickLanguage(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int roll = random.Next(100);
        return roll < 55 ? Lang.En : roll < 75 ? Lang.De : roll < 90 ? Lang.Fr : Lang.Es;
    }

    /// <summary>
    /// Generates one conversation. Same random state and arguments give the same output.
    /// For <see cref="Intent.Spam"/> the text may be English even when another language is requested;
    /// <see cref="GeneratedConversation.Language"/> reports the language actually used.
    /// </summary>
    public static GeneratedConversation Generate(
        Random random,
        Lang language,
        Intent intent,
        string customerFirstName,
        string agentFirstName,
        string shopName)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(customerFirstName);
        ArgumentNullException.ThrowIfNull(agentFirstName);
        ArgumentNullException.ThrowIfNull(shopName);
        if ((uint)intent > (uint)Intent.Spam)
        {
            throw new ArgumentOutOfRangeException(nameof(intent), intent, null);
        }

        var sb = t_builder ??= new StringBuilder(1024);
        if (intent == Intent.Spam)
        {
            return GenerateSpam(random, sb, language, customerFirstName, agentFirstName, shopName);
        }

        var bank = PhraseBank.For(language);
        var phrases = bank.Intents[(int)intent];
        var slots = new Slots(random, bank, intent, customerFirstName, agentFirstName, shopName);
        bool urgent = random.Next(100) < UrgentPercent;

        string subject = BuildSubject(random, sb, bank, phrases, slots, urgent);

        int publicCount = PickThreadLength(random);
        bool withNote = random.Next(100) < InternalNotePercent;
        if (withNote && publicCount == MaxMessages)
        {
            publicCount--;
        }

        // The note goes either right after the first customer message (agent looked things up before replying)
        // or at the very end of the thread.
        int notePosition = withNote ? (random.Next(2) == 0 ? 1 : publicCount) : -1;
        var messages = new GeneratedMessage[publicCount + (withNote ? 1 : 0)];
        int next = 0;
        bool previousWasThanks = false;
        for (int i = 0; i < publicCount; i++)
        {
            if (i == notePosition)
            {
                messages[next++] = BuildNote(random, sb, intent, slots);
            }

            if (i == 0)
            {
                messages[next++] = new GeneratedMessage(false, true, BuildOpening(random, sb, bank, phrases, slots, urgent));
            }
            else if (i % 2 == 1)
            {
                string core = i == 1
                    ? Pick(random, phrases.AgentReplies)
                    : Pick(random, previousWasThanks ? bank.AgentClosings : bank.AgentFollowUps);
                messages[next++] = new GeneratedMessage(true, true, BuildAgentMessage(random, sb, bank, slots, core, firstReply: i == 1));
            }
            else
            {
                previousWasThanks = i >= publicCount - 2 && random.Next(100) < 60;
                string core = Pick(random, previousWasThanks ? bank.CustomerThanks : bank.CustomerFollowUps);
                messages[next++] = new GeneratedMessage(false, true, BuildFollowUp(random, sb, bank, slots, core, previousWasThanks));
            }
        }

        if (notePosition == publicCount)
        {
            messages[next] = BuildNote(random, sb, intent, slots);
        }

        return new GeneratedConversation(intent, bank.Language, urgent, subject, messages);
    }

    private static GeneratedConversation GenerateSpam(
        Random random,
        StringBuilder sb,
        Lang language,
        string customerFirstName,
        string agentFirstName,
        string shopName)
    {
        if (language != Lang.En && random.Next(100) < ForeignSpamWrittenInEnglishPercent)
        {
            language = Lang.En;
        }

        var bank = PhraseBank.For(language);
        var phrases = bank.Intents[(int)Intent.Spam];
        var slots = new Slots(random, bank, Intent.Spam, customerFirstName, agentFirstName, shopName);

        sb.Clear();
        Append(sb, Pick(random, phrases.Subjects), slots);
        string subject = sb.ToString();

        sb.Clear();
        Append(sb, Pick(random, phrases.Openings), slots);
        MaybeAddTypo(random, sb, 0, 0, sb.Length, language);
        GeneratedMessage[] messages = [new GeneratedMessage(false, true, sb.ToString())];
        return new GeneratedConversation(Intent.Spam, language, false, subject, messages);
    }

    private static int PickThreadLength(Random random)
    {
        int roll = random.Next(100);
        for (int i = 0; i < ThreadLengthCumulativePercent.Length; i++)
        {
            if (roll < ThreadLengthCumulativePercent[i])
            {
                return i + 1;
            }
        }

        return MaxMessages;
    }

    private static string BuildSubject(Random random, StringBuilder sb, PhraseBank bank, IntentPhrases phrases, Slots slots, bool urgent)
    {
        sb.Clear();
        if (urgent && random.Next(100) < UrgentSubjectPrefixPercent)
        {
            sb.Append(Pick(random, bank.UrgentSubjectPrefixes));
        }

        string template = random.Next(100) < GenericSubjectPercent
            ? Pick(random, bank.GenericSubjects)
            : Pick(random, phrases.Subjects);
        Append(sb, template, slots);
        return sb.ToString();
    }

    private static string BuildOpening(Random random, StringBuilder sb, PhraseBank bank, IntentPhrases phrases, Slots slots, bool urgent)
    {
        sb.Clear();
        string greeting = Pick(random, bank.CustomerGreetings);
        if (greeting.Length > 0)
        {
            Append(sb, greeting, slots);
            sb.Append("\n\n");
        }

        bool urgencyFirst = urgent && random.Next(2) == 0;
        if (urgencyFirst)
        {
            Append(sb, Pick(random, bank.UrgencySentences), slots);
            sb.Append(' ');
        }

        int coreStart = sb.Length;
        bool paraphrase = phrases.Paraphrases.Length > 0 && random.Next(100) < ParaphrasePercent;
        Append(sb, Pick(random, paraphrase ? phrases.Paraphrases : phrases.Openings), slots);
        if (random.Next(100) < AsidePercent)
        {
            sb.Append(' ');
            Append(sb, Pick(random, bank.Asides), slots);
        }

        int coreEnd = sb.Length;
        if (urgent && !urgencyFirst)
        {
            sb.Append(random.Next(2) == 0 ? " " : "\n\n");
            Append(sb, Pick(random, bank.UrgencySentences), slots);
        }

        string signOff = Pick(random, bank.CustomerSignOffs);
        if (signOff.Length > 0)
        {
            sb.Append("\n\n");
            Append(sb, signOff, slots);
        }

        MaybeAddTypo(random, sb, 0, coreStart, coreEnd, bank.Language);
        return sb.ToString();
    }

    private static string BuildFollowUp(Random random, StringBuilder sb, PhraseBank bank, Slots slots, string core, bool thanks)
    {
        sb.Clear();
        if (random.Next(100) < 25)
        {
            string greeting = Pick(random, bank.CustomerGreetings);
            if (greeting.Length > 0)
            {
                Append(sb, greeting, slots);
                sb.Append("\n\n");
            }
        }

        int coreStart = sb.Length;
        Append(sb, core, slots);
        int coreEnd = sb.Length;
        if (random.Next(100) < 50)
        {
            // A thank-you line is already a sign-off of sorts: just the name, not "Thanks in advance".
            string signOff = thanks ? "{name}" : Pick(random, bank.CustomerSignOffs);
            if (signOff.Length > 0)
            {
                sb.Append(thanks ? "\n" : "\n\n");
                Append(sb, signOff, slots);
            }
        }

        MaybeAddTypo(random, sb, 0, coreStart, coreEnd, bank.Language);
        return sb.ToString();
    }

    private static string BuildAgentMessage(Random random, StringBuilder sb, PhraseBank bank, Slots slots, string core, bool firstReply)
    {
        sb.Clear();
        if (firstReply || random.Next(2) == 0)
        {
            Append(sb, Pick(random, bank.AgentGreetings), slots);
            sb.Append("\n\n");
        }

        Append(sb, core, slots);
        if (firstReply && random.Next(100) < AgentExtraPercent)
        {
            sb.Append("\n\n");
            Append(sb, Pick(random, bank.AgentExtras), slots);
        }

        sb.Append("\n\n");
        Append(sb, Pick(random, bank.AgentSignOffs), slots);
        return sb.ToString();
    }

    private static GeneratedMessage BuildNote(Random random, StringBuilder sb, Intent intent, Slots slots)
    {
        sb.Clear();
        Append(sb, Pick(random, PhraseBank.InternalNotes[(int)intent]), slots);
        return new GeneratedMessage(true, false, sb.ToString());
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    // ---------------------------------------------------------------- template expansion

    /// <summary>Appends <paramref name="template"/> with its placeholders substituted.</summary>
    private static void Append(StringBuilder sb, string template, Slots slots)
    {
        int position = 0;
        while (true)
        {
            int open = template.IndexOf('{', position);
            if (open < 0)
            {
                sb.Append(template, position, template.Length - position);
                return;
            }

            sb.Append(template, position, open - position);
            int close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                throw new InvalidOperationException("Unclosed placeholder in template: " + template);
            }

            ReadOnlySpan<char> key = template.AsSpan(open + 1, close - open - 1);
            int start = sb.Length;
            AppendSlot(sb, key, slots, template);
            if (key.Length > 0 && char.IsUpper(key[0]) && sb.Length > start)
            {
                sb[start] = char.ToUpperInvariant(sb[start]);
            }

            position = close + 1;
        }
    }

    private static void AppendSlot(StringBuilder sb, ReadOnlySpan<char> key, Slots slots, string template)
    {
        switch (key)
        {
            case "name":
            case "Name":
                sb.Append(slots.CustomerName);
                break;
            case "agent":
                sb.Append(slots.AgentName);
                break;
            case "shop":
                sb.Append(slots.ShopName);
                break;
            case "order":
            case "Order":
                Append(sb, slots.OrderRef, slots);
                break;
            case "onum":
                Append(sb, slots.OrderNumberFormat, slots);
                break;
            case "n":
                sb.Append(slots.OrderNumber);
                break;
            case "product":
            case "Product":
                sb.Append(slots.Product.Obj);
                break;
            case "subj":
            case "Subj":
                sb.Append(slots.Product.Subj);
                break;
            case "prep":
                sb.Append(slots.Product.Prep);
                break;
            case "item":
            case "Item":
                sb.Append(slots.Product.Bare);
                break;
            case "agr":
                sb.Append(slots.Product.Agr);
                break;
            case "be":
            case "Be":
                sb.Append(slots.Product.Be);
                break;
            case "it":
            case "It":
                sb.Append(slots.Product.It);
                break;
            case "itobj":
            case "Itobj":
                sb.Append(slots.Product.ItObj);
                break;
            case "size":
                sb.Append(slots.Size);
                break;
            case "size2":
                sb.Append(slots.Size2);
                break;
            case "color":
                sb.Append(slots.Color);
                break;
            case "code":
                sb.Append(slots.Code);
                break;
            case "address":
                sb.Append(slots.Address);
                break;
            case "weekday":
                sb.Append(slots.Weekday);
                break;
            case "days":
                sb.Append(slots.Days);
                break;
            default:
                throw new InvalidOperationException("Unknown placeholder {" + key.ToString() + "} in template: " + template);
        }
    }

    // ---------------------------------------------------------------- typos

    /// <summary>
    /// With <see cref="TypoPercent"/> probability, damages the message the way hurried customers do:
    /// drops or swaps a letter in one word of the core text, lower-cases the whole message, or (DE/FR/ES)
    /// leaves out all accents ("Rücksendung" -> "Rucksendung"). Letter typos only touch
    /// [<paramref name="coreStart"/>, <paramref name="coreEnd"/>) so urgency wording stays intact.
    /// </summary>
    private static void MaybeAddTypo(Random random, StringBuilder sb, int messageStart, int coreStart, int coreEnd, Lang language)
    {
        if (random.Next(100) >= TypoPercent)
        {
            return;
        }

        int roll = random.Next(100);
        if (language != Lang.En)
        {
            if (roll < 35)
            {
                if (StripAccents(sb, messageStart))
                {
                    return;
                }

                roll = 0;
            }
            else
            {
                roll = (roll - 35) * 100 / 65;
            }
        }

        if (roll >= 75 || !MisspellOneWord(random, sb, coreStart, coreEnd, drop: roll < 40))
        {
            for (int i = messageStart; i < sb.Length; i++)
            {
                sb[i] = char.ToLowerInvariant(sb[i]);
            }
        }
    }

    private static bool MisspellOneWord(Random random, StringBuilder sb, int from, int to, bool drop)
    {
        const int MinWordLength = 4;
        int count = 0;
        for (int i = from; i < to;)
        {
            int end = WordEnd(sb, i, to);
            if (end - i >= MinWordLength)
            {
                count++;
            }

            i = end > i ? end : i + 1;
        }

        if (count == 0)
        {
            return false;
        }

        int target = random.Next(count);
        for (int i = from; i < to;)
        {
            int end = WordEnd(sb, i, to);
            int length = end - i;
            if (length >= MinWordLength && target-- == 0)
            {
                if (!drop)
                {
                    // Swap two neighbouring letters, never the first one.
                    int p = i + 1 + random.Next(length - 2);
                    if (sb[p] != sb[p + 1])
                    {
                        (sb[p], sb[p + 1]) = (sb[p + 1], sb[p]);
                        return true;
                    }
                }

                sb.Remove(i + 1 + random.Next(length - 1), 1);
                return true;
            }

            i = end > i ? end : i + 1;
        }

        return false;
    }

    /// <summary>End (exclusive) of the run of letters starting at <paramref name="start"/>; equals start if none.</summary>
    private static int WordEnd(StringBuilder sb, int start, int limit)
    {
        int end = start;
        while (end < limit && char.IsLetter(sb[end]))
        {
            end++;
        }

        return end;
    }

    private static bool StripAccents(StringBuilder sb, int from)
    {
        bool changed = false;
        for (int i = from; i < sb.Length; i++)
        {
            char c = sb[i];
            char plain = c switch
            {
                'á' or 'à' or 'â' or 'ä' or 'ã' => 'a',
                'Á' or 'À' or 'Â' or 'Ä' => 'A',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'É' or 'È' or 'Ê' => 'E',
                'í' or 'ì' or 'î' or 'ï' => 'i',
                'Í' or 'Î' => 'I',
                'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
                'Ó' or 'Ô' or 'Ö' => 'O',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                'Ú' or 'Û' or 'Ü' => 'U',
                'ç' => 'c',
                'Ç' => 'C',
                'ñ' => 'n',
                'Ñ' => 'N',
                'ß' => 's',
                _ => c,
            };
            if (plain != c)
            {
                sb[i] = plain;
                if (c == 'ß')
                {
                    sb.Insert(++i, 's');
                }

                changed = true;
            }
        }

        return changed;
    }

    // ---------------------------------------------------------------- per-conversation values

    /// <summary>Values shared by all messages of one conversation (same order number, product, ...).</summary>
    private sealed class Slots
    {
        public Slots(Random random, PhraseBank bank, Intent intent, string customerName, string agentName, string shopName)
        {
            CustomerName = customerName;
            AgentName = agentName;
            ShopName = shopName;
            OrderNumber = random.Next(1001, 100_000);
            OrderRef = Pick(random, bank.OrderRefs);
            OrderNumberFormat = Pick(random, bank.OrderNumbers);
            Product = PickProduct(random, bank.Products, sizedOnly: intent is Intent.Exchange or Intent.ProductQuestion);

            string[] sizes = Product.Sizes == SizeKind.Shoes ? PhraseBank.ShoeSizes : PhraseBank.ClothingSizes;
            int first = random.Next(sizes.Length);
            // The wanted size is a neighbour, usually one up ("too small" is the common complaint).
            int second = first == sizes.Length - 1 || (first > 0 && random.Next(100) < 30) ? first - 1 : first + 1;
            Size = sizes[first];
            Size2 = sizes[second];

            Color = Pick(random, bank.Colors);
            Weekday = Pick(random, bank.Weekdays);
            Address = Pick(random, bank.Addresses);
            Code = Pick(random, PhraseBank.DiscountCodes);
            Days = random.Next(3, 15);
        }

        public string CustomerName { get; }
        public string AgentName { get; }
        public string ShopName { get; }
        public int OrderNumber { get; }
        public string OrderRef { get; }
        public string OrderNumberFormat { get; }
        public Product Product { get; }
        public string Size { get; }
        public string Size2 { get; }
        public string Color { get; }
        public string Weekday { get; }
        public string Address { get; }
        public string Code { get; }
        public int Days { get; }

        private static Product PickProduct(Random random, Product[] products, bool sizedOnly)
        {
            while (true)
            {
                var product = products[random.Next(products.Length)];
                if (!sizedOnly || product.Sizes != SizeKind.None)
                {
                    return product;
                }
            }
        }
    }
}
