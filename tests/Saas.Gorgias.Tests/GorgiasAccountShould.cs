namespace Saas.Gorgias.Tests;

public sealed class GorgiasAccountShould
{
    [Theory]
    [InlineData("acme")]
    [InlineData("a")]
    [InlineData("shop-42")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890ab")]
    public void Accept_a_subdomain(string text)
    {
        GorgiasAccount.TryParse(text, out var account).ShouldBeTrue();
        account.Subdomain.ShouldBe(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("evil.com/x")]
    [InlineData("Acme")]
    [InlineData("acme.gorgias.com")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac me")]
    [InlineData("acme\n")]
    [InlineData("acme/../x")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890abc")]
    public void Refuse_anything_else(string? text) => GorgiasAccount.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Build_the_account_base_url_from_the_template()
    {
        GorgiasAccount.TryParse("acme", out var account).ShouldBeTrue();

        new GorgiasOptions().AccountBase(account).ShouldBe(new Uri("https://acme.gorgias.com"));
        new GorgiasOptions { AccountBaseUrl = "http://127.0.0.1:5081/{account}" }.AccountBase(account).ShouldBe(new Uri("http://127.0.0.1:5081/acme"));
    }
}
