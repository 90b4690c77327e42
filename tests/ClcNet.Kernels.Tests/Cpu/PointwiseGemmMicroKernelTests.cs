using ClcNet.Kernels.Cpu;

namespace ClcNet.Kernels.Tests.Cpu;

public sealed unsafe class PointwiseGemmMicroKernelTests
{
    [Theory]
    [MemberData(nameof(CpuCases.Levels), MemberType = typeof(CpuCases))]
    public void Micro_kernel_matches_its_reference_for_every_row_and_column_count_and_writes_nothing_else(string level)
    {
        const int depth = 37;
        const int rows = PointwiseGemmMicroKernel.Rows;
        var random = new Random(81);
        using IDisposable forced = CpuCases.Force(level);
        int lanes = LanesOf();
        int bStride = 2 * lanes + 3;
        float[] a = Enumerable.Range(0, depth * rows).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] b = Enumerable.Range(0, depth * bStride).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] bias = Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        for (int panelRows = 1; panelRows <= rows; panelRows++)
        {
            for (int columns = 1; columns <= 2 * lanes; columns++)
            {
                int outputStride = columns + 5;
                float[] output = Enumerable.Repeat(float.NaN, rows * outputStride).ToArray();
                fixed (float* pa = a, pb = b, pbias = bias, pout = output)
                {
                    Run(pa, pb, bStride, depth, pbias, pout, outputStride, panelRows, columns);
                }

                float[] expected = PointwiseGemmReference.Run(a, b, bStride, depth, bias, panelRows, columns);
                for (int r = 0; r < rows; r++)
                {
                    for (int p = 0; p < outputStride; p++)
                    {
                        float value = output[r * outputStride + p];
                        if (r < panelRows && p < columns)
                        {
                            Assert.True(Math.Abs(value - expected[r * columns + p]) <= 1e-5 * (1 + Math.Abs(expected[r * columns + p])),
                                $"{level}: row {r}, column {p} of {panelRows} x {columns}: {value} against {expected[r * columns + p]}");
                        }
                        else
                        {
                            Assert.True(float.IsNaN(value), $"{level}: {panelRows} x {columns} wrote row {r}, column {p}");
                        }
                    }
                }
            }
        }
    }

    private static int LanesOf()
    {
        int lanes = 0;
        CpuSimd.Run(new LaneCount(&lanes));
        return lanes;
    }

    private static void Run(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride, int rows, int columns) =>
        CpuSimd.Run(new Gemm(a, b, bStride, depth, bias, output, outputStride, rows, columns));

    private readonly struct LaneCount(int* lanes) : ISimdJob
    {
        public void Run<TSimd, TVector>()
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged => *lanes = TSimd.Lanes;
    }

    private readonly struct Gemm(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride, int rows, int columns)
        : ISimdJob
    {
        public void Run<TSimd, TVector>()
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged =>
            PointwiseGemmMicroKernel.Run<TSimd, TVector>(a, b, bStride, depth, bias, output, outputStride, rows, columns);
    }
}
