namespace Gorgias.Sandbox.OAuth;

/// <summary>The OAuth scopes Gorgias documents (reference §1.6), with the plain words the consent page shows.</summary>
internal static class OAuthScopes
{
    /// <summary>Resources of the <c>X:read</c> / <c>X:write</c> scopes, with what the consent page calls them.</summary>
    public static readonly IReadOnlyList<(string Resource, string Label)> Resources =
    [
        ("account", "your account and its settings"),
        ("users", "users (agents and admins)"),
        ("customers", "customers"),
        ("tickets", "tickets, their messages, views, tags on tickets and assignees"),
        ("custom_fields", "custom fields"),
        ("events", "events (the activity log)"),
        ("integrations", "integrations, including HTTP integrations (webhooks)"),
        ("tags", "tags"),
        ("satisfaction_survey", "satisfaction surveys"),
        ("statistics", "statistics"),
        ("macros", "macros"),
        ("rules", "rules"),
        ("jobs", "jobs (bulk operations)"),
        ("teams", "teams"),
    ];

    private static readonly Dictionary<string, string> Basic = new(StringComparer.Ordinal)
    {
        ["openid"] = "Confirm who you are to the app (an OpenID id token)",
        ["email"] = "See your email address",
        ["profile"] = "See your name",
        ["offline"] = "Keep access while you are not using the app (a refresh token)",
        ["write:all"] = "Read and change all the data of your helpdesk",
    };

    private static readonly Dictionary<string, string> Descriptions = BuildDescriptions();

    /// <summary>Every scope the sandbox accepts, in a stable order (basic ones first).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Descriptions.Keys];

    public static bool IsKnown(string scope) => Descriptions.ContainsKey(scope);

    public static string Describe(string scope) => Descriptions.TryGetValue(scope, out var text) ? text : scope;

    /// <summary>Splits a <c>scope</c> parameter (space- or <c>+</c>-separated), keeping the first occurrence of each.</summary>
    public static List<string> Parse(string? text)
    {
        var scopes = new List<string>();
        if (text is null)
        {
            return scopes;
        }

        foreach (var scope in text.Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!scopes.Contains(scope, StringComparer.Ordinal))
            {
                scopes.Add(scope);
            }
        }

        return scopes;
    }

    private static Dictionary<string, string> BuildDescriptions()
    {
        var descriptions = new Dictionary<string, string>(Basic, StringComparer.Ordinal);
        foreach (var (resource, label) in Resources)
        {
            descriptions[resource + ":read"] = "View " + label;
            descriptions[resource + ":write"] = "View, create, change and delete " + label;
        }

        return descriptions;
    }
}
