using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Saas.Gorgias.Api;

/// <summary>
/// The Gorgias REST API of one account at a time (<c>{account base}/api/...</c>), with the OAuth access token given
/// per call as a Bearer token. Typed <see cref="HttpClient"/>; for now only what the install needs (HTTP
/// integrations); the rest of the API, paging helpers and resilience come with the workers.
/// </summary>
public sealed class GorgiasApiClient(HttpClient http, IOptions<GorgiasOptions> options)
{
    private const string Integrations = "api/integrations";

    public Task<GorgiasIntegration> CreateIntegrationAsync(GorgiasAccount account, string accessToken, GorgiasIntegrationRequest integration, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(account, accessToken, HttpMethod.Post, Integrations, integration, cancellationToken);

    public Task<GorgiasIntegration> GetIntegrationAsync(GorgiasAccount account, string accessToken, long id, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(account, accessToken, HttpMethod.Get, $"{Integrations}/{id}", null, cancellationToken);

    public Task<GorgiasIntegration> UpdateIntegrationAsync(GorgiasAccount account, string accessToken, long id, GorgiasIntegrationUpdate update, CancellationToken cancellationToken = default) =>
        SendAsync<GorgiasIntegration>(account, accessToken, HttpMethod.Put, $"{Integrations}/{id}", update, cancellationToken);

    /// <summary>Deletes an integration; false when it did not exist (404), which is what a delete wants anyway.</summary>
    public async Task<bool> DeleteIntegrationAsync(GorgiasAccount account, string accessToken, long id, CancellationToken cancellationToken = default)
    {
        var path = $"{Integrations}/{id}";
        using var request = Request(account, accessToken, HttpMethod.Delete, path, null);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(HttpMethod.Delete, path, response, cancellationToken);
        return true;
    }

    /// <summary>Every integration of the account (optionally of one <paramref name="type"/>), page by page.</summary>
    public async IAsyncEnumerable<GorgiasIntegration> ListIntegrationsAsync(
        GorgiasAccount account,
        string accessToken,
        string? type = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var query = "?limit=100" + (type is null ? "" : "&type=" + Uri.EscapeDataString(type)) + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await SendAsync<GorgiasPage<GorgiasIntegration>>(account, accessToken, HttpMethod.Get, Integrations + query, null, cancellationToken);
            foreach (var integration in page.Data)
            {
                yield return integration;
            }

            cursor = page.Meta?.NextCursor;
        }
        while (cursor is not null);
    }

    private async Task<T> SendAsync<T>(GorgiasAccount account, string accessToken, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = Request(account, accessToken, method, path, body);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(method, path, response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(GorgiasJson.Options, cancellationToken)
            ?? throw new GorgiasApiException($"Gorgias answered {(int)response.StatusCode} to {method} {path} with an empty body.");
    }

    private HttpRequestMessage Request(GorgiasAccount account, string accessToken, HttpMethod method, string path, object? body)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        var request = new HttpRequestMessage(method, new Uri(options.Value.AccountBase(account) + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: GorgiasJson.Options);
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await GorgiasApiException.FromResponseAsync(method, "/" + path.Split('?')[0], response, cancellationToken);
        }
    }
}
