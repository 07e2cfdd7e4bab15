using System.Net.Http.Json;
using System.Text.Json;
using Gorgias.Sandbox.Faults;

namespace Gorgias.Sandbox.Control;

/// <summary>A typed client for the control API (<c>/_sandbox/</c>), for tests and tools.</summary>
public sealed class SandboxControlClient(HttpClient http) : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public HttpClient Http => http;

    public async Task<SandboxAccount> GetAccountAsync(string account, CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<SandboxAccount>($"_sandbox/accounts/{account}", Json, cancellationToken))!;

    public async Task<SandboxAccount> CreateAccountAsync(CreateAccountRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("_sandbox/accounts", request, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<SandboxAccount>(Json, cancellationToken))!;
    }

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync("_sandbox/reset", null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Adds generated customers and tickets to an existing account.</summary>
    public async Task SeedAsync(string account, int tickets, int customers = 0, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"_sandbox/accounts/{account}/seed", new SeedRequest(tickets, customers), Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Writes in as a customer (creates a ticket, fires webhooks); returns the ticket JSON.</summary>
    public async Task<JsonElement> WriteInAsync(string account, WriteInRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"_sandbox/accounts/{account}/tickets", request, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    /// <summary>The generator's truth for every generated ticket (to score classifiers).</summary>
    public async Task<IReadOnlyList<TicketTruth>> GetTruthAsync(string account, CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<List<TicketTruth>>($"_sandbox/accounts/{account}/truth", Json, cancellationToken))!;

    /// <summary>Uninstalls an app from an account (refresh tokens revoked); returns how many installations were revoked.</summary>
    public async Task<int> UninstallAsync(string account, string clientId, bool? revokeAccessTokens = null, CancellationToken cancellationToken = default) =>
        (await PostAsync<UninstallResult>($"_sandbox/accounts/{account}/apps/{Uri.EscapeDataString(clientId)}/uninstall", new UninstallRequest(revokeAccessTokens), cancellationToken)).Revoked;

    /// <summary>Refuses every access token of the account (or of one app on it) issued so far; returns how many.</summary>
    public async Task<int> ExpireTokensAsync(string account, string? clientId = null, CancellationToken cancellationToken = default) =>
        (await PostAsync<ExpireTokensResult>($"_sandbox/accounts/{account}/tokens/expire", new ExpireTokensRequest(clientId), cancellationToken)).Expired;

    /// <summary>Installs an app headlessly (as the account admin unless <paramref name="userId"/>) and returns its tokens.</summary>
    public Task<SandboxTokens> InstallAsync(string account, string clientId, IEnumerable<string> scopes, long? userId = null, CancellationToken cancellationToken = default) =>
        PostAsync<SandboxTokens>($"_sandbox/accounts/{account}/installations", new InstallRequest(clientId, [.. scopes], userId), cancellationToken);

    public async Task<IReadOnlyList<SandboxApp>> ListAppsAsync(CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<List<SandboxApp>>("_sandbox/apps", Json, cancellationToken))!;

    /// <summary>Registers an app, or replaces the one with the same client id.</summary>
    public Task<SandboxApp> RegisterAppAsync(RegisterAppRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<SandboxApp>("_sandbox/apps", request, cancellationToken);

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    /// <summary>The account's current faults.</summary>
    public async Task<FaultSettings> GetFaultsAsync(string account, CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<FaultSettings>($"_sandbox/accounts/{account}/faults", Json, cancellationToken))!;

    /// <summary>Replaces the account's faults (unset members are off); returns what is now in force.</summary>
    public async Task<FaultSettings> SetFaultsAsync(string account, FaultSettings faults, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"_sandbox/accounts/{account}/faults", faults, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<FaultSettings>(Json, cancellationToken))!;
    }

    /// <summary>Switches every fault of the account off.</summary>
    public async Task ClearFaultsAsync(string account, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"_sandbox/accounts/{account}/faults", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Expires every pagination cursor of the account issued so far.</summary>
    public async Task ExpireCursorsAsync(string account, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync($"_sandbox/accounts/{account}/cursors/expire", null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> API requests of the account, oldest first.</summary>
    public async Task<IReadOnlyList<SandboxRequestLogEntry>> GetRequestLogAsync(string account, int limit = 100, CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<List<SandboxRequestLogEntry>>($"_sandbox/accounts/{account}/requests?limit={limit}", Json, cancellationToken))!;

    public async Task ClearRequestLogAsync(string account, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"_sandbox/accounts/{account}/requests", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> webhook delivery attempts (of one integration if given), oldest first.</summary>
    public async Task<IReadOnlyList<SandboxWebhookDelivery>> GetDeliveriesAsync(string account, long? integrationId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var query = integrationId is { } id ? $"?integration_id={id}&limit={limit}" : $"?limit={limit}";
        return (await http.GetFromJsonAsync<List<SandboxWebhookDelivery>>($"_sandbox/accounts/{account}/webhooks/deliveries{query}", Json, cancellationToken))!;
    }

    /// <summary>Makes the merchant's other integrations spend <paramref name="perSecond"/> requests per second from the OAuth bucket.</summary>
    public async Task SetBackgroundLoadAsync(string account, double perSecond, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"_sandbox/accounts/{account}/background-load", new BackgroundLoadRequest(perSecond), Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The account's leaky buckets as they are now.</summary>
    public async Task<SandboxRateLimitStatus> GetRateLimitAsync(string account, CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<SandboxRateLimitStatus>($"_sandbox/accounts/{account}/rate-limit", Json, cancellationToken))!;

    /// <summary>Throws with the response body in the message when the control API refuses.</summary>
    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Sandbox control call {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed with {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }

    public void Dispose() => http.Dispose();
}
