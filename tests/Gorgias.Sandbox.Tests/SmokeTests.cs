namespace Gorgias.Sandbox.Tests;
public class SmokeTests { [Fact] public void Adds() => (1 + 1).ShouldBe(2); }
