using ILGPU;

namespace ClcNet.Kernels;

/// <summary>
/// One output value of the block's 3x3 grouped convolution (padding 1, no bias), shared by the fused
/// inference kernel and the training forward kernel. Runs inside kernels; ILGPU inlines it.
/// </summary>
internal static class GroupedConvolution3x3
{
    /// <summary>
    /// <c>sum_{a, ky, kx} input[n, g*s + a, oy*stride - 1 + ky, ox*stride - 1 + kx] * weight[c, a, ky, kx]</c>
    /// for natural output channel <paramref name="channel"/> of group <c>g = channel / s</c>.
    /// </summary>
    public static float At<TShape>(ArrayView<float> input, ArrayView<float> weight, FeatureMapGeometry map, TShape shape,
        int sample, int channel, int outputY, int outputX)
        where TShape : struct, IClcBlockShape
    {
        int groupSize = shape.InChannels / shape.Groups3x3;
        int firstInput = channel / groupSize * groupSize;
        int top = outputY * shape.Stride - 1;
        int left = outputX * shape.Stride - 1;
        float sum = 0;
        for (int a = 0; a < groupSize; a++)
        {
            int inputPlane = (sample * shape.InChannels + firstInput + a) * map.InputPixels;
            int weightBase = (channel * groupSize + a) * 9;
            for (int ky = 0; ky < 3; ky++)
            {
                int y = top + ky;
                if (y < 0 || y >= map.InputHeight)
                {
                    continue;
                }
                for (int kx = 0; kx < 3; kx++)
                {
                    int x = left + kx;
                    if (x >= 0 && x < map.InputWidth)
                    {
                        sum += input[inputPlane + y * map.InputWidth + x] * weight[weightBase + ky * 3 + kx];
                    }
                }
            }
        }
        return sum;
    }
}
