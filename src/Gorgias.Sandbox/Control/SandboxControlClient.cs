using System.Net.Http.Json;
using System.Text.Json;

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
