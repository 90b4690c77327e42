using ClcNet.Generators.Tests.Infrastructure;

namespace ClcNet.Generators.Tests;

/// <summary>
/// The generated source of representative networks and of the block shapes they share, approved in
/// Snapshots/. Each must also come with no generator diagnostic and compile without errors or warnings.
/// </summary>
public class GeneratedSourceSnapshotTests
{
    private const string ClcNetASource = """
        using ClcNet;

        namespace Demo.Models;

        [ClcNet(1, 1, 5, 2)]
        public partial class ClcNetA { }
        """;

    private const string FashionNetSource = """
        using ClcNet;

        namespace Demo;

        [ClcNet(1, 1, 1, 1, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1)]
        public partial class FashionNet { }
        """;

    [Fact]
    public void ClcNetA() => VerifyGenerated("ClcNetA", ClcNetASource);

    [Fact]
    public void ClcNetB() => VerifyGenerated("ClcNetB", """
        using ClcNet;

        namespace Demo.Models;

        [ClcNet(1, 1, 7, 3)]
        internal sealed partial class ClcNetB;
        """);

    [Fact]
    public void FashionNet28x28() => VerifyGenerated("FashionNet", FashionNetSource);

    [Fact]
    public void NestedClassInTheGlobalNamespace() => VerifyGenerated("NestedGlobal", """
        using ClcNet;

        internal static partial class Zoo
        {
            public partial struct Cage
            {
                [ClcNet(0, 0, 0, 0, Classes = 2, InputSize = 32)]
                private partial class TinyNet { }
            }
        }
        """);

    /// <summary>clcNet-A and FashionNet have the same nine block shapes, which are emitted once.</summary>
    [Fact]
    public void BlockShapesOfTwoNetworks()
    {
        GeneratorOutput output = GeneratorHarness.Run(ClcNetASource, FashionNetSource);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationProblems());
        Assert.Equal(2, output.NetworkSources.Count());
        Snapshot.Verify(output.BlockShapesSource, "BlockShapes");
    }

    private static void VerifyGenerated(string snapshot, string source)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationProblems());
        Snapshot.Verify(output.NetworkSources.Single().SourceText.ToString(), snapshot);
    }
}
