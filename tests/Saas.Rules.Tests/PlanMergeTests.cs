using Saas.Rules.Definitions;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class PlanMergeTests
{
    private static RuleDefinition Always(string name, string actionsJson) => Rule($$"""{"name":"{{name}}","actions":{{actionsJson}}}""");

    [Fact]
    public void A_later_rule_undoes_an_earlier_tag_and_tags_never_repeat()
    {
        var result = Evaluate(Compile(
            Always("one", """[{"type":"add_tags","tags":["Refund","urgent","vip"]}]"""),
            Always("two", """[{"type":"remove_tags","tags":["URGENT"]},{"type":"add_tags","tags":["refund"]}]"""),
            Always("three", """[{"type":"remove_tags","tags":["spam"]}]""")), Ticket("x"));
        result.Plan.AddTags.ShouldBe(["vip", "refund"]);
        result.Plan.RemoveTags.ShouldBe(["URGENT", "spam"]);
    }

    [Fact]
    public void The_last_single_value_wins()
    {
        var result = Evaluate(Compile(
            Always("one", """[{"type":"set_priority","priority":"high"},{"type":"assign_team","team_id":7},{"type":"assign_user","user_email":"a@shop.com"},{"type":"set_custom_field","field_id":3,"field_value":"x"}]"""),
            Always("two", """[{"type":"set_priority","priority":"critical"},{"type":"assign_user","user_email":"b@shop.com"},{"type":"set_custom_field","field_id":3,"field_value":"y"},{"type":"set_custom_field","field_id":4,"field_value":5}]""")),
            Ticket("x"));
        result.Plan.Priority.ShouldBe("critical");
        result.Plan.TeamId.ShouldBe(7);
        result.Plan.AssigneeUserEmail.ShouldBe("b@shop.com");
        result.Plan.CustomFields[3].GetString().ShouldBe("y");
        result.Plan.CustomFields[4].GetInt32().ShouldBe(5);
    }

    [Fact]
    public void Notes_append_with_their_templates_filled()
    {
        var result = Evaluate(Compile(
            Rule("""
                {"name":"Refund watch","when":{"field":"last_customer_message","op":"contains_any","values":["remboursé","refund*"]},
                 "actions":[{"type":"add_internal_note","note":"#{{ticket.id}} {{ ticket.subject }} from {{customer.name}} <{{customer.email}}>: {{rule.name}} saw {{matched}}"}]}
                """),
            Always("second", """[{"type":"add_internal_note","note":"plain"}]""")),
            Ticket("Ma commande", "Je voudrais être REMBOURSÉ, refunds please"));
        result.Plan.InternalNotes.ShouldBe(["#42 Ma commande from Jane Doe <jane.doe@example.com>: Refund watch saw REMBOURSÉ, refunds", "plain"]);
    }
}
