using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using Saas.Rules.Definitions;

namespace Saas.Rules.Engine;

/// <summary>
/// Every problem of a definition at once, each with the path of the member at fault (<c>name</c>, <c>triggers[1]</c>,
/// <c>when.all[1].op</c>, <c>actions[0].team_id</c>), so the API can answer with per-field errors.
/// </summary>
internal sealed class RuleValidator(RegexFactory regexes)
{
    public List<RuleValidationError> Validate(RuleDefinition? definition, RuleValidationContext? context)
    {
        var errors = new List<RuleValidationError>();
        if (definition is null)
        {
            errors.Add(new("$", "A rule definition is required."));
            return errors;
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors.Add(new("name", "A name is required."));
        }
        else if (definition.Name.Length > RuleFieldCatalog.MaxNameLength)
        {
            errors.Add(new("name", $"The name is {definition.Name.Length} characters long; at most {RuleFieldCatalog.MaxNameLength} are allowed."));
        }

        if (!Enum.IsDefined(definition.State))
        {
            errors.Add(new("state", "The state must be one of enabled, shadow, disabled."));
        }

        if (definition.Triggers is null || definition.Triggers.Count == 0)
        {
            errors.Add(new("triggers", "At least one trigger is required (ticket_created, customer_message_added, ticket_updated)."));
        }
        else
        {
            for (var i = 0; i < definition.Triggers.Count; i++)
            {
                if (!Enum.IsDefined(definition.Triggers[i]))
                {
                    errors.Add(new(Index("triggers", i), "The trigger must be one of ticket_created, customer_message_added, ticket_updated."));
                }
            }
        }

        if (definition.Description is { Length: > 2000 })
        {
            errors.Add(new("description", "The description is longer than 2000 characters."));
        }

        if (definition.When is not null)
        {
            ValidateCondition(definition.When, "when", 1, errors);
        }

        if (definition.Actions is null || definition.Actions.Count == 0)
        {
            errors.Add(new("actions", "At least one action is required."));
        }
        else
        {
            for (var i = 0; i < definition.Actions.Count; i++)
            {
                ValidateAction(definition.Actions[i], Index("actions", i), context, errors);
            }
        }

        return errors;
    }

    private void ValidateCondition(RuleCondition? node, string path, int depth, List<RuleValidationError> errors)
    {
        if (node is null)
        {
            errors.Add(new(path, "A condition is required here."));
            return;
        }

        if (depth > RuleFieldCatalog.MaxDepth)
        {
            errors.Add(new(path, $"Conditions are nested more than {RuleFieldCatalog.MaxDepth} levels deep."));
            return;
        }

        var isLeaf = node.Field is not null || node.Op is not null || node.Value is not null || node.Values is not null;
        var kinds = (node.All is not null ? 1 : 0) + (node.Any is not null ? 1 : 0) + (node.Not is not null ? 1 : 0) + (isLeaf ? 1 : 0);
        if (kinds != 1)
        {
            errors.Add(new(path, kinds == 0
                ? "A condition needs exactly one of all, any, not, or field + op."
                : "A condition must be exactly one of all, any, not, or field + op (it has several)."));
            return;
        }

        if (node.All is not null)
        {
            ValidateChildren(node.All, path + ".all", depth, errors);
        }
        else if (node.Any is not null)
        {
            ValidateChildren(node.Any, path + ".any", depth, errors);
        }
        else if (node.Not is not null)
        {
            ValidateCondition(node.Not, path + ".not", depth + 1, errors);
        }
        else
        {
            ValidateLeaf(node, path, errors);
        }
    }

    private void ValidateChildren(IReadOnlyList<RuleCondition> children, string path, int depth, List<RuleValidationError> errors)
    {
        if (children.Count == 0)
        {
            errors.Add(new(path, "At least one condition is required in the list."));
            return;
        }

        for (var i = 0; i < children.Count; i++)
        {
            ValidateCondition(children[i], Index(path, i), depth + 1, errors);
        }
    }

    private void ValidateLeaf(RuleCondition leaf, string path, List<RuleValidationError> errors)
    {
        FieldKind? kind = null;
        if (string.IsNullOrEmpty(leaf.Field))
        {
            errors.Add(new(path + ".field", "A field is required."));
        }
        else if ((kind = RuleFieldCatalog.KindOf(leaf.Field)) is null)
        {
            errors.Add(new(path + ".field", $"Unknown field '{leaf.Field}'. Known: {string.Join(", ", RuleFields.All)}."));
        }

        if (string.IsNullOrEmpty(leaf.Op))
        {
            errors.Add(new(path + ".op", "An operator is required."));
            return;
        }

        if (!RuleOperators.All.Contains(leaf.Op, StringComparer.Ordinal))
        {
            errors.Add(new(path + ".op", $"Unknown operator '{leaf.Op}'. Known: {string.Join(", ", RuleOperators.All)}."));
            return;
        }

        if (kind is not { } fieldKind)
        {
            return;
        }

        var allowed = RuleFieldCatalog.OperatorsFor(fieldKind);
        if (!allowed.Contains(leaf.Op, StringComparer.Ordinal))
        {
            errors.Add(new(path + ".op", $"The operator '{leaf.Op}' does not apply to {leaf.Field}; use one of {string.Join(", ", allowed)}."));
            return;
        }

        var op = leaf.Op;
        if (RuleFieldCatalog.TakesValues(op))
        {
            if (leaf.Value is not null)
            {
                errors.Add(new(path + ".value", $"'{op}' takes a list in values, not value."));
            }

            ValidateTerms(leaf.Values, path + ".values", RuleFieldCatalog.TakesPhrases(fieldKind, op), errors);
            return;
        }

        if (leaf.Values is not null)
        {
            errors.Add(new(path + ".values", $"'{op}' takes a single value, not values."));
        }

        if (RuleFieldCatalog.TakesNothing(op))
        {
            if (leaf.Value is not null)
            {
                errors.Add(new(path + ".value", $"'{op}' takes no value."));
            }

            return;
        }

        var valuePath = path + ".value";
        if (leaf.Value is not { } value || value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(new(valuePath, $"'{op}' needs a value."));
            return;
        }

        switch (fieldKind)
        {
            case FieldKind.Count:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var count) || count < 0)
                {
                    errors.Add(new(valuePath, "The value must be a whole number, 0 or more."));
                }

                break;
            case FieldKind.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(new(valuePath, "The value must be true or false."));
                }

                break;
            default:
                if (value.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new(valuePath, "The value must be a string."));
                    break;
                }

                var text = value.GetString() ?? string.Empty;
                if (op == RuleOperators.Matches)
                {
                    if (text.Length == 0)
                    {
                        errors.Add(new(valuePath, "The regular expression is empty."));
                    }
                    else if (text.Length > RuleFieldCatalog.MaxPatternLength)
                    {
                        errors.Add(new(valuePath, $"The regular expression is longer than {RuleFieldCatalog.MaxPatternLength} characters."));
                    }
                    else if (regexes.Check(text) is { } problem)
                    {
                        errors.Add(new(valuePath, $"Invalid regular expression: {problem}"));
                    }
                }
                else if (text.Length > RuleFieldCatalog.MaxTermLength)
                {
                    errors.Add(new(valuePath, $"The value is longer than {RuleFieldCatalog.MaxTermLength} characters."));
                }
                else if (op == RuleOperators.StartsWith && TextFolding.Fold(text).Length == 0)
                {
                    errors.Add(new(valuePath, "The value has no letters or digits (comparisons ignore case, accents and punctuation)."));
                }

                break;
        }
    }

    private static void ValidateTerms(IReadOnlyList<string>? terms, string path, bool phrases, List<RuleValidationError> errors)
    {
        if (terms is null || terms.Count == 0)
        {
            errors.Add(new(path, "At least one term is required."));
            return;
        }

        if (terms.Count > RuleFieldCatalog.MaxTerms)
        {
            errors.Add(new(path, $"{terms.Count} terms; at most {RuleFieldCatalog.MaxTerms} are allowed."));
        }

        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            var termPath = Index(path, i);
            if (string.IsNullOrWhiteSpace(term))
            {
                errors.Add(new(termPath, "A term must not be empty."));
                continue;
            }

            if (term.Length > RuleFieldCatalog.MaxTermLength)
            {
                errors.Add(new(termPath, $"The term is {term.Length} characters long; at most {RuleFieldCatalog.MaxTermLength} are allowed."));
                continue;
            }

            if (!phrases)
            {
                if (TextFolding.Fold(term).Length == 0)
                {
                    errors.Add(new(termPath, "The term has no letters or digits (comparisons ignore case, accents and punctuation)."));
                }

                continue;
            }

            var trimmed = term.Trim();
            var star = trimmed.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0 && star != trimmed.Length - 1)
            {
                errors.Add(new(termPath, "'*' is only allowed once, at the end of a term (a prefix, e.g. rembours*)."));
            }
            else if (TextFolding.Fold(star >= 0 ? trimmed[..^1] : trimmed).Length == 0)
            {
                errors.Add(new(termPath, "The term has no letters or digits (matching ignores case, accents and punctuation)."));
            }
            else if (star > 0 && !char.IsLetterOrDigit(trimmed[star - 1]))
            {
                errors.Add(new(termPath, "A prefix '*' must follow a letter or digit (e.g. rembours*)."));
            }
        }
    }

    private static void ValidateAction(RuleAction? action, string path, RuleValidationContext? context, List<RuleValidationError> errors)
    {
        if (action is null)
        {
            errors.Add(new(path, "An action is required here."));
            return;
        }

        if (string.IsNullOrEmpty(action.Type))
        {
            errors.Add(new(path + ".type", "An action type is required."));
            return;
        }

        if (!RuleActionTypes.All.Contains(action.Type, StringComparer.Ordinal))
        {
            errors.Add(new(path + ".type", $"Unknown action type '{action.Type}'. Known: {string.Join(", ", RuleActionTypes.All)}."));
            return;
        }

        var type = action.Type;
        var members = new (string Name, bool Present, bool Allowed)[]
        {
            ("tags", action.Tags is not null, type is RuleActionTypes.AddTags or RuleActionTypes.RemoveTags),
            ("priority", action.Priority is not null, type == RuleActionTypes.SetPriority),
            ("team_id", action.TeamId is not null, type == RuleActionTypes.AssignTeam),
            ("user_email", action.UserEmail is not null, type == RuleActionTypes.AssignUser),
            ("field_id", action.FieldId is not null, type == RuleActionTypes.SetCustomField),
            ("field_value", action.FieldValue is not null, type == RuleActionTypes.SetCustomField),
            ("note", action.Note is not null, type == RuleActionTypes.AddInternalNote),
        };
        foreach (var (name, present, allowed) in members)
        {
            if (present && !allowed)
            {
                errors.Add(new($"{path}.{name}", $"'{name}' does not belong to an action of type {type}."));
            }
        }

        switch (type)
        {
            case RuleActionTypes.AddTags or RuleActionTypes.RemoveTags:
                if (action.Tags is null || action.Tags.Count == 0)
                {
                    errors.Add(new(path + ".tags", "At least one tag is required."));
                    break;
                }

                for (var i = 0; i < action.Tags.Count; i++)
                {
                    var tag = action.Tags[i];
                    if (string.IsNullOrWhiteSpace(tag))
                    {
                        errors.Add(new(Index(path + ".tags", i), "A tag must not be empty."));
                    }
                    else if (tag.Length > RuleFieldCatalog.MaxTagLength)
                    {
                        errors.Add(new(Index(path + ".tags", i), $"A tag is at most {RuleFieldCatalog.MaxTagLength} characters long."));
                    }
                    else if (tag != tag.Trim())
                    {
                        errors.Add(new(Index(path + ".tags", i), "A tag must not start or end with whitespace."));
                    }
                }

                break;
            case RuleActionTypes.SetPriority:
                if (action.Priority is null)
                {
                    errors.Add(new(path + ".priority", "A priority is required (low, normal, high, critical)."));
                }
                else if (!RuleFieldCatalog.Priorities.Contains(action.Priority, StringComparer.Ordinal))
                {
                    errors.Add(new(path + ".priority", $"Unknown priority '{action.Priority}'; use low, normal, high or critical."));
                }

                break;
            case RuleActionTypes.AssignTeam:
                if (action.TeamId is not { } team)
                {
                    errors.Add(new(path + ".team_id", "A team id is required."));
                }
                else if (team <= 0)
                {
                    errors.Add(new(path + ".team_id", "A team id is a positive number."));
                }
                else if (context?.TeamIds is { } teams && !teams.Contains(team))
                {
                    errors.Add(new(path + ".team_id", string.Create(CultureInfo.InvariantCulture, $"Team {team} does not exist in this Gorgias account.")));
                }

                break;
            case RuleActionTypes.AssignUser:
                if (string.IsNullOrWhiteSpace(action.UserEmail))
                {
                    errors.Add(new(path + ".user_email", "The assignee's email is required."));
                }
                else if (!IsEmail(action.UserEmail))
                {
                    errors.Add(new(path + ".user_email", $"'{action.UserEmail}' is not an email address."));
                }

                break;
            case RuleActionTypes.SetCustomField:
                if (action.FieldId is not { } field)
                {
                    errors.Add(new(path + ".field_id", "A custom field id is required."));
                }
                else if (field <= 0)
                {
                    errors.Add(new(path + ".field_id", "A custom field id is a positive number."));
                }
                else if (context?.CustomFieldIds is { } fields && !fields.Contains(field))
                {
                    errors.Add(new(path + ".field_id", string.Create(CultureInfo.InvariantCulture, $"Custom field {field} does not exist in this Gorgias account.")));
                }

                if (action.FieldValue is not { } fieldValue || fieldValue.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    errors.Add(new(path + ".field_value", "A value for the custom field is required."));
                }

                break;
            default: // add_internal_note
                if (string.IsNullOrWhiteSpace(action.Note))
                {
                    errors.Add(new(path + ".note", "The note is required."));
                    break;
                }

                if (action.Note.Length > RuleFieldCatalog.MaxNoteLength)
                {
                    errors.Add(new(path + ".note", $"The note is longer than {RuleFieldCatalog.MaxNoteLength} characters."));
                }

                NoteTemplate.Parse(action.Note, out var unknown);
                foreach (var name in unknown)
                {
                    errors.Add(new(path + ".note", $"Unknown placeholder {{{{{name}}}}}; known: {string.Join(", ", NoteTemplate.Placeholders.Select(p => "{{" + p + "}}"))}."));
                }

                break;
        }
    }

    private static bool IsEmail(string value) =>
        value == value.Trim() && MailAddress.TryCreate(value, out var address) && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
