using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gorgias.Sandbox.Api;
using Gorgias.Sandbox.Faults;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Gorgias.Sandbox.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Control;

/// <summary>
/// Control API for faults and observability of one account: faults (GET/PUT/DELETE), cursor expiry, the request
/// log, the webhook delivery log, background load and the rate-limit buckets.
/// </summary>
internal static class FaultControlEndpoints
{
    private const int DefaultLogLimit = 100;
    private const int MaxLogLimit = 5_000;

    private static readonly JsonSerializerOptions StrictJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static RouteGroupBuilder MapFaultControl(this RouteGroupBuilder control)
    {
        var account = control.MapGroup("/accounts/{account}");
        account.MapGet("/faults", GetFaults);
        account.MapPut("/faults", PutFaults);
        account.MapDelete("/faults", ClearFaults);
        account.MapPost("/cursors/expire", ExpireCursors);
        account.MapGet("/requests", GetRequests);
        account.MapDelete("/requests", ClearRequests);
        account.MapGet("/webhooks/deliveries", GetDeliveries);
        account.MapPut("/background-load", PutBackgroundLoad);
        account.MapGet("/rate-limit", GetRateLimit);
        return control;
    }

    private static IResult GetFaults(string account, SandboxStore store) =>
        store.Find(account) is { } state ? Results.Ok(state.Faults.Read()) : ControlEndpoints.NotFound(account);

    private static async Task<IResult> PutFaults(string account, HttpContext http, SandboxStore store, TimeProvider clock)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        FaultSettings settings;
        try
        {
            settings = body!.Deserialize<FaultSettings>(StrictJson) ?? new FaultSettings();
        }
        catch (JsonException e)
        {
            return ApiErrors.BadRequest($"Invalid fault settings: {e.Message}");
        }

        var errors = Validate(settings);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid fault settings.", errors);
        }

        Write(state.Faults, settings, clock.GetUtcNow());
        return Results.Ok(state.Faults.Read());
    }

    private static IResult ClearFaults(string account, SandboxStore store, TimeProvider clock)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        Write(state.Faults, new FaultSettings(), clock.GetUtcNow());
        return Results.NoContent();
    }

    private static FieldErrors Validate(FaultSettings s)
    {
        var errors = new FieldErrors();
        Range(errors, "api_latency_ms", s.ApiLatencyMs, 0, 600_000);
        Range(errors, "server_error_rate", s.ServerErrorRate, 0, 1);
        Range(errors, "server_error_status", s.ServerErrorStatus, 500, 599);
        Range(errors, "storm_retry_after_seconds", s.StormRetryAfterSeconds, 1, 86_400);
        Range(errors, "webhook_drop_rate", s.WebhookDropRate, 0, 1);
        Range(errors, "webhook_duplicate_rate", s.WebhookDuplicateRate, 0, 1);
        Range(errors, "webhook_delay_ms", s.WebhookDelayMs, 0, 600_000);
        Range(errors, "webhook_reorder_window", s.WebhookReorderWindow, 0, 1_000);
        Range(errors, "message_send_failure_rate", s.MessageSendFailureRate, 0, 1);
        if (s.TokenEndpointStatus is { } token)
        {
            Range(errors, "token_endpoint_status", token, 400, 599);
        }

        if (s.RateLimitStormSeconds is { } storm)
        {
            Range(errors, "rate_limit_storm_seconds", storm, 0, 86_400);
        }

        return errors;
    }

    private static void Range(FieldErrors errors, string field, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Must be between {min} and {max}."));
        }
    }

    /// <summary>Replaces every fault setting; the random source of the probabilistic faults restarts from seed 1.</summary>
    private static void Write(AccountFaults faults, FaultSettings s, DateTimeOffset now)
    {
        lock (faults.Sync)
        {
            faults.Random = new Random(1);
            faults.ApiLatency = TimeSpan.FromMilliseconds(s.ApiLatencyMs);
            faults.ServerErrorRate = s.ServerErrorRate;
            faults.ServerErrorStatus = s.ServerErrorStatus;
            faults.RateLimitStormUntil = s.RateLimitStormSeconds is > 0 ? now.AddSeconds(s.RateLimitStormSeconds.Value) : s.RateLimitStormUntil;
            faults.StormRetryAfterSeconds = s.StormRetryAfterSeconds;
            faults.WebhookDropRate = s.WebhookDropRate;
            faults.WebhookDuplicateRate = s.WebhookDuplicateRate;
            faults.WebhookDelay = TimeSpan.FromMilliseconds(s.WebhookDelayMs);
            faults.WebhookReorderWindow = s.WebhookReorderWindow;
            faults.TokenEndpointStatus = s.TokenEndpointStatus;
            faults.MessageSendFailureRate = s.MessageSendFailureRate;
        }
    }

    private static IResult ExpireCursors(string account, SandboxStore store, TimeProvider clock)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        lock (state.Sync)
        {
            // One tick past now, so a cursor issued at this very instant (a frozen test clock) is expired too.
            state.CursorsValidFrom = clock.GetUtcNow().AddTicks(1);
        }

        return Results.NoContent();
    }

    private static IResult GetRequests(string account, HttpContext http, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors, "limit");
        var limit = ReadLimit(http, errors);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        var entries = state.RequestLog.Snapshot();
        return Results.Ok(entries.Skip(Math.Max(0, entries.Count - limit)).ToList());
    }

    private static IResult ClearRequests(string account, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        state.RequestLog.Clear();
        return Results.NoContent();
    }

    private static IResult GetDeliveries(string account, HttpContext http, SandboxStore store)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        var errors = new FieldErrors();
        QueryKeys.Check(http.Request, errors, "limit", "integration_id");
        var limit = ReadLimit(http, errors);
        ListQuery.TryGetLong(http.Request, "integration_id", errors, out var integrationId);
        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid query parameters.", errors);
        }

        var records = state.DeliveryLog.Snapshot().Where(d => integrationId is null || d.IntegrationId == integrationId).ToList();
        return Results.Ok(records.Skip(Math.Max(0, records.Count - limit)).ToList());
    }

    private static async Task<IResult> PutBackgroundLoad(
        string account,
        HttpContext http,
        SandboxStore store,
        RateLimiter limiter,
        OAuthStore oauth,
        IOptionsMonitor<SandboxOptions> options)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        var (body, error) = await RequestBody.ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        var errors = new FieldErrors();
        new BodyReader(body!, errors).RejectUnknown(new HashSet<string>(StringComparer.Ordinal) { "per_second" });
        if (!body!.TryGetPropertyValue("per_second", out var node) || node is null)
        {
            errors.Add("per_second", "Missing data for required field.");
        }
        else if (node.GetValueKind() != JsonValueKind.Number || !double.IsFinite(node.GetValue<double>()) || node.GetValue<double>() is < 0 or > 100_000)
        {
            errors.Add("per_second", "Must be a number between 0 and 100000.");
        }

        if (errors.Any)
        {
            return ApiErrors.BadRequest("Invalid background load.", errors);
        }

        // Settle the OAuth buckets at the old rate before the new one applies.
        foreach (var caller in OAuthCallers(state, oauth, options.CurrentValue.RateLimits.PerAppBuckets))
        {
            limiter.Peek(state, caller.Caller);
        }

        var perSecond = node!.GetValue<double>();
        state.BackgroundLoadPerSecond = perSecond;
        return Results.Ok(new BackgroundLoadRequest(perSecond));
    }

    private static IResult GetRateLimit(string account, SandboxStore store, RateLimiter limiter, OAuthStore oauth, IOptionsMonitor<SandboxOptions> options)
    {
        if (store.Find(account) is not { } state)
        {
            return ControlEndpoints.NotFound(account);
        }

        var buckets = new List<SandboxRateLimitBucket>();
        var apiKey = ProbeCaller(CredentialKind.ApiKey, null);
        var (apiKeyLimit, apiKeyWindow) = limiter.LimitFor(state, CredentialKind.ApiKey);
        buckets.Add(new SandboxRateLimitBucket("api_key", null, limiter.Peek(state, apiKey), apiKeyLimit, apiKeyWindow));
        foreach (var (clientId, caller) in OAuthCallers(state, oauth, options.CurrentValue.RateLimits.PerAppBuckets))
        {
            var (limit, window) = limiter.LimitFor(state, CredentialKind.OAuth);
            buckets.Add(new SandboxRateLimitBucket("oauth", clientId, limiter.Peek(state, caller), limit, window));
        }

        var settings = options.CurrentValue;
        return Results.Ok(new SandboxRateLimitStatus(settings.RateLimits.Enabled, settings.TimeScale, state.BackgroundLoadPerSecond, buckets));
    }

    /// <summary>One probe caller per OAuth bucket: the shared one, or one per installed app with per-app buckets.</summary>
    private static List<(string? ClientId, Caller Caller)> OAuthCallers(AccountState state, OAuthStore oauth, bool perAppBuckets)
    {
        if (!perAppBuckets)
        {
            return [(null, ProbeCaller(CredentialKind.OAuth, null))];
        }

        return [.. oauth.ForAccount(state.Domain).Select(i => i.ClientId).Distinct(StringComparer.Ordinal)
            .Select(clientId => ((string?)clientId, ProbeCaller(CredentialKind.OAuth, clientId)))];
    }

    private static Caller ProbeCaller(CredentialKind kind, string? clientId) =>
        new(kind, new User { Email = "", ApiKey = "" }, clientId, new HashSet<string>(), null);

    private static int ReadLimit(HttpContext http, FieldErrors errors)
    {
        if (!http.Request.Query.TryGetValue("limit", out var text))
        {
            return DefaultLogLimit;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLogLimit)
        {
            return limit;
        }

        errors.Add("limit", $"Must be an integer between 1 and {MaxLogLimit}.");
        return DefaultLogLimit;
    }
}
