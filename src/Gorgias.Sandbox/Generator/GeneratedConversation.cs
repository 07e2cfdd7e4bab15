namespace Gorgias.Sandbox.Generator;

/// <summary>What a support conversation is about. The order is part of the contract (phrase tables are indexed by it).</summary>
internal enum Intent
{
    OrderStatus,
    Return,
    Refund,
    Damaged,
    Exchange,
    Cancellation,
    AddressChange,
    Discount,
    ShippingDelay,
    ProductQuestion,
    Complaint,
    Spam,
}

/// <summary>Language of a generated conversation.</summary>
internal enum Lang
{
    En,
    De,
    Fr,
    Es,
}

internal static class LangExtensions
{
    /// <summary>ISO 639-1 code: <c>Lang.De.Code() == "de"</c>.</summary>
    public static string Code(this Lang language) => language switch
    {
        Lang.En => "en",
        Lang.De => "de",
        Lang.Fr => "fr",
        Lang.Es => "es",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };
}

/// <summary>One message of a generated thread. Plain text, <c>\n</c> line breaks.</summary>
internal sealed record GeneratedMessage(bool FromAgent, bool Public, string BodyText);

/// <summary>
/// A generated support thread. <see cref="Language"/> is the language the text is actually written in
/// (for spam it can differ from the requested language: most spam is English).
/// </summary>
internal sealed record GeneratedConversation(
    Intent Intent,
    Lang Language,
    bool Urgent,
    string Subject,
    IReadOnlyList<GeneratedMessage> Messages);
