namespace Saas.Gorgias.Tests;

public sealed class GorgiasOptionsShould
{
    private static IEnumerable<string> Failures(GorgiasOptions options) =>
        new GorgiasOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Accept_the_defaults_with_client_credentials() =>
        Failures(new GorgiasOptions { ClientId = "id", ClientSecret = "secret" }).ShouldBeEmpty();

    [Theory]
    [InlineData("https://acme.gorgias.com", "must contain the placeholder {account}")]
    [InlineData("{account}.gorgias.com", "must be an absolute http(s) URL")]
    [InlineData("https://{account}.gorgias.com?x=1", "must be an absolute http(s) URL")]
    public void Refuse_a_template_that_cannot_name_each_account(string template, string message) =>
        Failures(new GorgiasOptions { AccountBaseUrl = template }).ShouldHaveSingleItem().ShouldContain(message);

    [Fact]
    public void Refuse_scopes_without_offline() =>
        Failures(new GorgiasOptions { Scopes = "openid tickets:write" }).ShouldHaveSingleItem().ShouldContain("'offline'");

    [Fact]
    public void Split_the_scopes() =>
        new GorgiasOptions { Scopes = " openid  offline tickets:write " }.ScopeList.ShouldBe(["openid", "offline", "tickets:write"]);
}
