using System.Text.Json;

namespace Saas.Gorgias.Api;

/// <summary>Parses Gorgias JSON received outside the client (a webhook body, a dry run's ticket) with the client's own options.</summary>
public static class GorgiasPayloads
{
    /// <summary>A ticket (webhook <c>{{ticket}}</c> context or API shape); <see cref="JsonException"/> when it isn't one.</summary>
    public static GorgiasTicket ParseTicket(string json) =>
        JsonSerializer.Deserialize<GorgiasTicket>(json, GorgiasJson.Options) ?? throw new JsonException("The body is null, not a ticket.");

    /// <summary>As <see cref="ParseTicket(string)"/>, from an already parsed element.</summary>
    public static GorgiasTicket ParseTicket(JsonElement json) =>
        json.Deserialize<GorgiasTicket>(GorgiasJson.Options) ?? throw new JsonException("The body is null, not a ticket.");
}
