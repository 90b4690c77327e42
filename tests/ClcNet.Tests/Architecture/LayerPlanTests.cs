namespace ClcNet.Tests.Architecture;

/// <summary>The plan against hand-computed values from the table of docs/clcnet.md#network-table.</summary>
public class LayerPlanTests
{
    private static PlannedLayer Layer(LayerPlan plan, string name) => plan.Layers.Single(layer => layer.Name == name);

    [Fact]
    public void ClcNetAStemHasTheReferenceCosts()
    {
        PlannedLayer stem = Layer(LayerPlan.For(ClcNetSpec.A), "stem.conv");

        Assert.Equal(3 * 32 * 9, stem.Parameters);
        Assert.Equal(112L * 112 * 32 * 27, stem.MultiplyAdds);
        Assert.Equal([32, 112, 112], stem.OutputShape);
    }

    [Fact]
    public void ClcNetAFirstStridedBlockHasTheReferenceCosts()
    {
        // Block(64, 128, 2, 32, 2) at 112x112 input: the 3x3 groups hold 2 channels, the 1x1 has 2 groups of 32 inputs.
        var plan = LayerPlan.For(ClcNetSpec.A);
        PlannedLayer conv3x3 = Layer(plan, "stage1.block0.conv3x3");
        PlannedLayer conv1x1 = Layer(plan, "stage1.block0.conv1x1");

        Assert.Equal(64 * 2 * 9, conv3x3.Parameters);
        Assert.Equal(56L * 56 * 64 * 2 * 9, conv3x3.MultiplyAdds);
        Assert.Equal([64, 56, 56], conv3x3.OutputShape);
        Assert.Equal(128 * 32, conv1x1.Parameters);
        Assert.Equal(56L * 56 * 128 * 32, conv1x1.MultiplyAdds);
        Assert.Equal(2 * 128, Layer(plan, "stage1.block0.bn2").Parameters);
        Assert.Equal(0, Layer(plan, "stage1.block0.interlace").MultiplyAdds);
    }

    [Fact]
    public void ClcNetAHeadPoolsSevenBySevenIntoTheClassifier()
    {
        var plan = LayerPlan.For(ClcNetSpec.A);
        PlannedLayer pool = Layer(plan, "head.pool");
        PlannedLayer fc = Layer(plan, "head.fc");

        Assert.Equal(7, plan.FinalSize);
        Assert.Equal((7, 1), (pool.KernelSize, pool.OutputSize));
        Assert.Equal([1024, 1, 1], pool.OutputShape);
        Assert.Equal(1024 * 1000 + 1000, fc.Parameters);
        Assert.Equal(1024 * 1000, fc.MultiplyAdds);
        Assert.Equal([1000], fc.OutputShape);
    }

    [Theory]
    [InlineData(1, 1, 5, 2)]
    [InlineData(1, 1, 7, 3)]
    [InlineData(0, 2, 1, 4)]
    public void BlocksFollowTheReferenceTable(int a, int b, int c, int d)
    {
        var plan = LayerPlan.For(new ClcNetSpec(a, b, c, d));

        // Stage k > 0: Block(in, out, 2, in / 2, 2), then its extra blocks Block(out, out, 1, out / 2, 2).
        var expected = new List<(string, int, int, int, int, int, int)> { ("stage0.block0", 32, 64, 1, 16, 2, 112) };
        int[] extra = [a, b, c, d];
        int[] outputs = [64, 128, 256, 512, 1024];
        int size = 112;
        for (int stage = 1; stage <= 4; stage++)
        {
            size /= 2;
            int input = outputs[stage - 1], output = outputs[stage];
            expected.Add(($"stage{stage}.block0", input, output, 2, input / 2, 2, size));
            for (int index = 1; index <= extra[stage - 1]; index++)
            {
                expected.Add(($"stage{stage}.block{index}", output, output, 1, output / 2, 2, size));
            }
        }
        var actual = plan.Blocks
            .Select(block => (block.Name, block.InChannels, block.OutChannels, block.Stride, block.Groups3x3, block.Groups1x1, block.OutputSize))
            .ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ClcNetATotalsAreTheTableSummedByHand()
    {
        // Summed outside this code over the table: stem 3*32*9 + 64; per Block(in, out) at an s x s output,
        // 18 in + 2 in + out * in / 2 + 2 out parameters and s*s * (18 in + out * in / 2) multiply-adds;
        // head 1024 * 1000 + 1000. About 3.3 M parameters and 343 M multiply-adds.
        var plan = LayerPlan.For(ClcNetSpec.A);

        Assert.Equal(3_253_640, plan.Parameters);
        Assert.Equal(342_973_440, plan.MultiplyAdds);
    }

    [Fact]
    public void ClcNetBTotalsAreTheTableSummedByHand()
    {
        // Summed the same way as clcNet-A: about 4.1 M parameters and 425 M multiply-adds.
        var plan = LayerPlan.For(ClcNetSpec.B);

        Assert.Equal(4_085_128, plan.Parameters);
        Assert.Equal(424_559_616, plan.MultiplyAdds);
    }

    [Fact]
    public void Gray28PoolsTheTwoByTwoFinalMapGlobally()
    {
        var plan = LayerPlan.For(TestSpecs.Gray28);

        Assert.Equal(28, plan.StemOutputSize);
        Assert.Equal(2, plan.FinalSize);
        Assert.Equal(2, Layer(plan, "head.pool").KernelSize);
        Assert.Equal(1 * 32 * 9, Layer(plan, "stem.conv").Parameters);
        Assert.Equal(2_238_314, plan.Parameters);
        Assert.Equal(25_095_936, plan.MultiplyAdds);
    }

    [Fact]
    public void InvalidSpecIsRefusedWithItsMessage()
    {
        var spec = new ClcNetSpec(1, 1, 5, 2, classes: 0);

        ArgumentException error = Assert.Throws<ArgumentException>(() => LayerPlan.For(spec));

        Assert.StartsWith(spec.FindProblems().Single().Message, error.Message);
    }
}
