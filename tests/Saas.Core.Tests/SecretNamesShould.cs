using Saas.Core.Secrets;

namespace Saas.Core.Tests;

public sealed class SecretNamesShould
{
    [Fact]
    public void Name_a_tenants_refresh_token_with_key_vault_safe_characters()
    {
        var name = SecretNames.RefreshToken(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"));

        name.ShouldBe("tenant-6f9619ff8b86d011b42d00c04fc964ff-refresh-token");
        name.ShouldMatch("^[0-9a-zA-Z-]{1,127}$");
    }
}
