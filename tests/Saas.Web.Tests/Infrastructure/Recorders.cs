using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Saas.Web.Tests.Infrastructure;

/// <summary>One request the app sent out.</summary>
internal sealed record OutgoingRequest(string Method, Uri Uri, int? Status);

/// <summary>
/// Every request the app sends out (its typed clients and the OAuth back channel), and every token that came back
/// from a token endpoint, so tests can assert which calls were made and that no token leaked.
/// </summary>
internal sealed class OutgoingRequests
{
    private readonly ConcurrentQueue<OutgoingRequest> _requests = new();
    private readonly ConcurrentBag<string> _tokens = [];

    public IReadOnlyList<OutgoingRequest> All => [.. _requests];

    /// <summary>Access, refresh and id tokens seen in token responses.</summary>
    public IReadOnlyCollection<string> Tokens => [.. _tokens.Distinct()];

    /// <summary>Answers a request instead of the network (a fake at the edge); null lets it through.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    public void Add(OutgoingRequest request) => _requests.Enqueue(request);

    public void AddTokensFrom(string json)
    {
        try
        {
            using var body = JsonDocument.Parse(json);
            foreach (var name in new[] { "access_token", "refresh_token", "id_token" })
            {
                if (body.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } token)
                {
                    _tokens.Add(token);
                }
            }
        }
        catch (JsonException)
        {
        }
    }

    public void AddToken(string token) => _tokens.Add(token);

    public DelegatingHandler Handler() => new RecordingHandler(this);

    private sealed class RecordingHandler(OutgoingRequests owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (owner.Intercept?.Invoke(request) is { } canned)
            {
                owner.Add(new OutgoingRequest(request.Method.Method, request.RequestUri!, (int)canned.StatusCode));
                return canned;
            }

            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch
            {
                owner.Add(new OutgoingRequest(request.Method.Method, request.RequestUri!, null));
                throw;
            }

            owner.Add(new OutgoingRequest(request.Method.Method, request.RequestUri!, (int)response.StatusCode));
            if (request.RequestUri!.AbsolutePath.EndsWith("/oauth/token", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                owner.AddTokensFrom(await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return response;
        }
    }
}

/// <summary>Every log line of the app (formatted message and exception text), at every level.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
