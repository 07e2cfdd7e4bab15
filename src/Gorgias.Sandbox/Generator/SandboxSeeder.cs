using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;
using Gorgias.Sandbox.OAuth;
using Microsoft.Extensions.Options;

namespace Gorgias.Sandbox.Generator;

/// <summary>Creates accounts with deterministic data from the configured seed, and registers the configured apps.</summary>
internal sealed class SandboxSeeder(SandboxStore store, OAuthStore oauth, IOptions<SandboxOptions> options)
{
    public void RegisterApps()
    {
        foreach (var (clientId, app) in options.Value.Apps)
        {
            oauth.Apps[clientId] = new AppRegistration
            {
                ClientId = clientId,
                ClientSecret = app.ClientSecret,
                Name = string.IsNullOrEmpty(app.Name) ? clientId : app.Name,
                AppUrl = app.AppUrl,
                RedirectUris = [.. app.RedirectUris],
            };
        }
    }

    public void SeedConfiguredAccounts()
    {
        foreach (var (domain, seed) in options.Value.Accounts)
        {
            CreateAccount(domain, seed);
        }
    }

    /// <summary>Creates one account with users, teams and generated data.</summary>
    public AccountState CreateAccount(string domain, AccountSeedOptions seed)
    {
        var account = store.Create(domain, seed.Plan);
        account.BackgroundLoadPerSecond = seed.BackgroundLoadPerSecond;
        var random = new Random(SeedFor(options.Value.Seed, domain));
        lock (account.Sync)
        {
            DataGenerator.Populate(account, seed, random);
        }

        return account;
    }

    /// <summary>
    /// The generator seed of one account: the same in every process for the same configured seed, account and salt
    /// (HashCode.Combine and string.GetHashCode are randomised per process, so they must not be used here).
    /// </summary>
    internal static int SeedFor(int seed, string domain, int salt = 0)
    {
        unchecked
        {
            return (((seed * 397) ^ StableHash(domain)) * 397) ^ salt;
        }
    }

    /// <summary>A string hash that is the same in every process (string.GetHashCode is randomised).</summary>
    internal static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
