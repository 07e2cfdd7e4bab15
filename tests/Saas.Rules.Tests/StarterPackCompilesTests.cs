using Saas.Rules.Engine;
using static Saas.Rules.Tests.RuleKit;

namespace Saas.Rules.Tests;

public sealed class StarterPackCompilesTests
{
    [Fact]
    public void Every_starter_rule_validates_and_the_pack_compiles()
    {
        foreach (var rule in StarterPack.StarterPack.Rules)
        {
            Compiler.Validate(rule.Definition).ShouldBeEmpty(rule.Key);
        }

        var set = Compiler.Compile(StarterPack.StarterPack.Rules.Select((r, i) => new RuleSpec(Guid.NewGuid(), 1, i, r.Definition)));
        set.Rules.Count.ShouldBe(StarterPack.StarterPack.Rules.Count);
    }
}
