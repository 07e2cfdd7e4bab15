using System.Net.Http.Headers;
using System.Text;
using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;

[assembly: AssemblyFixture(typeof(Gorgias.Sandbox.Tests.Infrastructure.SandboxFixture))]

namespace Gorgias.Sandbox.Tests.Infrastructure;

/// <summary>
/// One sandbox for the test assembly (default options, real Kestrel on 127.0.0.1). Tests that change state create
/// their own account with <see cref="NewAccountAsync"/>; tests that need other options start their own
/// <see cref="SandboxHost"/>.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private static int _counter;

    public SandboxHost Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Sandbox = await SandboxHost.StartAsync();

    public async ValueTask DisposeAsync() => await Sandbox.DisposeAsync();

    /// <summary>A fresh account with a unique name, seeded with <paramref name="tickets"/> tickets.</summary>
    public Task<TestAccount> NewAccountAsync(int tickets = 20, string plan = "standard", int? customers = null) =>
        TestAccount.CreateAsync(Sandbox, $"t{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"[..20], tickets, plan, customers);
}

/// <summary>An account made for one test, with an API-key client for its admin.</summary>
public sealed class TestAccount
{
    public required SandboxHost Sandbox { get; init; }
    public required SandboxAccount Info { get; init; }
    public string Domain => Info.Domain;
    public SandboxUser Admin => Info.Users.First(u => u.Role == "admin");

    /// <summary>A client on <c>{sandbox}/{account}/</c> authenticated with the admin's API key (HTTP Basic).</summary>
    public HttpClient AdminApi() => ApiClient(Sandbox, Domain, Admin.Email, Admin.ApiKey);

    public static HttpClient ApiClient(SandboxHost sandbox, string domain, string email, string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(sandbox.BaseAddress, domain + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{apiKey}")));
        return client;
    }

    public static HttpClient BearerClient(SandboxHost sandbox, string domain, string accessToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(sandbox.BaseAddress, domain + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<TestAccount> CreateAsync(SandboxHost sandbox, string domain, int tickets, string plan = "standard", int? customers = null)
    {
        var info = await sandbox.Control.CreateAccountAsync(new CreateAccountRequest(domain, plan, tickets, customers ?? (tickets == 0 ? 0 : Math.Max(1, tickets / 2))));
        return new TestAccount { Sandbox = sandbox, Info = info };
    }
}
