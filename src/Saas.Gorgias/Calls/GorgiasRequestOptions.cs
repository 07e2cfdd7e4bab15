namespace Saas.Gorgias.Calls;

/// <summary>
/// What <see cref="Api.GorgiasApiClient"/> puts on each <see cref="HttpRequestMessage"/> for the handlers below it:
/// the caller (token, rate gate, circuit breaker key) and whether a POST may be retried.
/// </summary>
internal static class GorgiasRequestOptions
{
    public static readonly HttpRequestOptionsKey<GorgiasCaller> Caller = new("Saas.Gorgias.Caller");

    /// <summary>A POST whose repetition is harmless (adding tags to a ticket): retried like a PUT.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Saas.Gorgias.Idempotent");

    public static GorgiasCaller? CallerOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Caller, out var caller) ? caller : null;

    /// <summary>
    /// Whether repeating the request is harmless: GET, PUT, DELETE, HEAD, a POST marked <see cref="Idempotent"/>, or a
    /// POST to a ticket's tags (adding a tag twice is adding it once). The path rule does not depend on the request's
    /// options, which a retry's copy of the request may not carry.
    /// </summary>
    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
            || request.Method == HttpMethod.Head || (request.Options.TryGetValue(Idempotent, out var marked) && marked)
            || (request.Method == HttpMethod.Post && IsTicketTagsPath(request.RequestUri)));

    private static bool IsTicketTagsPath(Uri? uri) =>
        uri is not null && uri.AbsolutePath.EndsWith("/tags", StringComparison.Ordinal) && uri.AbsolutePath.Contains("/api/tickets/", StringComparison.Ordinal);
}
