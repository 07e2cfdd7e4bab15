using System.Security.Cryptography;
using Gorgias.Sandbox.Hosting;
using Gorgias.Sandbox.Model;

namespace Gorgias.Sandbox.Generator;

/// <summary>Deterministic account data: users, teams, and (to come) customers, tickets, tags, surveys, custom fields.</summary>
internal static class DataGenerator
{
    private static readonly string[] FirstNames = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Robin", "Jamie", "Charlie", "Dana"];
    private static readonly string[] LastNames = ["Martin", "Schmidt", "Dubois", "Garcia", "Smith", "Müller", "Bernard", "López", "Brown", "Weber"];

    public static void Populate(AccountState account, AccountSeedOptions seed, Random random)
    {
        var now = account.Now();
        var admin = NewUser(account, random, "admin", $"admin@{account.Domain}.example", "Ada", "Admin", now.AddDays(-400));
        account.Users.Add(admin);
        for (var i = 0; i < seed.Agents; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            account.Users.Add(NewUser(account, random, "agent", $"agent{i + 1}@{account.Domain}.example", first, last, now.AddDays(-390 + i)));
        }
    }

    private static User NewUser(AccountState account, Random random, string role, string email, string first, string last, DateTimeOffset created)
    {
        Span<byte> key = stackalloc byte[20];
        random.NextBytes(key);
        return new User
        {
            Id = account.Store.Ids.Next(IdKind.User),
            Email = email,
            Firstname = first,
            Lastname = last,
            Role = role,
            ApiKey = Convert.ToHexStringLower(key),
            CreatedDatetime = created,
            UpdatedDatetime = created,
        };
    }

    internal static string RandomKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
