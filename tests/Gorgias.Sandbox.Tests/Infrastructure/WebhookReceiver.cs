using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gorgias.Sandbox.Tests.Infrastructure;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A webhook endpoint for tests: a Kestrel server on 127.0.0.1 (free port) that records every request and answers
/// with a programmable status (200 by default; scripted sequences, always-failing, or held until a signal).
/// Await <see cref="WaitForAsync"/> instead of sleeping.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>Decides the status for a request: the request, its 0-based ordinal among requests to the same path, and the request's abort token.</summary>
    public delegate Task<int> Responder(ReceivedRequest request, int ordinal, CancellationToken aborted);

    private readonly WebApplication _app;
    private readonly Lock _sync = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<(Func<IReadOnlyList<ReceivedRequest>, bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private readonly Dictionary<string, int> _perPath = new(StringComparer.Ordinal);
    private Responder _responder = (_, _, _) => Task.FromResult(200);

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>An absolute URL on the receiver, e.g. <c>Url("hooks/a")</c>.</summary>
    public string Url(string path = "hook") => new Uri(BaseAddress, path).ToString();

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == "/" + path.TrimStart('/'))];

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return receiver;
    }

    /// <summary>Answers with a custom responder.</summary>
    public void Respond(Responder responder) => _responder = responder;

    /// <summary>Answers the n-th request to each path with <paramref name="statuses"/>[n], then 200.</summary>
    public void RespondWith(params int[] statuses) =>
        _responder = (_, ordinal, _) => Task.FromResult(ordinal < statuses.Length ? statuses[ordinal] : 200);

    public void AlwaysRespond(int status) => _responder = (_, _, _) => Task.FromResult(status);

    /// <summary>Requests to <paramref name="path"/> wait for <paramref name="release"/> (or the caller giving up), then get 200; others get 200 at once.</summary>
    public void HoldPath(string path, Task release) =>
        _responder = async (request, _, aborted) =>
        {
            if (request.Path == "/" + path.TrimStart('/'))
            {
                await release.WaitAsync(aborted);
            }

            return 200;
        };

    /// <summary>Waits until <paramref name="done"/> holds for the requests received so far; throws on timeout.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> done, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            if (done(_requests))
            {
                return [.. _requests];
            }

            _waiters.Add((done, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The webhook receiver got {Requests.Count} request(s), not what the test waited for: {string.Join(" | ", Requests.Select(r => r.Method + " " + r.Path + r.Query))}");
        }

        return Requests;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (to <paramref name="path"/> if given).</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForCountAsync(int count, string? path = null, TimeSpan? timeout = null) =>
        WaitForAsync(all => all.Count(r => path is null || r.Path == "/" + path.TrimStart('/')) >= count, timeout);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType,
            body);
        int ordinal;
        lock (_sync)
        {
            _requests.Add(request);
            ordinal = _perPath[request.Path] = _perPath.GetValueOrDefault(request.Path, -1) + 1;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Done(_requests))
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        int status;
        try
        {
            status = await _responder(request, ordinal, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
