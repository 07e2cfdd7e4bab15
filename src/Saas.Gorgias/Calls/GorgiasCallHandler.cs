using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Saas.Gorgias.Api;

namespace Saas.Gorgias.Calls;

/// <summary>
/// One attempt of a Gorgias API call, below the resilience handler so every retry passes here again: wait for the
/// account's rate gate, attach the access token (the caller's fixed one, else <see cref="IGorgiasAccessTokens"/>),
/// send, report the status, <c>X-Gorgias-Account-Api-Call-Limit</c> and <c>Retry-after</c> to the gate, and on a 401
/// renew the token once and send again (not for a fixed token, which nobody can renew).
/// </summary>
internal sealed class GorgiasCallHandler(IGorgiasRateGate gate, IGorgiasAccessTokens tokens, TimeProvider clock) : DelegatingHandler
{
    public const string CallLimitHeader = "X-Gorgias-Account-Api-Call-Limit";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var caller = GorgiasRequestOptions.CallerOf(request)
            ?? throw new InvalidOperationException("A Gorgias API request needs a GorgiasCaller in its options (send it through GorgiasApiClient).");

        await gate.WaitAsync(caller, cancellationToken);
        var token = caller.FixedAccessToken ?? await tokens.GetAsync(caller, cancellationToken);
        var response = await SendOnceAsync(caller, request, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || caller.FixedAccessToken is not null)
        {
            return response;
        }

        response.Dispose();
        var renewed = await tokens.RenewAsync(caller, token, cancellationToken);
        await gate.WaitAsync(caller, cancellationToken);
        return await SendOnceAsync(caller, request, renewed, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(GorgiasCaller caller, HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        await gate.ObserveAsync(caller, Observe(response, clock.GetUtcNow()), cancellationToken);
        return response;
    }

    internal static GorgiasRateObservation Observe(HttpResponseMessage response, DateTimeOffset at)
    {
        int? used = null, limit = null;
        if (response.Headers.TryGetValues(CallLimitHeader, out var values)
            && values.FirstOrDefault() is { } text
            && text.Split('/') is [var u, var l]
            && int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var usedValue)
            && int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var limitValue))
        {
            used = usedValue;
            limit = limitValue;
        }

        return new GorgiasRateObservation(response.StatusCode, used, limit, GorgiasApiException.RetryAfterOf(response), at);
    }
}
