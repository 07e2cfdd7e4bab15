using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saas.Rules.Definitions;

/// <summary>Whether a rule acts. <see cref="Shadow"/> evaluates and records (trace, would-be writes) but never writes.</summary>
public enum RuleState
{
    Enabled,
    Shadow,
    Disabled,
}

/// <summary>
/// What a ticket event is, as the live path derives it (the webhook body is the ticket, not the trigger): the first
/// sighting of a ticket is <see cref="TicketCreated"/>, a new customer message is <see cref="CustomerMessageAdded"/>,
/// anything else is <see cref="TicketUpdated"/>.
/// </summary>
public enum RuleTrigger
{
    TicketCreated,
    CustomerMessageAdded,
    TicketUpdated,
}

/// <summary>
/// One rule as the merchant saves it (the JSON of the rules API and of a stored version; snake_case, see
/// <see cref="RuleJson"/>). Position and identity live with the stored rule, not here.
/// </summary>
public sealed record RuleDefinition
{
    public required string Name { get; init; }

    public RuleState State { get; init; } = RuleState.Enabled;

    /// <summary>The events the rule runs on; at least one.</summary>
    public IReadOnlyList<RuleTrigger> Triggers { get; init; } = [RuleTrigger.TicketCreated, RuleTrigger.CustomerMessageAdded];

    /// <summary>The condition tree; null = always.</summary>
    public RuleCondition? When { get; init; }

    /// <summary>What to do when the condition holds; at least one.</summary>
    public IReadOnlyList<RuleAction> Actions { get; init; } = [];

    /// <summary>When the rule matched (and is not disabled), later rules are not evaluated.</summary>
    public bool StopProcessing { get; init; }

    /// <summary>An optional note for the merchant.</summary>
    public string? Description { get; init; }
}

/// <summary>
/// A node of the condition tree: exactly one of <see cref="All"/>, <see cref="Any"/>, <see cref="Not"/>, or a leaf
/// (<see cref="Field"/> + <see cref="Op"/> + <see cref="Value"/>/<see cref="Values"/>). JSON:
/// <c>{"all":[{"field":"subject","op":"contains_any","values":["where is my order"]},{"not":{"field":"tags","op":"one_of","values":["vip"]}}]}</c>.
/// </summary>
public sealed record RuleCondition
{
    public IReadOnlyList<RuleCondition>? All { get; init; }

    public IReadOnlyList<RuleCondition>? Any { get; init; }

    public RuleCondition? Not { get; init; }

    /// <summary>One of <see cref="RuleFields"/>.</summary>
    public string? Field { get; init; }

    /// <summary>One of <see cref="RuleOperators"/>.</summary>
    public string? Op { get; init; }

    /// <summary>The single operand of <c>equals</c>, <c>starts_with</c>, <c>matches</c>, <c>at_least</c>, <c>at_most</c> (a string, number or boolean as the field needs).</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The list operand of <c>contains_any</c>, <c>contains_all</c>, <c>one_of</c>.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>
/// One action; <see cref="Type"/> is one of <see cref="RuleActionTypes"/> and says which other members apply:
/// <c>add_tags</c>/<c>remove_tags</c> → <see cref="Tags"/>; <c>set_priority</c> → <see cref="Priority"/>;
/// <c>assign_team</c> → <see cref="TeamId"/>; <c>assign_user</c> → <see cref="UserEmail"/> (resolved to the Gorgias
/// user id through the users list); <c>set_custom_field</c> → <see cref="FieldId"/> + <see cref="FieldValue"/>;
/// <c>add_internal_note</c> → <see cref="Note"/> (a template, see <see cref="RuleActionTypes.AddInternalNote"/>).
/// </summary>
public sealed record RuleAction
{
    public required string Type { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Gorgias priorities: <c>low</c>, <c>normal</c>, <c>high</c>, <c>critical</c>.</summary>
    public string? Priority { get; init; }

    public long? TeamId { get; init; }

    public string? UserEmail { get; init; }

    public long? FieldId { get; init; }

    public JsonElement? FieldValue { get; init; }

    public string? Note { get; init; }
}

/// <summary>The condition fields (snake_case names as in the JSON).</summary>
public static class RuleFields
{
    public const string Subject = "subject";
    /// <summary>The body of the latest message from the customer.</summary>
    public const string LastCustomerMessage = "last_customer_message";
    /// <summary>Any message's body (customer or agent, public or note) or the subject.</summary>
    public const string AnyMessage = "any_message";
    public const string Channel = "channel";
    public const string Via = "via";
    public const string Language = "language";
    public const string CustomerEmail = "customer_email";
    /// <summary>The part after <c>@</c>, lower case.</summary>
    public const string CustomerEmailDomain = "customer_email_domain";
    /// <summary>The ticket's existing tag names.</summary>
    public const string Tags = "tags";
    public const string Status = "status";
    public const string Priority = "priority";
    /// <summary>The assignee user's email (empty when unassigned).</summary>
    public const string AssigneeUser = "assignee_user";
    /// <summary>The assignee team's id as a string (empty when unassigned).</summary>
    public const string AssigneeTeam = "assignee_team";
    public const string MessageCount = "message_count";
    /// <summary>Whether the ticket was created inside the tenant's business hours (tenant time zone); boolean.</summary>
    public const string InBusinessHours = "in_business_hours";

    public static IReadOnlyList<string> All { get; } =
    [
        Subject, LastCustomerMessage, AnyMessage, Channel, Via, Language, CustomerEmail, CustomerEmailDomain, Tags,
        Status, Priority, AssigneeUser, AssigneeTeam, MessageCount, InBusinessHours,
    ];
}

/// <summary>
/// The condition operators. Text comparisons are case-insensitive and accent-insensitive ("Rücksendung" matches
/// "rucksendung"); <c>contains_*</c> match whole words or phrases; <c>matches</c> is a .NET regular expression run with a
/// match timeout; <c>at_least</c>/<c>at_most</c> are for <c>message_count</c>.
/// </summary>
public static class RuleOperators
{
    public const string ContainsAny = "contains_any";
    public const string ContainsAll = "contains_all";
    public const string Matches = "matches";
    public const string EqualsTo = "equals";
    public const string OneOf = "one_of";
    public const string StartsWith = "starts_with";
    public const string IsEmpty = "is_empty";
    public const string AtLeast = "at_least";
    public const string AtMost = "at_most";

    public static IReadOnlyList<string> All { get; } = [ContainsAny, ContainsAll, Matches, EqualsTo, OneOf, StartsWith, IsEmpty, AtLeast, AtMost];
}

/// <summary>The action types (snake_case names as in the JSON).</summary>
public static class RuleActionTypes
{
    public const string AddTags = "add_tags";
    public const string RemoveTags = "remove_tags";
    public const string SetPriority = "set_priority";
    public const string AssignTeam = "assign_team";
    public const string AssignUser = "assign_user";
    public const string SetCustomField = "set_custom_field";

    /// <summary>Template placeholders: <c>{{ticket.id}}</c>, <c>{{ticket.subject}}</c>, <c>{{customer.email}}</c>, <c>{{customer.name}}</c>, <c>{{rule.name}}</c>, <c>{{matched}}</c> (the words that matched).</summary>
    public const string AddInternalNote = "add_internal_note";

    public static IReadOnlyList<string> All { get; } = [AddTags, RemoveTags, SetPriority, AssignTeam, AssignUser, SetCustomField, AddInternalNote];
}
