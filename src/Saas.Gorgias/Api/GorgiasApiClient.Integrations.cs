using Saas.Gorgias.Calls;

namespace Saas.Gorgias.Api;

/// <summary>HTTP integrations (the app's webhooks).</summary>
public sealed partial class GorgiasApiClient
{
    private const string Integrations = "api/integrations";

    public Task<GorgiasIntegration> CreateIntegrationAsync(GorgiasCaller caller, GorgiasIntegrationRequest integration, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(caller, HttpMethod.Post, Integrations, integration, cancellationToken);

    public Task<GorgiasIntegration> GetIntegrationAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(caller, HttpMethod.Get, $"{Integrations}/{id}", null, cancellationToken);

    public Task<GorgiasIntegration> UpdateIntegrationAsync(GorgiasCaller caller, long id, GorgiasIntegrationUpdate update, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(caller, HttpMethod.Put, $"{Integrations}/{id}", update, cancellationToken);

    /// <summary>
    /// Re-enables an integration Gorgias deactivated (after repeated delivery failures): <c>PUT</c> with
    /// <c>{"deactivated_datetime": null}</c>, which also resets its failure count. An explicit null, hence its own
    /// method (<see cref="GorgiasIntegrationUpdate"/> leaves nulls out).
    /// </summary>
    public Task<GorgiasIntegration> ReactivateIntegrationAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(caller, HttpMethod.Put, $"{Integrations}/{id}", new System.Text.Json.Nodes.JsonObject { ["deactivated_datetime"] = null }, cancellationToken);

    /// <summary>Deletes an integration; false when it did not exist (404).</summary>
    public Task<bool> DeleteIntegrationAsync(GorgiasCaller caller, long id, CancellationToken cancellationToken = default) =>
        DeleteAsync(caller, $"{Integrations}/{id}", cancellationToken);

    /// <summary>Every integration of the account (optionally of one <paramref name="type"/>).</summary>
    public IAsyncEnumerable<GorgiasIntegration> ListIntegrationsAsync(GorgiasCaller caller, string? type = null, CancellationToken cancellationToken = default) =>
        ListAsync<GorgiasIntegration>(caller, Integrations, new Query().Add("type", type), i => i.Id, null, cancellationToken);
}
