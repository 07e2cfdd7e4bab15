using System.Globalization;
using System.Security.Cryptography;

namespace Saas.Core.Intake;

/// <summary>
/// The inbox's dedupe keys. A ticket state is identified by (ticket id, <c>updated_datetime</c>), so a webhook and a
/// later gap-fill that fetches the same state from the API (which should use <see cref="ForTicket"/>) are one row;
/// without an <c>updated_datetime</c> the body's SHA-256 identifies the delivery.
/// </summary>
public static class InboxDedupeKey
{
    /// <summary>The longest key (the column's size).</summary>
    public const int MaxLength = 100;

    /// <summary><c>ticket:{id}:{UTC ticks of updated_datetime}</c> (independent of how the time was written).</summary>
    public static string ForTicket(long ticketId, DateTimeOffset updatedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"ticket:{ticketId}:{updatedAt.UtcTicks}");

    /// <summary><c>sha256:{hex}</c> of the body bytes.</summary>
    public static string ForBody(ReadOnlySpan<byte> body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
}
