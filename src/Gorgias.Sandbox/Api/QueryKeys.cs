namespace Gorgias.Sandbox.Api;

/// <summary>
/// Endpoints that are not lists check their query strings too: a parameter they do not take is <c>"Unknown field."</c>
/// (lists do it in <see cref="ListQuery.Parse"/>).
/// </summary>
internal static class QueryKeys
{
    /// <summary>Adds <c>"Unknown field."</c> to <paramref name="errors"/> for every query parameter not in <paramref name="allowed"/>.</summary>
    public static void Check(HttpRequest request, FieldErrors errors, params string[] allowed)
    {
        foreach (var key in request.Query.Keys)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(key, "Unknown field.");
            }
        }
    }

    /// <summary>The 400 to answer when a query parameter is not in <paramref name="allowed"/>; null when all are.</summary>
    public static IResult? RejectUnknown(HttpRequest request, params string[] allowed)
    {
        var errors = new FieldErrors();
        Check(request, errors, allowed);
        return errors.Any ? ApiErrors.BadRequest("Invalid query parameters.", errors) : null;
    }
}
