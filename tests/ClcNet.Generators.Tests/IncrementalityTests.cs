extern alias Generator;

using System.Collections.Immutable;
using ClcNet.Generators.Tests.Infrastructure;
using Generator::ClcNet.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClcNet.Generators.Tests;

/// <summary>The driver's tracked steps show which pipeline steps re-ran after an edit.</summary>
public class IncrementalityTests
{
    private const string Network = "using ClcNet;\n[ClcNet(1, 1, 5, 2)] public partial class Net { }";
    private const string Unrelated = "public static class Helpers { public static int Twice(int x) => 2 * x; }";

    [Fact]
    public void EditingAnUnrelatedFileLeavesEveryStepCached()
    {
        GeneratorRunResult rerun = RunThenRerun(editedIndex: 1, Unrelated.Replace("2 * x", "x + x"));

        Assert.All(OutputReasons(rerun),
            reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void ChangingTheSpecRerunsTheEmitStep()
    {
        GeneratorRunResult rerun = RunThenRerun(editedIndex: 0, Network.Replace("5, 2", "7, 3"));

        Assert.Contains(IncrementalStepRunReason.Modified, rerun.TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput]
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason));
    }

    [Fact]
    public void ASpecWithTheSameBlockShapesLeavesTheShapesUnchanged()
    {
        // clcNet-B only repeats blocks that clcNet-A has already.
        GeneratorRunResult rerun = RunThenRerun(editedIndex: 0, Network.Replace("5, 2", "7, 3"));

        Assert.Equal(IncrementalStepRunReason.Unchanged, BlockShapesReason(rerun));
    }

    [Fact]
    public void ASpecWithOtherBlockShapesModifiesTheShapes()
    {
        GeneratorRunResult rerun = RunThenRerun(editedIndex: 0, Network.Replace("5, 2", "5, 2, GroupSize3x3 = 4"));

        Assert.Equal(IncrementalStepRunReason.Modified, BlockShapesReason(rerun));
    }

    /// <summary>Runs the generator over the network and an unrelated file, then again after replacing one of them.</summary>
    private static GeneratorRunResult RunThenRerun(int editedIndex, string editedSource)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree original = compilation.SyntaxTrees.ElementAt(editedIndex);
        SyntaxTree edited = CSharpSyntaxTree.ParseText(editedSource, GeneratorHarness.ParseOptions, original.FilePath);
        return driver.RunGenerators(compilation.ReplaceSyntaxTree(original, edited)).GetRunResult().Results.Single();
    }

    /// <summary>Why the one output of the block shapes step was produced on the last run.</summary>
    private static IncrementalStepRunReason BlockShapesReason(GeneratorRunResult run) =>
        Assert.Single(Assert.Single(run.TrackedSteps[TrackingNames.BlockShapes]).Outputs).Reason;

    /// <summary>Why each output of the parse, networks, block shapes, registrations and emit steps was produced on the last run.</summary>
    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult run)
    {
        ImmutableArray<IncrementalGeneratorRunStep>[] steps =
        [
            run.TrackedSteps[TrackingNames.Parse],
            run.TrackedSteps[TrackingNames.Networks],
            run.TrackedSteps[TrackingNames.BlockShapes],
            run.TrackedSteps[TrackingNames.Registrations],
            run.TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput],
        ];
        Assert.All(steps, step => Assert.NotEmpty(step));
        return steps.SelectMany(step => step).SelectMany(step => step.Outputs).Select(output => output.Reason);
    }
}
