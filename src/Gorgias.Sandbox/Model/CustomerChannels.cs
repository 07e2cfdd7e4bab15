namespace Gorgias.Sandbox.Model;

/// <summary>
/// The channels a customer can write in through and the <c>via</c> Gorgias records for each (reference §2.1: via adds
/// values such as <c>gorgias_chat</c>, <c>form</c>, <c>twilio</c>, <c>instagram</c>, <c>facebook</c>, <c>aircall</c>).
/// Shared by the write-in form, the control API and the generator's choices.
/// </summary>
internal static class CustomerChannels
{
    private static readonly Dictionary<string, string> ViaByChannel = new(StringComparer.Ordinal)
    {
        ["email"] = "email",
        ["chat"] = "gorgias_chat",
        ["contact_form"] = "form",
        ["sms"] = "twilio",
        ["api"] = "api",
        ["help-center"] = "self_service",
        ["whatsapp"] = "whatsapp",
        ["facebook-messenger"] = "facebook",
        ["instagram-direct-message"] = "instagram",
        ["phone"] = "aircall",
    };

    public static IReadOnlyCollection<string> All { get; } = [.. ViaByChannel.Keys];

    /// <summary>The via of a customer's incoming message on <paramref name="channel"/>, or null for an unknown channel.</summary>
    public static string? ViaFor(string channel) => ViaByChannel.GetValueOrDefault(channel);
}
