namespace ClcNet.Tests.Architecture;

public class ClcNetSpecTests
{
    private static SpecProblem SingleProblem(ClcNetSpec spec) => Assert.Single(spec.FindProblems());

    private static ArgumentException ValidationError(ClcNetSpec spec) => Assert.Throws<ArgumentException>(spec.Validate);

    [Theory]
    [MemberData(nameof(TestSpecs.Names), MemberType = typeof(TestSpecs))]
    public void TestSpecsAreValid(string specName)
    {
        ClcNetSpec spec = TestSpecs.Get(specName);

        Assert.DoesNotContain(spec.FindProblems(), problem => !problem.IsWarning);
        spec.Validate();
    }

    [Fact]
    public void NamedNetworksAndGray28HaveNoProblemAtAll()
    {
        Assert.Empty(ClcNetSpec.A.FindProblems());
        Assert.Empty(ClcNetSpec.B.FindProblems());
        Assert.Empty(TestSpecs.Gray28.FindProblems());
    }

    [Fact]
    public void NamedNetworksHaveThePublishedDepthsAndDefaults()
    {
        Assert.Equal(new ClcNetSpec(1, 1, 5, 2, classes: 1000, inputChannels: 3, inputSize: 224, stemStride: 2, groupSize3x3: 2, pointwiseGroups: 2), ClcNetSpec.A);
        Assert.Equal([1, 1, 7, 3], ClcNetSpec.B.ExtraBlocks);
    }

    [Theory]
    [InlineData(-1, 1, 5, 2, "a")]
    [InlineData(1, -1, 5, 2, "b")]
    [InlineData(1, 1, -5, 2, "c")]
    [InlineData(1, 1, 5, -2, "d")]
    public void NegativeStageCountIsAnErrorNamingIt(int a, int b, int c, int d, string culprit)
    {
        var spec = new ClcNetSpec(a, b, c, d);

        SpecProblem problem = SingleProblem(spec);
        ArgumentException error = ValidationError(spec);

        Assert.Equal((SpecRule.NegativeStageCount, culprit, false), (problem.Rule, problem.Parameter, problem.IsWarning));
        Assert.Contains($"{culprit} = -", problem.Message);
        Assert.Equal(culprit, error.ParamName);
    }

    [Theory]
    [InlineData(3, 2, SpecRule.GroupSizeDoesNotDivide, "stage0.block0.conv3x3")]
    [InlineData(64, 2, SpecRule.GroupSizeDoesNotDivide, "stage0.block0.conv3x3")]
    [InlineData(2, 3, SpecRule.PointwiseGroupsDoNotDivide, "stage0.block0.conv1x1")]
    [InlineData(2, 64, SpecRule.PointwiseGroupsDoNotDivide, "stage0.block0.conv1x1")]
    public void IndivisibleGroupsNameTheFirstLayerTheyDoNotFit(int groupSize3x3, int pointwiseGroups, SpecRule rule, string layer)
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, groupSize3x3: groupSize3x3, pointwiseGroups: pointwiseGroups);

        SpecProblem problem = SingleProblem(spec);

        Assert.Equal(rule, problem.Rule);
        Assert.False(problem.IsWarning);
        Assert.Contains(layer, problem.Message);
        Assert.Contains("32", problem.Message);
        Assert.Throws<ArgumentException>(spec.Validate);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    [InlineData(-2, 2)]
    public void GroupsBelowOneAreErrors(int groupSize3x3, int pointwiseGroups)
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, groupSize3x3: groupSize3x3, pointwiseGroups: pointwiseGroups);

        SpecProblem problem = SingleProblem(spec);

        Assert.False(problem.IsWarning);
        Assert.Contains($"= {Math.Min(groupSize3x3, pointwiseGroups)}", problem.Message);
    }

    [Fact]
    public void ZeroClassesIsAnError()
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, classes: 0);

        SpecProblem problem = SingleProblem(spec);

        Assert.Equal((SpecRule.TooFewClasses, nameof(ClcNetSpec.Classes)), (problem.Rule, problem.Parameter));
        Assert.Contains("Classes = 0", ValidationError(spec).Message);
    }

    [Fact]
    public void ZeroInputChannelsIsAnError()
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, inputChannels: 0);

        SpecProblem problem = SingleProblem(spec);

        Assert.Equal((SpecRule.TooFewInputChannels, nameof(ClcNetSpec.InputChannels)), (problem.Rule, problem.Parameter));
        Assert.Contains("InputChannels = 0", ValidationError(spec).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void StemStrideBelowOneIsAnErrorAndNotAlsoASizeError(int stemStride)
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, stemStride: stemStride);

        SpecProblem problem = SingleProblem(spec);

        Assert.Equal((SpecRule.InvalidStemStride, nameof(ClcNetSpec.StemStride)), (problem.Rule, problem.Parameter));
        Assert.Contains($"StemStride = {stemStride}", ValidationError(spec).Message);
    }

    [Theory]
    // Stem stride 2: 16 -> 8 -> 4 -> 2 -> 1, so stage 4's stride-2 block would see 1x1; 17 -> 9 -> 5 -> 3 -> 2 fits.
    [InlineData(16, 2, "stage4.block0", "InputSize >= 17 or StemStride = 1")]
    [InlineData(1, 2, "stem.conv", "InputSize >= 17 or StemStride = 1")]
    [InlineData(0, 2, "stem.conv", "InputSize >= 17 or StemStride = 1")]
    // Stem stride 1: 8 -> 4 -> 2 -> 1 fails at stage 4; 9 -> 5 -> 3 -> 2 fits.
    [InlineData(8, 1, "stage4.block0", "InputSize >= 9")]
    [InlineData(3, 1, "stage3.block0", "InputSize >= 9")]
    // Stem stride 8: 16 -> 2 -> 1 fails at stage 2; 65 -> 9 is the smallest that fits.
    [InlineData(16, 8, "stage2.block0", "InputSize >= 65 or StemStride = 1")]
    public void InputTooSmallForTheStridesNamesTheLayerAndTheSmallestSize(int inputSize, int stemStride, string layer, string fix)
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, inputSize: inputSize, stemStride: stemStride);

        SpecProblem problem = SingleProblem(spec);

        Assert.Equal((SpecRule.InputTooSmall, nameof(ClcNetSpec.InputSize)), (problem.Rule, problem.Parameter));
        Assert.Contains(layer, problem.Message);
        Assert.Contains(fix, problem.Message);
        Assert.Throws<ArgumentException>(spec.Validate);
    }

    [Theory]
    [InlineData(17, 2)]
    [InlineData(9, 1)]
    public void SmallestSizesAreAccepted(int inputSize, int stemStride)
    {
        Assert.Empty(new ClcNetSpec(1, 1, 5, 2, inputSize: inputSize, stemStride: stemStride).FindProblems());
    }

    [Fact]
    public void BrokenConnectivityIsAWarningThatValidateLetsThrough()
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, groupSize3x3: 2, pointwiseGroups: 4);

        SpecProblem problem = SingleProblem(spec);
        spec.Validate();
        using var model = ClcNetModel.Create(spec);

        Assert.Equal((SpecRule.BrokenConnectivity, true), (problem.Rule, problem.IsWarning));
        Assert.Contains("PointwiseGroups = 4 does not divide GroupSize3x3 = 2", problem.Message);
    }

    [Fact]
    public void EveryProblemIsReportedOnOneLineAndValidateThrowsTheFirstError()
    {
        var spec = new ClcNetSpec(1, -1, 5, 2, classes: 0, inputChannels: 0, inputSize: 8, groupSize3x3: 3, pointwiseGroups: 3);

        IReadOnlyList<SpecProblem> problems = spec.FindProblems();

        Assert.Equal(
            [SpecRule.NegativeStageCount, SpecRule.TooFewClasses, SpecRule.TooFewInputChannels, SpecRule.InputTooSmall,
                SpecRule.GroupSizeDoesNotDivide, SpecRule.PointwiseGroupsDoNotDivide],
            problems.Select(problem => problem.Rule));
        Assert.All(problems, problem => Assert.DoesNotContain('\n', problem.Message));
        Assert.StartsWith(problems[0].Message, ValidationError(spec).Message);
    }

    [Fact]
    public void SpecsWithEqualFieldsAreEqualAndWithChangesOneField()
    {
        ClcNetSpec tenClasses = ClcNetSpec.A with { Classes = 10 };

        Assert.Equal(new ClcNetSpec(1, 1, 5, 2, classes: 10), tenClasses);
        Assert.True(tenClasses == new ClcNetSpec(1, 1, 5, 2, classes: 10));
        Assert.NotEqual(ClcNetSpec.A, tenClasses);
        Assert.Equal(new ClcNetSpec(1, 1, 5, 2, classes: 10).GetHashCode(), tenClasses.GetHashCode());
        Assert.Equal(1000, ClcNetSpec.A.Classes);
    }

    [Theory]
    [InlineData(1000, 3, 224, 2, 2, 2, "clcNet(1, 1, 5, 2)")]
    [InlineData(10, 1, 28, 1, 2, 2, "clcNet(1, 1, 5, 2, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1)")]
    [InlineData(1000, 3, 224, 2, 4, 1, "clcNet(1, 1, 5, 2, GroupSize3x3 = 4, PointwiseGroups = 1)")]
    public void ToStringWritesTheSpecAsCSharpLeavingDefaultsOut(int classes, int inputChannels, int inputSize, int stemStride,
        int groupSize3x3, int pointwiseGroups, string expected) =>
        Assert.Equal(expected, new ClcNetSpec(1, 1, 5, 2, classes, inputChannels, inputSize, stemStride, groupSize3x3, pointwiseGroups).ToString());
}
