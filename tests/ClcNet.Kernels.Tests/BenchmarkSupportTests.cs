namespace ClcNet.Kernels.Tests;

public sealed class BenchmarkSupportTests
{
    private static readonly ClcBlockShape Stage3Block = new(512, 512, 1, 256, 2);

    [Fact]
    public void Bandwidth_floor_of_the_clcnet_a_stage_3_block_is_its_input_output_and_weights()
    {
        // 64 x 512 x 14 x 14 floats in and out, 512 x 2 x 3 x 3 and 512 x 256 weights, scale and shift of 2 x 512 channels.
        long floats = 2L * 64 * 512 * 14 * 14 + 512 * 2 * 9 + 512 * 256 + 2 * 1024;

        Assert.Equal(floats * 4, FusedBlockFloor.Bytes(Stage3Block, batch: 64, inputSize: 14));
        Assert.Equal(51_949_568, FusedBlockFloor.Bytes(Stage3Block, batch: 64, inputSize: 14));
        Assert.Equal(17.3165, FusedBlockFloor.Seconds(51_949_568, bytesPerSecond: 3e12) * 1e6, precision: 4);
    }

    [Fact]
    public void Multiply_adds_agree_with_the_layer_plan()
    {
        PlannedBlock planned = LayerPlan.For(ClcNetSpec.A).Blocks.Single(block => block.Name == "stage3.block1");
        long perSample = planned.Layers.Sum(layer => layer.MultiplyAdds);

        Assert.Equal(Stage3Block, ClcBlockShape.From(planned));
        Assert.Equal(64 * perSample, FusedBlockFloor.MultiplyAdds(Stage3Block, batch: 64, inputSize: planned.InputSize));
    }
}
