using System.Text.RegularExpressions;
using ClcNet.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ClcNet.Generators.Tests;

/// <summary>The shape structs the ILGPU kernels are specialized to: one per distinct block shape of the compilation.</summary>
public partial class BlockShapeTests
{
    private const string Published = "using ClcNet;\n[ClcNet(1, 1, 5, 2)] internal partial class Published { }";
    private const string Wide = "using ClcNet;\n[ClcNet(0, 2, 0, 0, GroupSize3x3 = 4, PointwiseGroups = 4)] internal partial class Wide { }";

    [Fact]
    public void EachDistinctShapeIsEmittedOnceWhateverOrderTheNetworksComeIn()
    {
        string forward = GeneratorHarness.Run(Published, Wide).BlockShapesSource;
        string backward = GeneratorHarness.Run(Wide, Published).BlockShapesSource;

        Assert.Equal(forward, backward);
        string[] expected = [.. new[] { ClcNetSpec.A, new ClcNetSpec(0, 2, 0, 0, groupSize3x3: 4, pointwiseGroups: 4) }
            .SelectMany(spec => LayerPlan.For(spec).Blocks)
            .Select(block => $"Block{block.InChannels}To{block.OutChannels}Stride{block.Stride}Groups{block.Groups3x3}x{block.Groups1x1}")
            .Distinct()
            .Order()];
        string[] emitted = [.. ShapeStruct().Matches(forward).Select(match => match.Groups[1].Value)];
        Assert.Equal(expected, emitted.Order());
        Assert.Equal(emitted.Length, emitted.Distinct().Count());
    }

    [Fact]
    public void EachShapeStructReturnsItsBlocksValues()
    {
        string shapes = GeneratorHarness.Run(Wide).BlockShapesSource;

        Match stage2Widening = Regex.Match(shapes, @"struct Block128To256Stride2Groups32x4 : global::ClcNet\.Kernels\.IClcBlockShape\s*\{(?<body>[^}]*)\}");
        Assert.True(stage2Widening.Success, "no struct for Block(128, 256, 2, 32, 4)");
        string body = stage2Widening.Groups["body"].Value;
        Assert.Contains("public int InChannels => 128;", body);
        Assert.Contains("public int OutChannels => 256;", body);
        Assert.Contains("public int Stride => 2;", body);
        Assert.Contains("public int Groups3x3 => 32;", body);
        Assert.Contains("public int Groups1x1 => 4;", body);
    }

    [Fact]
    public void AnAssemblyThatAlreadyGrantsIlgpuItsInternalsStillCompilesCleanly()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using ClcNet;
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ILGPURuntime")]
            [ClcNet(0, 0, 0, 0, InputSize = 32)] internal partial class Net { }
            """);

        Assert.Empty(output.Compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
    }

    [GeneratedRegex(@"internal readonly struct (\w+) : global::ClcNet\.Kernels\.IClcBlockShape")]
    private static partial Regex ShapeStruct();
}
