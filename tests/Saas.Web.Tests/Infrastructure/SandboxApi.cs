using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Saas.Web.Tests.Infrastructure;

/// <summary>Reads the sandbox account's REST API as its admin (HTTP Basic with the admin's API key), independent of the app's clients.</summary>
internal static class SandboxApi
{
    public static async Task<JsonObject> GetIntegrationAsync(TestApp app, long id, string account = "acme")
    {
        var admin = (await app.Control.GetAccountAsync(account, TestContext.Current.CancellationToken)).Users.First(u => u.Role == "admin");
        using var http = new HttpClient { BaseAddress = new Uri(app.Sandbox.AccountBaseAddress(account) + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.Email}:{admin.ApiKey}")));
        return (await http.GetFromJsonAsync<JsonObject>($"api/integrations/{id}", TestContext.Current.CancellationToken))!;
    }
}
