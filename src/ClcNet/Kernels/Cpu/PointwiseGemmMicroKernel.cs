using System.Runtime.CompilerServices;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The register-blocked GEMM of the fused block's 1x1 convolution, with its epilogue:
/// <c>output[r][p] = relu(bias[r] + sum_k a[k * Rows + r] * b[k * bStride + p])</c> for a panel of <see cref="Rows"/>
/// output channels r and up to two vectors of pixels p, all accumulators in registers: 12 x 2 vectors with
/// AVX-512's 32 registers, two passes of 6 x 2 with the 16 of AVX2 and SSE. <c>a</c> is a weight panel that
/// <see cref="PackedClcBlock"/> wrote k-major with batch norm folded in; <c>b</c> is the interlaced 3x3 tile. The
/// wide tile halves the tile's loads per multiply-add, which stream from the L2 cache.
/// Reference: <see cref="PointwiseGemmReference"/>.
/// </summary>
internal static unsafe class PointwiseGemmMicroKernel
{
    /// <summary>Output channels per panel.</summary>
    public const int Rows = 12;

    private const int Half = Rows / 2;

    /// <summary>
    /// Computes <paramref name="rows"/> (up to <see cref="Rows"/>) output rows of <paramref name="columns"/> pixels
    /// (up to two vectors); rows are <paramref name="outputStride"/> apart. Writes nothing past them.
    /// </summary>
    public static void Run<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
        int rows, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        bool twoVectors = columns > TSimd.Lanes;
        if (TSimd.Lanes == 16)
        {
            // AVX-512: 24 accumulators, 2 tile vectors and a broadcast fit its 32 registers.
            if (twoVectors)
            {
                TwelveByTwo<TSimd, TVector>(a, b, bStride, depth, bias, output, outputStride, rows, columns);
            }
            else
            {
                TwelveByOne<TSimd, TVector>(a, b, bStride, depth, bias, output, outputStride, rows, columns);
            }
            return;
        }
        for (int first = 0; first < rows; first += Half)
        {
            if (twoVectors)
            {
                SixByTwo<TSimd, TVector>(a + first, b, bStride, depth, bias + first, output + first * outputStride, outputStride,
                    Math.Min(Half, rows - first), columns);
            }
            else
            {
                SixByOne<TSimd, TVector>(a + first, b, bStride, depth, bias + first, output + first * outputStride, outputStride,
                    Math.Min(Half, rows - first), columns);
            }
        }
    }

    // The four variants below are written out by hand on purpose: each accumulator must be its own local so that the
    // JIT keeps it in a register; arrays, loops over accumulators or one shared generic body would spill them to memory.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwelveByTwo<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
        int rows, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero, c20 = TSimd.Zero, c21 = TSimd.Zero;
        TVector c30 = TSimd.Zero, c31 = TSimd.Zero, c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;
        TVector c60 = TSimd.Zero, c61 = TSimd.Zero, c70 = TSimd.Zero, c71 = TSimd.Zero, c80 = TSimd.Zero, c81 = TSimd.Zero;
        TVector c90 = TSimd.Zero, c91 = TSimd.Zero, ca0 = TSimd.Zero, ca1 = TSimd.Zero, cb0 = TSimd.Zero, cb1 = TSimd.Zero;
        for (int k = 0; k < depth; k++, a += Rows, b += bStride)
        {
            TVector b0 = TSimd.Load(b);
            TVector b1 = TSimd.Load(b + TSimd.Lanes);
            TVector w = TSimd.Broadcast(a[0]);
            c00 = TSimd.MultiplyAdd(w, b0, c00);
            c01 = TSimd.MultiplyAdd(w, b1, c01);
            w = TSimd.Broadcast(a[1]);
            c10 = TSimd.MultiplyAdd(w, b0, c10);
            c11 = TSimd.MultiplyAdd(w, b1, c11);
            w = TSimd.Broadcast(a[2]);
            c20 = TSimd.MultiplyAdd(w, b0, c20);
            c21 = TSimd.MultiplyAdd(w, b1, c21);
            w = TSimd.Broadcast(a[3]);
            c30 = TSimd.MultiplyAdd(w, b0, c30);
            c31 = TSimd.MultiplyAdd(w, b1, c31);
            w = TSimd.Broadcast(a[4]);
            c40 = TSimd.MultiplyAdd(w, b0, c40);
            c41 = TSimd.MultiplyAdd(w, b1, c41);
            w = TSimd.Broadcast(a[5]);
            c50 = TSimd.MultiplyAdd(w, b0, c50);
            c51 = TSimd.MultiplyAdd(w, b1, c51);
            w = TSimd.Broadcast(a[6]);
            c60 = TSimd.MultiplyAdd(w, b0, c60);
            c61 = TSimd.MultiplyAdd(w, b1, c61);
            w = TSimd.Broadcast(a[7]);
            c70 = TSimd.MultiplyAdd(w, b0, c70);
            c71 = TSimd.MultiplyAdd(w, b1, c71);
            w = TSimd.Broadcast(a[8]);
            c80 = TSimd.MultiplyAdd(w, b0, c80);
            c81 = TSimd.MultiplyAdd(w, b1, c81);
            w = TSimd.Broadcast(a[9]);
            c90 = TSimd.MultiplyAdd(w, b0, c90);
            c91 = TSimd.MultiplyAdd(w, b1, c91);
            w = TSimd.Broadcast(a[10]);
            ca0 = TSimd.MultiplyAdd(w, b0, ca0);
            ca1 = TSimd.MultiplyAdd(w, b1, ca1);
            w = TSimd.Broadcast(a[11]);
            cb0 = TSimd.MultiplyAdd(w, b0, cb0);
            cb1 = TSimd.MultiplyAdd(w, b1, cb1);
        }
        int second = columns - TSimd.Lanes;
        StoreRows<TSimd, TVector>(output, outputStride, bias, rows, 0, c00, c01, c10, c11, c20, c21, second);
        StoreRows<TSimd, TVector>(output, outputStride, bias, rows, 3, c30, c31, c40, c41, c50, c51, second);
        StoreRows<TSimd, TVector>(output, outputStride, bias, rows, 6, c60, c61, c70, c71, c80, c81, second);
        StoreRows<TSimd, TVector>(output, outputStride, bias, rows, 9, c90, c91, ca0, ca1, cb0, cb1, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwelveByOne<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
        int rows, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TVector c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero, c3 = TSimd.Zero, c4 = TSimd.Zero, c5 = TSimd.Zero;
        TVector c6 = TSimd.Zero, c7 = TSimd.Zero, c8 = TSimd.Zero, c9 = TSimd.Zero, ca = TSimd.Zero, cb = TSimd.Zero;
        for (int k = 0; k < depth; k++, a += Rows, b += bStride)
        {
            TVector b0 = TSimd.Load(b);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(a[0]), b0, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(a[1]), b0, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(a[2]), b0, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(a[3]), b0, c3);
            c4 = TSimd.MultiplyAdd(TSimd.Broadcast(a[4]), b0, c4);
            c5 = TSimd.MultiplyAdd(TSimd.Broadcast(a[5]), b0, c5);
            c6 = TSimd.MultiplyAdd(TSimd.Broadcast(a[6]), b0, c6);
            c7 = TSimd.MultiplyAdd(TSimd.Broadcast(a[7]), b0, c7);
            c8 = TSimd.MultiplyAdd(TSimd.Broadcast(a[8]), b0, c8);
            c9 = TSimd.MultiplyAdd(TSimd.Broadcast(a[9]), b0, c9);
            ca = TSimd.MultiplyAdd(TSimd.Broadcast(a[10]), b0, ca);
            cb = TSimd.MultiplyAdd(TSimd.Broadcast(a[11]), b0, cb);
        }
        StoreSixRows<TSimd, TVector>(output, outputStride, bias, rows, 0, c0, c1, c2, c3, c4, c5, columns);
        StoreSixRows<TSimd, TVector>(output, outputStride, bias, rows, 6, c6, c7, c8, c9, ca, cb, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixByTwo<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
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
            TVector w = TSimd.Broadcast(a[0]);
            c00 = TSimd.MultiplyAdd(w, b0, c00);
            c01 = TSimd.MultiplyAdd(w, b1, c01);
            w = TSimd.Broadcast(a[1]);
            c10 = TSimd.MultiplyAdd(w, b0, c10);
            c11 = TSimd.MultiplyAdd(w, b1, c11);
            w = TSimd.Broadcast(a[2]);
            c20 = TSimd.MultiplyAdd(w, b0, c20);
            c21 = TSimd.MultiplyAdd(w, b1, c21);
            w = TSimd.Broadcast(a[3]);
            c30 = TSimd.MultiplyAdd(w, b0, c30);
            c31 = TSimd.MultiplyAdd(w, b1, c31);
            w = TSimd.Broadcast(a[4]);
            c40 = TSimd.MultiplyAdd(w, b0, c40);
            c41 = TSimd.MultiplyAdd(w, b1, c41);
            w = TSimd.Broadcast(a[5]);
            c50 = TSimd.MultiplyAdd(w, b0, c50);
            c51 = TSimd.MultiplyAdd(w, b1, c51);
        }
        int second = columns - TSimd.Lanes;
        StoreRows<TSimd, TVector>(output, outputStride, bias, rows, 0, c00, c01, c10, c11, c20, c21, second);
        StoreRows<TSimd, TVector>(output, outputStride, bias, rows, 3, c30, c31, c40, c41, c50, c51, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixByOne<TSimd, TVector>(float* a, float* b, int bStride, int depth, float* bias, float* output, int outputStride,
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
        StoreSixRows<TSimd, TVector>(output, outputStride, bias, rows, 0, c0, c1, c2, c3, c4, c5, columns);
    }

    // Rows first, first + 1, first + 2 of two vectors each (the second with `second` columns, 1 to Lanes), those below `rows`.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRows<TSimd, TVector>(float* output, int outputStride, float* bias, int rows, int first,
        TVector r00, TVector r01, TVector r10, TVector r11, TVector r20, TVector r21, int second)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        for (int i = 0; i < 3 && first + i < rows; i++)
        {
            float* row = output + (first + i) * outputStride;
            TVector left = i == 0 ? r00 : i == 1 ? r10 : r20;
            TVector right = i == 0 ? r01 : i == 1 ? r11 : r21;
            StoreVector<TSimd, TVector>(row, left, bias[first + i], TSimd.Lanes);
            StoreVector<TSimd, TVector>(row + TSimd.Lanes, right, bias[first + i], second);
        }
    }

    // Rows first to first + 5 of one vector each, with `columns` (1 to Lanes) columns, those below `rows`.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSixRows<TSimd, TVector>(float* output, int outputStride, float* bias, int rows, int first,
        TVector r0, TVector r1, TVector r2, TVector r3, TVector r4, TVector r5, int columns)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        for (int i = 0; i < 6 && first + i < rows; i++)
        {
            TVector value = i switch { 0 => r0, 1 => r1, 2 => r2, 3 => r3, 4 => r4, _ => r5 };
            StoreVector<TSimd, TVector>(output + (first + i) * outputStride, value, bias[first + i], columns);
        }
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
