using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Saas.Gorgias.Api;

namespace Saas.Core.Install;

/// <summary>
/// The one HTTP integration the app registers on a merchant's account: ticket-created, ticket-updated and
/// ticket-message-created, POSTed as JSON with the whole ticket as body (<c>"{{ticket}}"</c>), to
/// <c>{App:PublicBaseUrl}/webhooks/gorgias/{tenant id}</c>, with a fresh random per-tenant secret in the
/// <see cref="SecretHeader"/> header. Gorgias signs nothing, so the header is the proof; only its SHA-256 is kept.
/// </summary>
internal static class WebhookRegistration
{
    public const string SecretHeader = "X-Autopilot-Secret";

    public const string IntegrationName = "Ticket Autopilot";

    public static readonly IReadOnlyList<string> Triggers =
        [GorgiasTriggers.TicketCreated, GorgiasTriggers.TicketUpdated, GorgiasTriggers.TicketMessageCreated];

    /// <summary>A fresh secret: 32 random bytes, base64url (43 characters, header-safe).</summary>
    public static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the tenant row keeps: SHA-256 of the secret's UTF-8 bytes (32 bytes).</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static GorgiasIntegrationRequest Request(AppOptions app, Guid tenantId, string secret) =>
        new(
            IntegrationName,
            new GorgiasHttpSettings(
                Url: app.WebhookUrl(tenantId),
                Method: "POST",
                RequestContentType: "application/json",
                ResponseContentType: "application/json",
                Headers: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [SecretHeader] = secret },
                Form: JsonValue.Create("{{ticket}}"),
                Triggers: Triggers.ToDictionary(t => t, _ => true, StringComparer.Ordinal)),
            Description: "Sends ticket events to the Ticket Autopilot app. Created by the app at install; reinstalling replaces it, uninstalling removes it.");

    /// <summary>An integration this deployment registered (its URL starts with our webhook prefix).</summary>
    public static bool IsOurs(AppOptions app, GorgiasIntegration integration) =>
        integration.Http?.Url is { } url && url.StartsWith(app.WebhookUrlPrefix(), StringComparison.OrdinalIgnoreCase);
}
