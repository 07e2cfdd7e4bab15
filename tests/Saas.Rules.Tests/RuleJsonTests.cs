using Saas.Rules.Definitions;

namespace Saas.Rules.Tests;

public sealed class RuleJsonTests
{
    [Theory]
    [InlineData("""{"name":"x","when":{"feild":"subject"},"actions":[]}""", "$.when.feild", "Unknown member 'feild'.")]
    [InlineData("""{"name":"x","actions":[{"type":"add_tags","tagz":["a"]}]}""", "$.actions[0].tagz", "Unknown member 'tagz'.")]
    [InlineData("""{"name":"x","triggers":["ticket_closed"],"actions":[]}""", "$.triggers[0]", "A trigger must be one of ticket_created, customer_message_added, ticket_updated.")]
    [InlineData("""{"name":"x","state":"on","actions":[]}""", "$.state", "The state must be one of enabled, shadow, disabled.")]
    [InlineData("""{"name":"x","actions":[{"type":"assign_team","team_id":"seven"}]}""", "$.actions[0].team_id", "Expected a whole number here.")]
    [InlineData("""{"name":"x","when":{"field":"tags","op":"one_of","values":"vip"},"actions":[]}""", "$.when.values", "Expected a list here.")]
    [InlineData("""{"when":null,"actions":[]}""", "$.name", "'name' is required.")]
    [InlineData("""{"name":"x","when":"subject","actions":[]}""", "$.when", "Expected an object here.")]
    [InlineData("""{"name":"x","actions":[{"tags":["a"]}]}""", "$.actions[0].type", "'type' is required.")]
    public void Turns_json_errors_into_path_errors(string json, string path, string message)
    {
        RuleJson.TryDeserialize(json, out var definition, out var error).ShouldBeFalse();
        definition.ShouldBeNull();
        error.ShouldNotBeNull();
        error.Path.ShouldBe(path);
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"name\":")]
    [InlineData("[1,2]")]
    public void Rejects_malformed_or_empty_bodies_without_throwing(string json)
    {
        RuleJson.TryDeserialize(json, out var definition, out var error).ShouldBeFalse();
        definition.ShouldBeNull();
        error.ShouldNotBeNull().Path.ShouldStartWith("$");
        error.Message.ShouldNotContain("Saas.Rules");
    }

    [Fact]
    public void Parses_a_valid_definition_and_round_trips_it()
    {
        const string Json = """{"name":"Refunds","state":"shadow","triggers":["ticket_created"],"when":{"field":"subject","op":"contains_any","values":["refund"]},"actions":[{"type":"add_tags","tags":["refund"]}],"stop_processing":true}""";
        RuleJson.TryDeserialize(Json, out var definition, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        definition.ShouldNotBeNull().State.ShouldBe(RuleState.Shadow);
        RuleJson.Deserialize(RuleJson.Serialize(definition)).ShouldBeEquivalentTo(definition);
    }
}
