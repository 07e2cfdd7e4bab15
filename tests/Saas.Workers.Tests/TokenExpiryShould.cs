using System.Text;
using Saas.Core.Workers;

namespace Saas.Workers.Tests;

/// <summary>Reading a JWT's <c>exp</c> (used when a token response has no <c>expires_in</c>).</summary>
public sealed class TokenExpiryShould
{
    private static string Jwt(string payloadJson) =>
        $"{Encode("{\"alg\":\"RS256\"}")}.{Encode(payloadJson)}.c2lnbmF0dXJl";

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Read_the_exp_claim_of_a_jwt() =>
        TenantGrain.JwtExpiry(Jwt("{\"sub\":1,\"exp\":1893456000}")).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1893456000));

    [Theory]
    [InlineData("opaque-token")]
    [InlineData("a.b")]
    [InlineData("a.%%%.c")]
    [InlineData("a.bm90IGpzb24.c")]
    public void Give_nothing_for_a_token_that_is_not_a_readable_jwt(string token) =>
        TenantGrain.JwtExpiry(token).ShouldBeNull();

    [Theory]
    [InlineData("{\"sub\":1}")]
    [InlineData("{\"exp\":\"soon\"}")]
    [InlineData("[1,2]")]
    public void Give_nothing_for_a_jwt_without_a_numeric_exp(string payload) =>
        TenantGrain.JwtExpiry(Jwt(payload)).ShouldBeNull();
}
