using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Saas.Gorgias.OAuth;

namespace Saas.Gorgias.Tests;

public sealed class GorgiasTokenChecksShould
{
    private static readonly Uri AcmeBase = new("https://acme.gorgias.com");

    private static string Token(string issuer, string audience, string? nonce = null, string? sub = "42") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = sub!,
                ["scope"] = "openid offline write:all",
                ["nonce"] = nonce ?? "",
            },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });

    [Theory]
    [InlineData("https://acme.gorgias.com")]
    [InlineData("https://acme.gorgias.com/")]
    [InlineData("https://acme.gorgias.com/idp")]
    public void Accept_an_access_token_issued_by_the_account_for_its_api(string issuer)
    {
        var claims = GorgiasTokenChecks.AccessToken(Token(issuer, "https://acme.gorgias.com/api"), AcmeBase, SandboxKit.Acme);

        claims.Subject.ShouldBe("42");
        claims.Scope.ShouldBe("openid offline write:all");
        claims.ExpiresAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("https://globex.gorgias.com", "https://acme.gorgias.com/api")]
    [InlineData("https://acme.gorgias.com", "https://globex.gorgias.com/api")]
    [InlineData("https://acme.gorgias.com.evil.com", "https://acme.gorgias.com/api")]
    [InlineData("https://acme.gorgias.com", "https://acme.gorgias.com")]
    public void Refuse_an_access_token_naming_another_account(string issuer, string audience)
    {
        var refused = Should.Throw<GorgiasAuthenticationException>(() => GorgiasTokenChecks.AccessToken(Token(issuer, audience), AcmeBase, SandboxKit.Acme));

        refused.Reason.ShouldBe(GorgiasAuthenticationFailure.TokenForAnotherAccount);
        refused.Account.ShouldBe(SandboxKit.Acme);
    }

    [Fact]
    public void Refuse_something_that_is_not_a_JWT_without_quoting_it()
    {
        var refused = Should.Throw<GorgiasAuthenticationException>(() => GorgiasTokenChecks.AccessToken("opaque-secret-token", AcmeBase, SandboxKit.Acme));

        refused.Reason.ShouldBe(GorgiasAuthenticationFailure.InvalidToken);
        refused.ToString().ShouldNotContain("opaque-secret-token");
    }

    [Fact]
    public void Check_the_id_token_nonce_and_audience()
    {
        GorgiasTokenChecks.IdToken(Token("https://acme.gorgias.com", "client", "n-1"), AcmeBase, SandboxKit.Acme, "client", "n-1");

        Should.Throw<GorgiasAuthenticationException>(() => GorgiasTokenChecks.IdToken(Token("https://acme.gorgias.com", "client", "other"), AcmeBase, SandboxKit.Acme, "client", "n-1"))
            .Reason.ShouldBe(GorgiasAuthenticationFailure.InvalidToken);
        Should.Throw<GorgiasAuthenticationException>(() => GorgiasTokenChecks.IdToken(Token("https://acme.gorgias.com", "someone-else", "n-1"), AcmeBase, SandboxKit.Acme, "client", "n-1"))
            .Reason.ShouldBe(GorgiasAuthenticationFailure.InvalidToken);
        Should.Throw<GorgiasAuthenticationException>(() => GorgiasTokenChecks.IdToken(Token("https://globex.gorgias.com", "client", "n-1"), AcmeBase, SandboxKit.Acme, "client", "n-1"))
            .Reason.ShouldBe(GorgiasAuthenticationFailure.TokenForAnotherAccount);
    }
}
