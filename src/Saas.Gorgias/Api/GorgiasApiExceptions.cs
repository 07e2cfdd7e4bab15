using System.Net;

namespace Saas.Gorgias.Api;

/// <summary>404: the resource does not exist (any more).</summary>
public sealed class GorgiasNotFoundException : GorgiasApiException
{
    public GorgiasNotFoundException()
    {
    }

    public GorgiasNotFoundException(string message)
        : base(message)
    {
    }

    public GorgiasNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GorgiasNotFoundException(HttpMethod method, string path, string? errorMessage)
        : base(method, path, HttpStatusCode.NotFound, errorMessage, [])
    {
    }
}

/// <summary>429 still after the client's retries: the account's API budget is spent; <see cref="RetryAfter"/> says for how long.</summary>
public sealed class GorgiasRateLimitedException : GorgiasApiException
{
    public GorgiasRateLimitedException()
    {
    }

    public GorgiasRateLimitedException(string message)
        : base(message)
    {
    }

    public GorgiasRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GorgiasRateLimitedException(HttpMethod method, string path, string? errorMessage, TimeSpan? retryAfter)
        : base(method, path, HttpStatusCode.TooManyRequests, errorMessage, [])
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Gorgias' <c>Retry-after</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    public override bool IsTransient => true;
}

/// <summary>Why Gorgias could not be used for now.</summary>
public enum GorgiasUnavailableReason
{
    /// <summary>It answered 5xx or 408 (still after the retries).</summary>
    ServerError,

    /// <summary>No answer in time (attempt or total timeout), or the connection failed.</summary>
    NoAnswer,

    /// <summary>The tenant's circuit breaker is open after repeated failures: nothing was sent.</summary>
    CircuitOpen,
}

/// <summary>
/// Gorgias is unavailable for this tenant right now (5xx, timeout, connection failure, open circuit) after the
/// client's retries: the work should be retried later, nothing about the request itself is wrong.
/// </summary>
public sealed class GorgiasUnavailableException : GorgiasApiException
{
    public GorgiasUnavailableException()
    {
    }

    public GorgiasUnavailableException(string message)
        : base(message)
    {
    }

    public GorgiasUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GorgiasUnavailableException(HttpMethod method, string path, HttpStatusCode status, string? errorMessage)
        : base(method, path, status, errorMessage, [])
    {
        Reason = GorgiasUnavailableReason.ServerError;
    }

    public GorgiasUnavailableException(string message, GorgiasUnavailableReason reason, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public GorgiasUnavailableReason Reason { get; }

    public override bool IsTransient => true;
}

/// <summary>
/// 400 about the cursor of a list request: cursors are short-lived. The list walkers handle it by restarting from
/// their watermark; a caller only sees it when a walk cannot be restarted.
/// </summary>
public sealed class GorgiasCursorExpiredException : GorgiasApiException
{
    public GorgiasCursorExpiredException()
    {
    }

    public GorgiasCursorExpiredException(string message)
        : base(message)
    {
    }

    public GorgiasCursorExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GorgiasCursorExpiredException(HttpMethod method, string path, string? errorMessage)
        : base(method, path, HttpStatusCode.BadRequest, errorMessage, ["cursor"])
    {
    }
}
