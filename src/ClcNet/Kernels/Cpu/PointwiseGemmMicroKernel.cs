using System.Runtime.CompilerServices;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The register-blocked GEMM of the fused block's 1x1 convolution, with its epilogue:
/// <c>output[r][p] = relu(bias[r] + sum_k a[k * Rows + r] * b[k * bStride + p])</c> for <see cref="Rows"/> output
/// channels r and up to two vectors of pixels p, all accumulators in registers (6 x 2 of them, which fits the 16
/// registers of AVX2 and SSE as well as AVX-512's 32). <c>a</c> is a weight panel that
/// <see cref="PackedClcBlock"/> wrote k-major with batch norm folded in; <c>b</c> is the interlaced 3x3 tile.
/// Reference: <see cref="PointwiseGemmReference"/>.
/// </summary>
internal static unsafe class PointwiseGemmMicroKernel
{
    /// <summary>Output channels per panel.</summary>
    public const int Rows = 6;

    /// <summary>
    /// Computes <paramref name="rows"/> (up to <see cref="Rows"/>) output rows of <paramref name="columns"/> pixels,
    /// one or two vectors' worth; rows are <paramref name="outputStride"/> apart. Writes nothing past the columns.
    /// </summary>
    public static void Run<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
        int rows, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        if (columns > TSimd.Lanes)
        {
            TwoVectors<TSimd, TVector>(a, b, bStride, depth, bias, output, outputStride, rows, columns);
        }
        else
        {
            OneVector<TSimd, TVector>(a, b, bStride, depth, bias, output, outputStride, rows, columns);
        }
    }

    private static void TwoVectors<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
        int rows, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero, c20 = TSimd.Zero, c21 = TSimd.Zero;
        TVector c30 = TSimd.Zero, c31 = TSimd.Zero, c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;
        for (int k = 0; k < depth; k++, a += Rows, b += bStride)
        {
            TVector b0 = TSimd.Load(b);
            TVector b1 = TSimd.Load(b + TSimd.Lanes);
            TVector a0 = TSimd.Broadcast(a[0]);
            c00 = TSimd.MultiplyAdd(a0, b0, c00);
            c01 = TSimd.MultiplyAdd(a0, b1, c01);
            TVector a1 = TSimd.Broadcast(a[1]);
            c10 = TSimd.MultiplyAdd(a1, b0, c10);
            c11 = TSimd.MultiplyAdd(a1, b1, c11);
            TVector a2 = TSimd.Broadcast(a[2]);
            c20 = TSimd.MultiplyAdd(a2, b0, c20);
            c21 = TSimd.MultiplyAdd(a2, b1, c21);
            TVector a3 = TSimd.Broadcast(a[3]);
            c30 = TSimd.MultiplyAdd(a3, b0, c30);
            c31 = TSimd.MultiplyAdd(a3, b1, c31);
            TVector a4 = TSimd.Broadcast(a[4]);
            c40 = TSimd.MultiplyAdd(a4, b0, c40);
            c41 = TSimd.MultiplyAdd(a4, b1, c41);
            TVector a5 = TSimd.Broadcast(a[5]);
            c50 = TSimd.MultiplyAdd(a5, b0, c50);
            c51 = TSimd.MultiplyAdd(a5, b1, c51);
        }
        int second = columns - TSimd.Lanes;
        StoreRow<TSimd, TVector>(output, c00, c01, bias[0], second);
        if (rows > 1)
        {
            StoreRow<TSimd, TVector>(output + outputStride, c10, c11, bias[1], second);
        }
        if (rows > 2)
        {
            StoreRow<TSimd, TVector>(output + 2 * outputStride, c20, c21, bias[2], second);
        }
        if (rows > 3)
        {
            StoreRow<TSimd, TVector>(output + 3 * outputStride, c30, c31, bias[3], second);
        }
        if (rows > 4)
        {
            StoreRow<TSimd, TVector>(output + 4 * outputStride, c40, c41, bias[4], second);
        }
        if (rows > 5)
        {
            StoreRow<TSimd, TVector>(output + 5 * outputStride, c50, c51, bias[5], second);
        }
    }

    private static void OneVector<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
        int rows, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TVector c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero, c3 = TSimd.Zero, c4 = TSimd.Zero, c5 = TSimd.Zero;
        for (int k = 0; k < depth; k++, a += Rows, b += bStride)
        {
            TVector b0 = TSimd.Load(b);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(a[0]), b0, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(a[1]), b0, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(a[2]), b0, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(a[3]), b0, c3);
            c4 = TSimd.MultiplyAdd(TSimd.Broadcast(a[4]), b0, c4);
            c5 = TSimd.MultiplyAdd(TSimd.Broadcast(a[5]), b0, c5);
        }
        StoreVector<TSimd, TVector>(output, c0, bias[0], columns);
        if (rows > 1)
        {
            StoreVector<TSimd, TVector>(output + outputStride, c1, bias[1], columns);
        }
        if (rows > 2)
        {
            StoreVector<TSimd, TVector>(output + 2 * outputStride, c2, bias[2], columns);
        }
        if (rows > 3)
        {
            StoreVector<TSimd, TVector>(output + 3 * outputStride, c3, bias[3], columns);
        }
        if (rows > 4)
        {
            StoreVector<TSimd, TVector>(output + 4 * outputStride, c4, bias[4], columns);
        }
        if (rows > 5)
        {
            StoreVector<TSimd, TVector>(output + 5 * outputStride, c5, bias[5], columns);
        }
    }

    // One row of two vectors: the first whole, the second with `second` (1 to Lanes) columns.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TSimd, TVector>(float* output, TVector first, TVector next, float bias, int second)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TSimd.Store(output, TSimd.Relu(TSimd.Add(first, TSimd.Broadcast(bias))));
        StoreVector<TSimd, TVector>(output + TSimd.Lanes, next, bias, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector<TSimd, TVector>(float* output, TVector sum, float bias, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TVector value = TSimd.Relu(TSimd.Add(sum, TSimd.Broadcast(bias)));
        if (columns >= TSimd.Lanes)
        {
            TSimd.Store(output, value);
        }
        else
        {
            TSimd.StoreFirst(output, value, columns);
        }
    }
}
