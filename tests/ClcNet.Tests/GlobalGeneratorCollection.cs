namespace ClcNet.Tests;

/// <summary>
/// Tests that seed torch's global generator and expect the numbers that follow: they run alone,
/// since any test running beside them would draw from the same generator.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalGeneratorCollection
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "torch global generator";
}
