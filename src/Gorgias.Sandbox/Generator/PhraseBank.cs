namespace Gorgias.Sandbox.Generator;

/// <summary>Which size scale a product uses (none for mugs, bags, ...).</summary>
internal enum SizeKind
{
    None,
    Clothing,
    Shoes,
}

/// <summary>
/// A product name with the grammatical forms the templates need.
/// Template tokens: <c>{product}</c> = <see cref="Obj"/>, <c>{subj}</c> = <see cref="Subj"/>,
/// <c>{prep}</c> = <see cref="Prep"/>, <c>{item}</c> = <see cref="Bare"/>, <c>{agr}</c> = <see cref="Agr"/>,
/// <c>{be}</c> = <see cref="Be"/>, <c>{it}</c> = <see cref="It"/>, <c>{itobj}</c> = <see cref="ItObj"/>.
/// </summary>
/// <param name="Obj">Object form with article: "the hoodie", DE accusative "den Hoodie", FR "le sweat", ES "la sudadera".</param>
/// <param name="Subj">Subject form with article: DE nominative "der Hoodie"; same as <paramref name="Obj"/> elsewhere.</param>
/// <param name="Prep">Form after a preposition: EN "the hoodie", DE dative "dem Hoodie", FR "du sweat" (de + article), ES "del bolso".</param>
/// <param name="Bare">Name without article: "hoodie".</param>
/// <param name="Agr">Adjective/participle agreement suffix: FR "", "e", "es"; ES "o", "a", "os", "as"; empty in EN/DE.</param>
/// <param name="Be">Copula agreeing with the product: "is"/"are", "ist"/"sind", "est"/"sont", "está"/"están".</param>
/// <param name="It">Subject pronoun: "it"/"they", "er"/"sie"/"es", "il"/"elle"/"elles", ES "él"/"ella" (rarely used).</param>
/// <param name="ItObj">Object pronoun: "it"/"them", "ihn"/"sie"/"es", "le"/"la"/"les", "lo"/"la"/"los"/"las".</param>
/// <param name="Sizes">Size scale.</param>
internal sealed record Product(
    string Obj,
    string Subj,
    string Prep,
    string Bare,
    string Agr,
    string Be,
    string It,
    string ItObj,
    SizeKind Sizes);

/// <summary>Templates for one intent in one language.</summary>
/// <param name="Subjects">Ticket subjects.</param>
/// <param name="Openings">First customer message cores that use the canonical wording a rules engine looks for (spam: whole bodies).</param>
/// <param name="Paraphrases">First customer message cores that express the intent in other words.</param>
/// <param name="AgentReplies">First agent reply cores (empty for spam).</param>
internal sealed record IntentPhrases(
    string[] Subjects,
    string[] Openings,
    string[] Paraphrases,
    string[] AgentReplies);

/// <summary>
/// All phrase data for one language. Pure data: the language files (PhraseBank.En.cs, ...) only fill these arrays.
/// Templates use <c>{token}</c> placeholders (see <see cref="ConversationText"/>); a capitalised token
/// (<c>{Subj}</c>) capitalises the first letter of the substituted value.
/// </summary>
internal sealed partial class PhraseBank
{
    public required Lang Language { get; init; }

    public required string[] CustomerGreetings { get; init; }
    public required string[] CustomerSignOffs { get; init; }
    public required string[] AgentGreetings { get; init; }
    public required string[] AgentSignOffs { get; init; }

    /// <summary>Order references usable as a noun phrase; <c>{n}</c> is the number.</summary>
    public required string[] OrderRefs { get; init; }

    /// <summary>Bare order numbers ("#{n}", "{n}") used after "my order".</summary>
    public required string[] OrderNumbers { get; init; }

    public required Product[] Products { get; init; }
    public required string[] Colors { get; init; }
    public required string[] Weekdays { get; init; }
    public required string[] Addresses { get; init; }

    public required string[] GenericSubjects { get; init; }
    public required string[] UrgentSubjectPrefixes { get; init; }
    public required string[] UrgencySentences { get; init; }

    /// <summary>A second topic mentioned in passing, appended to some first messages.</summary>
    public required string[] Asides { get; init; }

    public required string[] CustomerFollowUps { get; init; }
    public required string[] CustomerThanks { get; init; }
    public required string[] AgentFollowUps { get; init; }
    public required string[] AgentClosings { get; init; }

    /// <summary>Optional last line of an agent reply, before the sign-off.</summary>
    public required string[] AgentExtras { get; init; }

    /// <summary>Indexed by <see cref="Intent"/>.</summary>
    public required IntentPhrases[] Intents { get; init; }

    public static PhraseBank For(Lang language) => language switch
    {
        Lang.En => English,
        Lang.De => German,
        Lang.Fr => French,
        Lang.Es => Spanish,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    /// <summary>Language-neutral discount codes.</summary>
    internal static readonly string[] DiscountCodes =
    [
        "WELCOME10", "SUMMER20", "SAVE15", "VIP25", "BLACKFRIDAY", "NEWS10", "SPRING15", "FREESHIP", "HELLO10", "THANKYOU20",
    ];

    internal static readonly string[] ClothingSizes = ["XS", "S", "M", "L", "XL", "XXL"];

    internal static readonly string[] ShoeSizes = ["38", "39", "40", "41", "42", "43", "44", "45"];

    /// <summary>Builds an intent-indexed table; named parameters keep the order in sync with <see cref="Intent"/>.</summary>
    private static T[] ByIntent<T>(
        T orderStatus,
        T @return,
        T refund,
        T damaged,
        T exchange,
        T cancellation,
        T addressChange,
        T discount,
        T shippingDelay,
        T productQuestion,
        T complaint,
        T spam)
    {
        var table = new T[12];
        table[(int)Intent.OrderStatus] = orderStatus;
        table[(int)Intent.Return] = @return;
        table[(int)Intent.Refund] = refund;
        table[(int)Intent.Damaged] = damaged;
        table[(int)Intent.Exchange] = exchange;
        table[(int)Intent.Cancellation] = cancellation;
        table[(int)Intent.AddressChange] = addressChange;
        table[(int)Intent.Discount] = discount;
        table[(int)Intent.ShippingDelay] = shippingDelay;
        table[(int)Intent.ProductQuestion] = productQuestion;
        table[(int)Intent.Complaint] = complaint;
        table[(int)Intent.Spam] = spam;
        return table;
    }
}
