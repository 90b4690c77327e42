namespace ClcNet.Kernels;

/// <summary>
/// Lower bounds for one inference pass of a CLC block, to judge measured kernel times against: the bytes
/// it must move and the multiply-adds it must do, in float32.
/// </summary>
internal static class FusedBlockFloor
{
    /// <summary>
    /// Bytes the fused block must move at least: read the input once, write the output once, read both
    /// weights and the two folded BatchNorms (scale and shift per channel) once. Anything more (an
    /// intermediate tensor in global memory, a permutation pass) is overhead.
    /// </summary>
    public static long Bytes(ClcBlockShape shape, int batch, int inputSize)
    {
        int outputSize = shape.OutputSize(inputSize);
        long input = (long)batch * shape.InChannels * inputSize * inputSize;
        long output = (long)batch * shape.OutChannels * outputSize * outputSize;
        long foldedBatchNorms = 2L * (shape.InChannels + shape.OutChannels);
        return (input + output + Weights(shape) + foldedBatchNorms) * sizeof(float);
    }

    /// <summary>Multiply-adds of the two convolutions (BN and ReLU add one per value, not counted).</summary>
    public static long MultiplyAdds(ClcBlockShape shape, int batch, int inputSize)
    {
        int outputSize = shape.OutputSize(inputSize);
        long pixels = (long)batch * outputSize * outputSize;
        return pixels * Weights(shape);
    }

    /// <summary>Weights of the 3x3 and 1x1 convolutions: also the multiply-adds per output pixel.</summary>
    private static long Weights(ClcBlockShape shape) =>
        (long)shape.InChannels * shape.GroupSize3x3 * 9 + (long)shape.OutChannels * (shape.InChannels / shape.Groups1x1);

    /// <summary>Seconds that <paramref name="bytes"/> take at <paramref name="bytesPerSecond"/> (a measured copy bandwidth).</summary>
    public static double Seconds(long bytes, double bytesPerSecond) => bytes / bytesPerSecond;
}
