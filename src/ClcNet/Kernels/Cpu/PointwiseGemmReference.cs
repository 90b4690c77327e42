namespace ClcNet.Kernels.Cpu;

/// <summary>
/// Plain reference of <see cref="PointwiseGemmMicroKernel"/> on the same packed operands, with a double
/// accumulator: <c>output[r][p] = relu(bias[r] + sum_k a[k * Rows + r] * b[k * bStride + p])</c>.
/// </summary>
internal static class PointwiseGemmReference
{
    /// <summary>The <paramref name="rows"/> x <paramref name="columns"/> outputs, row-major.</summary>
    public static float[] Run(float[] a, float[] b, int bStride, int depth, float[] bias, int rows, int columns)
    {
        var output = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int p = 0; p < columns; p++)
            {
                double sum = bias[r];
                for (int k = 0; k < depth; k++)
                {
                    sum += (double)a[k * PointwiseGemmMicroKernel.Rows + r] * b[k * bStride + p];
                }
                output[r * columns + p] = (float)Math.Max(sum, 0);
            }
        }
        return output;
    }
}
