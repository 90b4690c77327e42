using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

/// <summary>
/// Comparisons by relative error: the largest difference over the largest reference magnitude (or over a
/// given scale, when that is larger).
/// </summary>
internal static class Tolerance
{
    /// <summary>The float32 bar of the kernels (issue: relative error below 1e-5).</summary>
    public const double Float32 = 1e-5;

    /// <summary>The float32 bar of the CPU kernels (issue "Fast CPU kernels": relative error below 1e-4).</summary>
    public const double CpuKernels = 1e-4;

    public static double RelativeError(float[] actual, float[] expected, double scale = 0)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largestDifference = 0;
        double largestReference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            largestDifference = Math.Max(largestDifference, Math.Abs((double)actual[i] - expected[i]));
            largestReference = Math.Max(largestReference, Math.Abs((double)expected[i]));
            if (float.IsNaN(actual[i]))
            {
                return double.PositiveInfinity;
            }
        }
        double denominator = Math.Max(largestReference, scale);
        Assert.True(denominator > 0, "the reference is all zeros; the comparison would prove nothing");
        return largestDifference / denominator;
    }

    public static void Close(float[] actual, float[] expected, string what, double tolerance = Float32, double scale = 0)
    {
        double error = RelativeError(actual, expected, scale);
        Assert.True(error < tolerance, $"{what}: relative error {error:E2} is not below {tolerance:E0}");
    }

    public static void Close(Tensor actual, Tensor expected, string what, double tolerance = Float32, double scale = 0)
    {
        Assert.Equal(expected.shape, actual.shape);
        Close(Blocks.Values(actual), Blocks.Values(expected), what, tolerance, scale);
    }
}
