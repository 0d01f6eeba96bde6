namespace InferCost.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Core_assembly_loads() => Assert.NotNull(typeof(SmokeTests).Assembly);
}
