using Saas.Rules.Definitions;
using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class ValidationTests
{
    private const string Tag = """[{"type":"add_tags","tags":["t"]}]""";

    private static IReadOnlyList<RuleValidationError> ValidateWhen(string whenJson) =>
        Compiler.Validate(Rule($$"""{"name":"r","when":{{whenJson}},"actions":{{Tag}}}"""));

    private static IReadOnlyList<RuleValidationError> ValidateActions(string actionsJson, RuleValidationContext? context = null) =>
        Compiler.Validate(Rule($$"""{"name":"r","actions":{{actionsJson}}}"""), context);

    private static void ShouldHaveError(IReadOnlyList<RuleValidationError> errors, string path, string messagePart)
    {
        errors.ShouldContain(e => e.Path == path && e.Message.Contains(messagePart, StringComparison.Ordinal),
            $"expected {path}: …{messagePart}… in [{string.Join(" | ", errors.Select(e => $"{e.Path}: {e.Message}"))}]");
    }

    [Fact]
    public void A_valid_rule_has_no_errors() =>
        Compiler.Validate(Rule("""
            {"name":"ok","triggers":["ticket_created","ticket_updated"],
             "when":{"all":[{"field":"subject","op":"contains_any","values":["refund","rembours*"]},{"not":{"field":"tags","op":"is_empty"}},
               {"field":"message_count","op":"at_least","value":2},{"field":"in_business_hours","op":"equals","value":false},
               {"field":"customer_email","op":"matches","value":"@(gmail|yahoo)\\."}]},
             "actions":[{"type":"add_tags","tags":["a"]},{"type":"remove_tags","tags":["b"]},{"type":"set_priority","priority":"high"},
               {"type":"assign_team","team_id":3},{"type":"assign_user","user_email":"agent@shop.com"},
               {"type":"set_custom_field","field_id":9,"field_value":"x"},{"type":"add_internal_note","note":"{{rule.name}}: {{matched}}"}]}
            """), new RuleValidationContext(new HashSet<long> { 3 }, new HashSet<long> { 9 })).ShouldBeEmpty();

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var errors = Compiler.Validate(new RuleDefinition
        {
            Name = " ",
            Triggers = [],
            When = new RuleCondition { Field = "subjet", Op = "contains_any", Values = ["x"] },
            Actions = [],
        });
        errors.Select(e => e.Path).ShouldBe(["name", "triggers", "when.field", "actions"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("", "name", "A name is required.")]
    [InlineData("   ", "name", "A name is required.")]
    public void The_name_is_required(string name, string path, string message) =>
        Compiler.Validate(Rule($$"""{"name":"{{name}}","actions":{{Tag}}}""")).ShouldBe([new RuleValidationError(path, message)]);

    [Fact]
    public void The_name_is_at_most_200_characters()
    {
        ShouldHaveError(Compiler.Validate(Rule($$"""{"name":"{{new string('n', 201)}}","actions":{{Tag}}}""")), "name", "at most 200");
        Compiler.Validate(Rule($$"""{"name":"{{new string('n', 200)}}","actions":{{Tag}}}""")).ShouldBeEmpty();
    }

    [Fact]
    public void Triggers_and_state_must_be_known_values()
    {
        var errors = Compiler.Validate(Rule($$"""{"name":"r","actions":{{Tag}}}""") with { Triggers = [RuleTrigger.TicketCreated, (RuleTrigger)9], State = (RuleState)7 });
        ShouldHaveError(errors, "triggers[1]", "must be one of");
        ShouldHaveError(errors, "state", "must be one of");
        ShouldHaveError(Compiler.Validate(Rule($$"""{"name":"r","triggers":[],"actions":{{Tag}}}""")), "triggers", "At least one trigger");
    }

    [Theory]
    [InlineData("""{"field":"colour","op":"equals","value":"x"}""", "when.field", "Unknown field 'colour'")]
    [InlineData("""{"op":"equals","value":"x"}""", "when.field", "A field is required")]
    [InlineData("""{"field":"subject","op":"near","value":"x"}""", "when.op", "Unknown operator 'near'")]
    [InlineData("""{"field":"subject","value":"x"}""", "when.op", "An operator is required")]
    [InlineData("""{"all":[{"field":"subject","op":"is_empty"},{"field":"tags","op":"contains_any","values":["x"]}]}""", "when.all[1].op", "does not apply to tags")]
    [InlineData("""{"field":"message_count","op":"contains_any","values":["x"]}""", "when.op", "does not apply to message_count")]
    [InlineData("""{"field":"in_business_hours","op":"one_of","values":["x"]}""", "when.op", "does not apply to in_business_hours")]
    [InlineData("""{"field":"subject","op":"contains_any"}""", "when.values", "At least one term")]
    [InlineData("""{"field":"subject","op":"contains_any","values":[]}""", "when.values", "At least one term")]
    [InlineData("""{"field":"subject","op":"contains_any","value":"x","values":["x"]}""", "when.value", "takes a list in values")]
    [InlineData("""{"field":"subject","op":"equals","values":["x"]}""", "when.values", "takes a single value")]
    [InlineData("""{"field":"subject","op":"equals"}""", "when.value", "needs a value")]
    [InlineData("""{"field":"subject","op":"equals","value":null}""", "when.value", "needs a value")]
    [InlineData("""{"field":"subject","op":"equals","value":5}""", "when.value", "must be a string")]
    [InlineData("""{"field":"subject","op":"is_empty","value":"x"}""", "when.value", "takes no value")]
    [InlineData("""{"field":"subject","op":"starts_with","value":"?!"}""", "when.value", "no letters or digits")]
    [InlineData("""{"field":"message_count","op":"at_least","value":"3"}""", "when.value", "whole number")]
    [InlineData("""{"field":"message_count","op":"at_least","value":2.5}""", "when.value", "whole number")]
    [InlineData("""{"field":"message_count","op":"at_most","value":-1}""", "when.value", "whole number")]
    [InlineData("""{"field":"in_business_hours","op":"equals","value":"yes"}""", "when.value", "true or false")]
    [InlineData("""{"field":"subject","op":"matches","value":"(unclosed"}""", "when.value", "Invalid regular expression: ")]
    [InlineData("""{"field":"subject","op":"matches","value":""}""", "when.value", "regular expression is empty")]
    [InlineData("""{"field":"subject","op":"contains_any","values":["ok",""]}""", "when.values[1]", "must not be empty")]
    [InlineData("""{"field":"subject","op":"contains_any","values":["!!!"]}""", "when.values[0]", "no letters or digits")]
    [InlineData("""{"field":"subject","op":"contains_any","values":["re*fund"]}""", "when.values[0]", "only allowed once, at the end")]
    [InlineData("""{"field":"subject","op":"contains_any","values":["*"]}""", "when.values[0]", "no letters or digits")]
    [InlineData("""{"field":"subject","op":"contains_any","values":["refund *"]}""", "when.values[0]", "must follow a letter or digit")]
    [InlineData("""{"field":"tags","op":"one_of","values":["-"]}""", "when.values[0]", "no letters or digits")]
    [InlineData("""{"all":[]}""", "when.all", "At least one condition")]
    [InlineData("""{"any":[{"field":"subject","op":"is_empty"},{}]}""", "when.any[1]", "needs exactly one of")]
    [InlineData("""{"all":[{"field":"subject","op":"is_empty"}],"not":{"field":"subject","op":"is_empty"}}""", "when", "it has several")]
    [InlineData("""{"not":{"any":[{"field":"subject","op":"is_empty","all":[{"field":"subject","op":"is_empty"}]}]}}""", "when.not.any[0]", "it has several")]
    public void Reports_condition_errors_at_their_path(string whenJson, string path, string messagePart) =>
        ShouldHaveError(ValidateWhen(whenJson), path, messagePart);

    [Fact]
    public void The_regex_error_carries_the_parser_message()
    {
        var error = ValidateWhen("""{"field":"subject","op":"matches","value":"a{2,1}"}""").ShouldHaveSingleItem();
        error.Path.ShouldBe("when.value");
        error.Message.Length.ShouldBeGreaterThan("Invalid regular expression: ".Length + 10);
    }

    [Fact]
    public void Term_lists_are_limited_in_count_and_length()
    {
        var many = string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"w{i}\""));
        ShouldHaveError(ValidateWhen($$"""{"field":"subject","op":"contains_any","values":[{{many}}]}"""), "when.values", "at most 500");
        ShouldHaveError(ValidateWhen($$"""{"field":"subject","op":"contains_any","values":["ok","{{new string('w', 201)}}"]}"""), "when.values[1]", "at most 200");
        var fine = string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"w{i}\""));
        ValidateWhen($$"""{"field":"subject","op":"contains_any","values":[{{fine}}]}""").ShouldBeEmpty();
    }

    [Fact]
    public void Conditions_are_nested_at_most_ten_levels()
    {
        static string Nest(int levels) => levels == 1 ? """{"field":"subject","op":"is_empty"}""" : $$"""{"not":{{Nest(levels - 1)}}}""";
        ValidateWhen(Nest(10)).ShouldBeEmpty();
        ShouldHaveError(ValidateWhen(Nest(11)), "when" + string.Concat(Enumerable.Repeat(".not", 10)), "more than 10 levels");
    }

    [Theory]
    [InlineData("""[]""", "actions", "At least one action")]
    [InlineData("""[{"type":"close"}]""", "actions[0].type", "Unknown action type 'close'")]
    [InlineData("""[{"type":""}]""", "actions[0].type", "An action type is required")]
    [InlineData("""[{"type":"add_tags"}]""", "actions[0].tags", "At least one tag")]
    [InlineData("""[{"type":"add_tags","tags":[]}]""", "actions[0].tags", "At least one tag")]
    [InlineData("""[{"type":"remove_tags","tags":["ok"," "]}]""", "actions[0].tags[1]", "must not be empty")]
    [InlineData("""[{"type":"add_tags","tags":[" padded"]}]""", "actions[0].tags[0]", "whitespace")]
    [InlineData("""[{"type":"add_tags","tags":["a"],"priority":"high"}]""", "actions[0].priority", "does not belong to an action of type add_tags")]
    [InlineData("""[{"type":"set_priority"}]""", "actions[0].priority", "A priority is required")]
    [InlineData("""[{"type":"set_priority","priority":"urgent"}]""", "actions[0].priority", "Unknown priority 'urgent'")]
    [InlineData("""[{"type":"set_priority","priority":"high","team_id":3}]""", "actions[0].team_id", "does not belong")]
    [InlineData("""[{"type":"assign_team"}]""", "actions[0].team_id", "A team id is required")]
    [InlineData("""[{"type":"assign_team","team_id":0}]""", "actions[0].team_id", "positive")]
    [InlineData("""[{"type":"assign_user"}]""", "actions[0].user_email", "email is required")]
    [InlineData("""[{"type":"assign_user","user_email":"not-an-email"}]""", "actions[0].user_email", "is not an email address")]
    [InlineData("""[{"type":"assign_user","user_email":"Agent <agent@shop.com>"}]""", "actions[0].user_email", "is not an email address")]
    [InlineData("""[{"type":"assign_user","user_email":"agent@localhost"}]""", "actions[0].user_email", "is not an email address")]
    [InlineData("""[{"type":"set_custom_field","field_value":"x"}]""", "actions[0].field_id", "custom field id is required")]
    [InlineData("""[{"type":"set_custom_field","field_id":-2,"field_value":"x"}]""", "actions[0].field_id", "positive")]
    [InlineData("""[{"type":"set_custom_field","field_id":2}]""", "actions[0].field_value", "value for the custom field is required")]
    [InlineData("""[{"type":"set_custom_field","field_id":2,"field_value":null}]""", "actions[0].field_value", "value for the custom field is required")]
    [InlineData("""[{"type":"add_internal_note"}]""", "actions[0].note", "The note is required")]
    [InlineData("""[{"type":"add_internal_note","note":"Hi {{customer.phone}}"}]""", "actions[0].note", "Unknown placeholder {{customer.phone}}")]
    [InlineData("""[{"type":"add_tags","tags":["a"]},{"type":"add_internal_note","note":"x","tags":["b"]}]""", "actions[1].tags", "does not belong to an action of type add_internal_note")]
    public void Reports_action_errors_at_their_path(string actionsJson, string path, string messagePart) =>
        ShouldHaveError(ValidateActions(actionsJson), path, messagePart);

    [Fact]
    public void Teams_and_custom_fields_are_checked_against_the_account_when_known()
    {
        const string Actions = """[{"type":"assign_team","team_id":3},{"type":"set_custom_field","field_id":9,"field_value":1}]""";
        ValidateActions(Actions).ShouldBeEmpty();
        var errors = ValidateActions(Actions, new RuleValidationContext(new HashSet<long> { 4 }, new HashSet<long> { 8 }));
        ShouldHaveError(errors, "actions[0].team_id", "Team 3 does not exist");
        ShouldHaveError(errors, "actions[1].field_id", "Custom field 9 does not exist");
        ValidateActions(Actions, new RuleValidationContext(new HashSet<long> { 3 }, null)).ShouldBeEmpty();
    }

    [Fact]
    public void Compile_rejects_an_invalid_rule_with_its_errors()
    {
        var bad = Rule("""{"name":"broken","when":{"field":"subject","op":"matches","value":"("},"actions":[]}""");
        var error = Should.Throw<ArgumentException>(() => Compile(bad));
        error.Message.ShouldContain("'broken'");
        error.Message.ShouldContain("when.value: Invalid regular expression");
        error.Message.ShouldContain("actions: At least one action");
    }
}
