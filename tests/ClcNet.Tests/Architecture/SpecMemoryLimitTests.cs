namespace ClcNet.Tests.Architecture;

/// <summary>Absurd specs are refused by validation, with the memory they would need, before anything is allocated.</summary>
public class SpecMemoryLimitTests
{
    // Hand-counted: an extra stage-1 block is conv3x3 128 x (128 / 64) x 9 = 2304, bn1 2 x 128, conv1x1 128 x 64 = 8192
    // and bn2 2 x 128 parameters.
    private const long Stage1BlockParameters = 2304 + 256 + 8192 + 256;

    private static readonly long MaxParameters = ClcNetSpec.MaxParameterBytes / sizeof(float);

    [Fact]
    public void ThousandsOfExtraBlocksAreRefusedNamingTheDepthAndTheMemory()
    {
        var spec = new ClcNetSpec(100_000, 0, 0, 0);
        long parameters = LayerPlan.For(new ClcNetSpec(0, 0, 0, 0)).Parameters + 100_000 * Stage1BlockParameters;

        SpecProblem problem = Assert.Single(spec.FindProblems());
        ArgumentException error = Assert.Throws<ArgumentException>(spec.Validate);

        Assert.Equal((SpecRule.TooManyParameters, "a", false), (problem.Rule, problem.Parameter, problem.IsWarning));
        Assert.Equal($"a = 100000 makes the network need {parameters * 4.0 / (1 << 30):0.##} GiB of parameters " +
            $"({parameters:N0} float32 values), more than the limit of 1 GiB (268,435,456 parameters): use fewer extra blocks",
            problem.Message);
        Assert.Equal("a", error.ParamName);
    }

    [Fact]
    public void TheParameterLimitIsExactForAnyDepth()
    {
        long fixedPart = LayerPlan.For(new ClcNetSpec(0, 0, 0, 0)).Parameters;
        int largestDepth = (int)((MaxParameters - fixedPart) / Stage1BlockParameters);

        var largest = new ClcNetSpec(largestDepth, 0, 0, 0);

        Assert.Empty(largest.FindProblems());
        Assert.True(LayerPlan.For(largest).Parameters <= MaxParameters);
        Assert.Equal(SpecRule.TooManyParameters, Assert.Single(new ClcNetSpec(largestDepth + 1, 0, 0, 0).FindProblems()).Rule);
    }

    [Theory]
    [InlineData(1, 1, 5, 2, 1_000_000_000, 3, "Classes", "use fewer classes")]
    [InlineData(1, 1, 5, 2, 1000, 1_000_000, "InputChannels", "use fewer input channels")]
    [InlineData(0, 0, 0, 100_000, 1000, 3, "d", "use fewer extra blocks")]
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, 3, "d", "use fewer extra blocks")]
    public void TheLargestShareOfTheParametersIsBlamed(int a, int b, int c, int d, int classes, int inputChannels, string culprit, string fix)
    {
        var spec = new ClcNetSpec(a, b, c, d, classes, inputChannels);

        // A million input channels also make the input image too large; that is reported second.
        SpecProblem problem = spec.FindProblems()[0];

        Assert.Equal((SpecRule.TooManyParameters, culprit), (problem.Rule, problem.Parameter));
        Assert.EndsWith(fix, problem.Message);
    }

    [Fact]
    public void AHugeInputIsRefusedWithTheLargestInputThatFits()
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, inputSize: 1_000_000_000);

        SpecProblem problem = Assert.Single(spec.FindProblems());

        // Stem stride 2 halves 1e9 to 5e8; stage0's 64 channels of 5e8 x 5e8 float32 values.
        Assert.Equal((SpecRule.FeatureMapTooLarge, nameof(ClcNetSpec.InputSize)), (problem.Rule, problem.Parameter));
        Assert.Equal($"InputSize = 1000000000 with InputChannels = 3 makes one image's largest feature map (stage0.block0.conv1x1) " +
            $"need {64.0 * 5e8 * 5e8 * 4 / (1 << 30):#,0.##} GiB, more than the limit of 1 GiB: use InputSize <= 4096", problem.Message);
    }

    [Fact]
    public void TheFeatureMapLimitIsExact()
    {
        // 4096 at stem stride 2 gives 2048 x 2048 maps of 64 channels: exactly 1 GiB of float32 values; 4097 gives 2049.
        Assert.Empty(new ClcNetSpec(1, 1, 5, 2, inputSize: 4096).FindProblems());
        Assert.Equal(SpecRule.FeatureMapTooLarge, Assert.Single(new ClcNetSpec(1, 1, 5, 2, inputSize: 4097).FindProblems()).Rule);
    }

    [Fact]
    public void AnInputImageOfManyChannelsCanBeTheLargestMap()
    {
        // 20,000 channels of 2048 x 2048 are 312.5 GiB although the stem is small (5.76 M parameters);
        // 20,000 x 115 x 115 x 4 bytes fit in 1 GiB, 20,000 x 116 x 116 x 4 do not.
        var spec = new ClcNetSpec(0, 0, 0, 0, classes: 10, inputChannels: 20_000, inputSize: 2048);

        SpecProblem problem = Assert.Single(spec.FindProblems());

        Assert.Equal((SpecRule.FeatureMapTooLarge, nameof(ClcNetSpec.InputSize)), (problem.Rule, problem.Parameter));
        Assert.Contains("largest feature map (input) need 312.5 GiB", problem.Message);
        Assert.EndsWith("use InputSize <= 115", problem.Message);
    }

    [Fact]
    public void AHugeStemStrideNamesTheSmallestInputWithoutSearchingForIt()
    {
        // 9 at stage 0's input, so 8 x StemStride + 1 at the stem: beyond int, found without counting up to it.
        var spec = new ClcNetSpec(1, 1, 5, 2, stemStride: 1_000_000_000);

        SpecProblem problem = Assert.Single(spec.FindProblems());

        Assert.Equal(SpecRule.InputTooSmall, problem.Rule);
        Assert.EndsWith("use InputSize >= 8000000001 or StemStride = 1", problem.Message);
    }

    [Fact]
    public void NamedNetworksAreFarBelowTheLimits()
    {
        Assert.True(LayerPlan.For(ClcNetSpec.B).Parameters * sizeof(float) < ClcNetSpec.MaxParameterBytes / 32);
        Assert.Empty(ClcNetSpec.B.FindProblems());
    }
}
