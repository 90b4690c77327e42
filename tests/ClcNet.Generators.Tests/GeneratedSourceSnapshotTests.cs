using ClcNet.Generators.Tests.Infrastructure;

namespace ClcNet.Generators.Tests;

/// <summary>
/// The generated source of representative networks, approved in Snapshots/. Each must also come with no
/// generator diagnostic and compile without errors or warnings.
/// </summary>
public class GeneratedSourceSnapshotTests
{
    [Fact]
    public void ClcNetA() => VerifyGenerated("ClcNetA", """
        using ClcNet;

        namespace Demo.Models;

        [ClcNet(1, 1, 5, 2)]
        public partial class ClcNetA { }
        """);

    [Fact]
    public void ClcNetB() => VerifyGenerated("ClcNetB", """
        using ClcNet;

        namespace Demo.Models;

        [ClcNet(1, 1, 7, 3)]
        internal sealed partial class ClcNetB;
        """);

    [Fact]
    public void FashionNet28x28() => VerifyGenerated("FashionNet", """
        using ClcNet;

        namespace Demo;

        [ClcNet(1, 1, 1, 1, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1)]
        public partial class FashionNet { }
        """);

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

    private static void VerifyGenerated(string snapshot, string source)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationProblems());
        Snapshot.Verify(output.GeneratedSources.Single().SourceText.ToString(), snapshot);
    }
}
