using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Saas.Gorgias.Api;

namespace Saas.Gorgias.Calls;

/// <summary>
/// The resilience pipeline of the API client, outermost first: total timeout → retry → circuit breaker → attempt
/// timeout. One pipeline instance per tenant (keyed by <see cref="GorgiasCaller.Tenant"/>), so a broken account opens
/// only its own tenant's breaker. Polly runs on the app's <see cref="TimeProvider"/>.
/// </summary>
internal static class GorgiasResilience
{
    public const string PipelineName = "gorgias-api";

    public static IHttpClientBuilder AddGorgiasResilience(this IHttpClientBuilder http)
    {
        http.AddResilienceHandler(PipelineName, (builder, context) =>
            {
                var services = context.ServiceProvider;
                var options = services.GetRequiredService<IOptions<GorgiasResilienceOptions>>().Value;
                builder.TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
                Configure(builder, options);
            })
            .SelectPipelineBy(_ => request => GorgiasRequestOptions.CallerOf(request)?.Tenant ?? "-");
        return http;
    }

    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, GorgiasResilienceOptions options)
    {
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited ? GorgiasApiException.RetryAfterOf(limited) : null),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, args.Context)),
        });
        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// Retry a 429 (it did not take effect) unless Gorgias asks for a longer wait than we hold a call for; retry 5xx,
    /// 408, attempt timeouts and connection failures only when repeating the request is harmless (GET, PUT, DELETE,
    /// a POST marked idempotent) or when it surely never reached Gorgias (no connection).
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, GorgiasResilienceOptions options)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => GorgiasApiException.RetryAfterOf(response) is not { } wait || wait <= options.MaxRetryAfter,
                HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => GorgiasRequestOptions.IsIdempotent(request),
                _ => false,
            };
        }

        return outcome.Exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
            HttpRequestException or TimeoutRejectedException => GorgiasRequestOptions.IsIdempotent(request),
            _ => false,
        };
    }

    /// <summary>What counts against a tenant's breaker: the account not working (5xx, 408, no answer), not a 4xx or a 429.</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        outcome.Result is { } response
            ? response.StatusCode is HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError
            : outcome.Exception is HttpRequestException or TimeoutRejectedException
              || (outcome.Exception is OperationCanceledException && !context.CancellationToken.IsCancellationRequested);
}
