using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Saas.Gorgias.Calls;

namespace Saas.Gorgias.Api;

/// <summary>
/// The Gorgias REST API of one account at a time (<c>{account base}/api/...</c>), one typed <see cref="HttpClient"/>
/// for every resource. Each call names its <see cref="GorgiasCaller"/> (account, tenant, lane), which the handlers
/// below use: <see cref="GorgiasCallHandler"/> waits for the rate gate and attaches the token on every attempt, the
/// resilience pipeline retries, times out and breaks the tenant's circuit. Lists are <see cref="IAsyncEnumerable{T}"/>
/// walks of 100-item cursor pages that survive an expired cursor (<see cref="GorgiasPaging"/>). Errors are
/// <see cref="GorgiasApiException"/>s (never with a token in them). Built through <c>AddGorgiasClients</c>: without its
/// handlers no token is attached.
/// </summary>
public sealed partial class GorgiasApiClient(HttpClient http, IOptions<GorgiasOptions> options)
{
    private async Task<T> SendAsync<T>(GorgiasCaller caller, HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool idempotent = false)
    {
        using var response = await SendRawAsync(caller, method, path, body, idempotent, cancellationToken);
        await EnsureSuccessAsync(method, path, response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(GorgiasJson.Options, cancellationToken)
            ?? throw new GorgiasApiException($"Gorgias answered {(int)response.StatusCode} to {method} {PathOnly(path)} with an empty body.");
    }

    private async Task SendNoContentAsync(GorgiasCaller caller, HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool idempotent = false)
    {
        using var response = await SendRawAsync(caller, method, path, body, idempotent, cancellationToken);
        await EnsureSuccessAsync(method, path, response, cancellationToken);
    }

    /// <summary>A DELETE; false when it did not exist (404), which is what a delete wants anyway.</summary>
    private async Task<bool> DeleteAsync(GorgiasCaller caller, string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(caller, HttpMethod.Delete, path, null, false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(HttpMethod.Delete, path, response, cancellationToken);
        return true;
    }

    private async Task<HttpResponseMessage> SendRawAsync(GorgiasCaller caller, HttpMethod method, string path, object? body, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        using var request = new HttpRequestMessage(method, new Uri(options.Value.AccountBase(caller.Account) + "/" + path));
        request.Options.Set(GorgiasRequestOptions.Caller, caller);
        if (idempotent)
        {
            request.Options.Set(GorgiasRequestOptions.Idempotent, true);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: GorgiasJson.Options);
        }

        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new GorgiasUnavailableException($"Gorgias calls of tenant {caller.Tenant} are paused after repeated failures (circuit open); {method} {PathOnly(path)} was not sent.", GorgiasUnavailableReason.CircuitOpen, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new GorgiasUnavailableException($"Gorgias did not answer {method} {PathOnly(path)} in time.", GorgiasUnavailableReason.NoAnswer, e);
        }
        catch (HttpRequestException e)
        {
            throw new GorgiasUnavailableException($"Gorgias could not be reached for {method} {PathOnly(path)} ({e.HttpRequestError}).", GorgiasUnavailableReason.NoAnswer, e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await GorgiasApiException.FromResponseAsync(method, PathOnly(path), response, path.Contains("cursor=", StringComparison.Ordinal), cancellationToken);
        }
    }

    private static string PathOnly(string path) => "/" + path.Split('?')[0];

    /// <summary>A cursor walk of a list endpoint (see <see cref="GorgiasPaging"/>).</summary>
    private IAsyncEnumerable<T> ListAsync<T>(
        GorgiasCaller caller,
        string path,
        Query query,
        Func<T, long> id,
        Func<T, DateTimeOffset?>? position,
        CancellationToken cancellationToken,
        Action<Query, DateTimeOffset>? restartFrom = null) =>
        GorgiasPaging.WalkAsync(
            (cursor, mark, ct) =>
            {
                var q = query.Copy().Add("limit", GorgiasPaging.PageSize);
                if (mark is { } m && restartFrom is not null)
                {
                    restartFrom(q, m);
                }

                return SendAsync<GorgiasPage<T>>(caller, HttpMethod.Get, path + q.Add("cursor", cursor), null, ct);
            },
            id,
            position,
            cancellationToken);

    /// <summary>A list envelope without paging (a ticket's tags and custom field values).</summary>
    private async Task<IReadOnlyList<T>> ListOnePageAsync<T>(GorgiasCaller caller, string path, CancellationToken cancellationToken) =>
        (await SendAsync<GorgiasPage<T>>(caller, HttpMethod.Get, path, null, cancellationToken)).Data;

    /// <summary>A query string builder: names as Gorgias spells them, values escaped, nulls left out.</summary>
    private sealed class Query
    {
        private readonly List<KeyValuePair<string, string>> _pairs = [];

        public Query Add(string name, string? value)
        {
            if (value is not null)
            {
                _pairs.Add(new(name, value));
            }

            return this;
        }

        public Query Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public Query Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

        public Query Add(string name, DateTimeOffset? value) => Add(name, value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));

        public Query Add(string name, GorgiasOrder? value) => Add(name, value?.ToString());

        public Query AddEach<TValue>(string name, IEnumerable<TValue>? values, Func<TValue, string> format)
        {
            foreach (var value in values ?? [])
            {
                Add(name, format(value));
            }

            return this;
        }

        public Query Copy()
        {
            var copy = new Query();
            copy._pairs.AddRange(_pairs);
            return copy;
        }

        public override string ToString()
        {
            if (_pairs.Count == 0)
            {
                return "";
            }

            var text = new StringBuilder();
            foreach (var (name, value) in _pairs)
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }

            return text.ToString();
        }
    }
}
