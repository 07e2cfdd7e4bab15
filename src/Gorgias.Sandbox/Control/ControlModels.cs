namespace Gorgias.Sandbox.Control;

// The wire types of the control API (/_sandbox/...), shared by the endpoints and SandboxControlClient.

public sealed record SandboxUser(long Id, string Email, string Name, string Role, string ApiKey);

public sealed record SandboxInstallation(
    Guid Id,
    string ClientId,
    long UserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

public sealed record SandboxIntegration(long Id, string Name, string Url, bool Active, DateTimeOffset? DeactivatedDatetime, int ConsecutiveFailures);

public sealed record SandboxCounts(int Users, int Teams, int Customers, int Tickets, int Messages, int Tags, int Events, int Integrations, int SatisfactionSurveys, int CustomFields);

public sealed record SandboxAccount(
    string Domain,
    long Id,
    string Plan,
    string BaseUrl,
    IReadOnlyList<SandboxUser> Users,
    IReadOnlyList<SandboxInstallation> Installations,
    IReadOnlyList<SandboxIntegration> Integrations,
    SandboxCounts Counts);

public sealed record CreateAccountRequest(string Domain, string? Plan = null, int? Tickets = null, int? Customers = null, int? Agents = null, double? BackgroundLoadPerSecond = null);
