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
