using Gorgias.Sandbox.Control;
using Gorgias.Sandbox.Hosting;
using Microsoft.Extensions.Options;
using Saas.Gorgias.Api;
using Saas.Gorgias.OAuth;

namespace Saas.Gorgias.Tests;

/// <summary>A sandbox (acme, globex) with this project's OAuth app registered, and the clients pointed at it.</summary>
internal sealed class SandboxKit : IAsyncDisposable
{
    public const string ClientId = "gorgias-client-tests";
    public const string ClientSecret = "gorgias-client-tests-secret";

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    private SandboxKit(SandboxHost sandbox, GorgiasOptions options)
    {
        Sandbox = sandbox;
        Options = options;
        OAuth = new GorgiasOAuthClient(_http, Microsoft.Extensions.Options.Options.Create(options));
        Api = new GorgiasApiClient(_http, Microsoft.Extensions.Options.Options.Create(options));
    }

    public SandboxHost Sandbox { get; }

    public GorgiasOptions Options { get; }

    public GorgiasOAuthClient OAuth { get; }

    public GorgiasApiClient Api { get; }

    public static GorgiasAccount Acme => Account("acme");

    public static GorgiasAccount Globex => Account("globex");

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static GorgiasAccount Account(string text) => GorgiasAccount.TryParse(text, out var account) ? account : throw new ArgumentException(text);

    public static async Task<SandboxKit> StartAsync(string clientSecret = ClientSecret, Action<SandboxOptions>? configure = null)
    {
        var sandbox = await SandboxHost.StartAsync(
            o =>
            {
                o.Accounts = new(StringComparer.Ordinal)
                {
                    ["acme"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                    ["globex"] = new AccountSeedOptions { Tickets = 2, Customers = 2, Agents = 2 },
                };
                configure?.Invoke(o);
            },
            cancellationToken: Ct);
        await sandbox.Control.RegisterAppAsync(new RegisterAppRequest(["http://127.0.0.1:1/gorgias/callback"], ClientId, ClientSecret), Ct);
        return new SandboxKit(sandbox, new GorgiasOptions { AccountBaseUrl = sandbox.AccountBaseUrlTemplate, ClientId = ClientId, ClientSecret = clientSecret });
    }

    /// <summary>Installs the app headlessly on the account (as its admin) and returns the tokens.</summary>
    public Task<SandboxTokens> InstallAsync(string account = "acme", params string[] scopes) =>
        Sandbox.Control.InstallAsync(account, ClientId, scopes.Length == 0 ? ["openid", "offline", "write:all"] : scopes, cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Sandbox.DisposeAsync();
    }
}
