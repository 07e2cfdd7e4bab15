using Gorgias.Sandbox.Control;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gorgias.Sandbox.Hosting;

/// <summary>
/// Starts a sandbox in-process on 127.0.0.1 with a free port, for tests and tools in other projects:
/// <code>await using var sandbox = await SandboxHost.StartAsync(o => o.AutoApprove = true);</code>
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
        Control = new SandboxControlClient(new HttpClient { BaseAddress = baseAddress });
    }

    /// <summary>The sandbox root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A plain client on <see cref="BaseAddress"/>.</summary>
    public HttpClient Http { get; }

    public SandboxControlClient Control { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The account's base URL (the stand-in for <c>https://{account}.gorgias.com</c>), no trailing slash.</summary>
    public Uri AccountBaseAddress(string account) => new(BaseAddress, account);

    /// <summary>The template the app uses to build account URLs: <c>http://127.0.0.1:PORT/{account}</c>.</summary>
    public string AccountBaseUrlTemplate => BaseAddress.ToString().TrimEnd('/') + "/{account}";

    public static Task<SandboxHost> StartAsync(
        Action<SandboxOptions>? configure = null,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default) =>
        StartAsync("http://127.0.0.1:0", configure, clock, cancellationToken);

    /// <summary>Starts on a given URL, e.g. <c>http://127.0.0.1:5081</c> (the demo's fixed port).</summary>
    public static async Task<SandboxHost> StartAsync(
        string url,
        Action<SandboxOptions>? configure = null,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddGorgiasSandbox(configure);
        var app = builder.Build();
        app.MapGorgiasSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Control.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
