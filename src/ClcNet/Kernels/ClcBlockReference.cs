namespace ClcNet.Kernels;

/// <summary>The values of an evaluation-mode BatchNorm: running statistics, affine parameters, eps.</summary>
internal sealed record BatchNormValues(float[] Mean, float[] Variance, float[] Weight, float[] Bias, double Epsilon);

/// <summary>
/// Plain C# reference (no libtorch, no ILGPU) of the inference CLC block that
/// <see cref="FusedClcBlockKernel"/> fuses, written the unfused way in the order of docs/clcnet.md#block:
/// 3x3 grouped convolution, BN, interlace, 1x1 grouped convolution, BN, ReLU.
/// </summary>
internal static class ClcBlockReference
{
    /// <summary>The block's output [N, O, H', W'] for input [N, C, H, W].</summary>
    public static float[] Infer(float[] input, float[] weight3x3, BatchNormValues batchNorm1, float[] weight1x1,
        BatchNormValues batchNorm2, ClcBlockShape shape, FeatureMapGeometry map)
    {
        int pixels = map.OutputPixels;
        float[] x = InterlacedConv3x3Reference.Convolve(input, weight3x3, shape, map);
        Normalize(x, batchNorm1, map.Batch, shape.InChannels, pixels);
        x = InterlacedConv3x3Reference.Interlace(x, map.Batch, shape.InChannels, shape.Groups3x3, pixels);
        float[] y = PointwiseConvolve(x, weight1x1, shape, map.Batch, pixels);
        Normalize(y, batchNorm2, map.Batch, shape.OutChannels, pixels);
        return y.Select(value => Math.Max(value, 0f)).ToArray();
    }

    private static float[] PointwiseConvolve(float[] input, float[] weight, ClcBlockShape shape, int batch, int pixels)
    {
        int inPerGroup = shape.InChannels / shape.Groups1x1;
        int outPerGroup = shape.OutChannels / shape.Groups1x1;
        var output = new float[batch * shape.OutChannels * pixels];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < shape.OutChannels; o++)
            {
                int firstInput = o / outPerGroup * inPerGroup;
                for (int pixel = 0; pixel < pixels; pixel++)
                {
                    double sum = 0;
                    for (int k = 0; k < inPerGroup; k++)
                    {
                        sum += (double)weight[o * inPerGroup + k] * input[(n * shape.InChannels + firstInput + k) * pixels + pixel];
                    }
                    output[(n * shape.OutChannels + o) * pixels + pixel] = (float)sum;
                }
            }
        }
        return output;
    }

    private static void Normalize(float[] values, BatchNormValues batchNorm, int batch, int channels, int pixels)
    {
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                double deviation = Math.Sqrt(batchNorm.Variance[c] + batchNorm.Epsilon);
                for (int pixel = 0; pixel < pixels; pixel++)
                {
                    int index = (n * channels + c) * pixels + pixel;
                    values[index] = (float)((values[index] - batchNorm.Mean[c]) / deviation * batchNorm.Weight[c] + batchNorm.Bias[c]);
                }
            }
        }
    }
}
