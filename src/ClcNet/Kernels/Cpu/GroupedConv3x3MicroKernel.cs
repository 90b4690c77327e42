using System.Runtime.CompilerServices;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The 3x3 convolution of one channel group over one tile, vectorised across the tile's flattened output pixels:
/// <c>outputs[j][q] = sum_a sum_t weights[(j*s + a)*9 + t] * taps[a*9 + t][q]</c> for the group's s outputs j and s
/// inputs a, the taps laid out by <see cref="Conv3x3Window"/>. Outputs are computed two at a time from the same
/// loads (the published 2-channel groups: one pass). Taps with kx = 0 and kx = 2 sum into their own registers,
/// masked once per output vector by the column masks, instead of masking every load.
/// Reference: <see cref="InterlacedConv3x3Reference.Convolve"/>.
/// </summary>
internal static unsafe class GroupedConv3x3MicroKernel
{
    /// <summary>
    /// Computes <paramref name="pixels"/> values of each output, stored in blocks of two vectors' worth of pixels
    /// (<c>2 * Lanes</c>), <paramref name="blockStride"/> floats apart: <c>2 * Lanes</c> for a plain row, more for the
    /// panels that <see cref="PointwiseGemmMicroKernel"/> reads. With <paramref name="wholeVectors"/> the last vector is
    /// stored whole (the outputs have room up to a multiple of the lanes); otherwise nothing past
    /// <paramref name="pixels"/> is written.
    /// </summary>
    public static void Run<TShape, TSimd, TVector>(TShape shape, float** taps, float* weights, float** outputs, int blockStride,
        int pixels, float* maskLeft, float* maskRight, bool wholeVectors)
        where TShape : struct, IClcBlockShape
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        int groupSize = shape.InChannels / shape.Groups3x3;
        int j = 0;
        for (; j + 1 < groupSize; j += 2)
        {
            Pair<TSimd, TVector>(groupSize, taps, weights + j * groupSize * 9, outputs[j], outputs[j + 1], blockStride, pixels,
                maskLeft, maskRight, wholeVectors);
        }
        if (j < groupSize)
        {
            Single<TSimd, TVector>(groupSize, taps, weights + j * groupSize * 9, outputs[j], blockStride, pixels, maskLeft, maskRight,
                wholeVectors);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TSimd, TVector>(int groupSize, float** taps, float* weights, float* output0, float* output1, int blockStride,
        int pixels, float* maskLeft, float* maskRight, bool wholeVectors)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        float* weights1 = weights + groupSize * 9;
        for (int q = 0; q < pixels; q += TSimd.Lanes)
        {
            TVector left0 = TSimd.Zero, centre0 = TSimd.Zero, right0 = TSimd.Zero;
            TVector left1 = TSimd.Zero, centre1 = TSimd.Zero, right1 = TSimd.Zero;
            for (int a = 0; a < groupSize; a++)
            {
                float** tap = taps + a * 9;
                float* w0 = weights + a * 9;
                float* w1 = weights1 + a * 9;
                for (int row = 0; row < 9; row += 3)
                {
                    TVector x0 = TSimd.Load(tap[row] + q);
                    TVector x1 = TSimd.Load(tap[row + 1] + q);
                    TVector x2 = TSimd.Load(tap[row + 2] + q);
                    left0 = TSimd.MultiplyAdd(x0, TSimd.Broadcast(w0[row]), left0);
                    centre0 = TSimd.MultiplyAdd(x1, TSimd.Broadcast(w0[row + 1]), centre0);
                    right0 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(w0[row + 2]), right0);
                    left1 = TSimd.MultiplyAdd(x0, TSimd.Broadcast(w1[row]), left1);
                    centre1 = TSimd.MultiplyAdd(x1, TSimd.Broadcast(w1[row + 1]), centre1);
                    right1 = TSimd.MultiplyAdd(x2, TSimd.Broadcast(w1[row + 2]), right1);
                }
            }
            TVector leftMask = TSimd.Load(maskLeft + q);
            TVector rightMask = TSimd.Load(maskRight + q);
            long offset = Offset<TSimd, TVector>(q, blockStride);
            Store<TSimd, TVector>(output0 + offset, Combine<TSimd, TVector>(left0, centre0, right0, leftMask, rightMask), pixels - q, wholeVectors);
            Store<TSimd, TVector>(output1 + offset, Combine<TSimd, TVector>(left1, centre1, right1, leftMask, rightMask), pixels - q, wholeVectors);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Single<TSimd, TVector>(int groupSize, float** taps, float* weights, float* output, int blockStride, int pixels,
        float* maskLeft, float* maskRight, bool wholeVectors)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        for (int q = 0; q < pixels; q += TSimd.Lanes)
        {
            TVector left = TSimd.Zero, centre = TSimd.Zero, right = TSimd.Zero;
            for (int a = 0; a < groupSize; a++)
            {
                float** tap = taps + a * 9;
                float* w = weights + a * 9;
                for (int row = 0; row < 9; row += 3)
                {
                    left = TSimd.MultiplyAdd(TSimd.Load(tap[row] + q), TSimd.Broadcast(w[row]), left);
                    centre = TSimd.MultiplyAdd(TSimd.Load(tap[row + 1] + q), TSimd.Broadcast(w[row + 1]), centre);
                    right = TSimd.MultiplyAdd(TSimd.Load(tap[row + 2] + q), TSimd.Broadcast(w[row + 2]), right);
                }
            }
            TVector value = Combine<TSimd, TVector>(left, centre, right, TSimd.Load(maskLeft + q), TSimd.Load(maskRight + q));
            Store<TSimd, TVector>(output + Offset<TSimd, TVector>(q, blockStride), value, pixels - q, wholeVectors);
        }
    }

    // Where pixel q (a multiple of the lanes) is stored: blocks of two vectors, blockStride apart.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Offset<TSimd, TVector>(int q, int blockStride)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged =>
        (long)(q / (2 * TSimd.Lanes)) * blockStride + q % (2 * TSimd.Lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Combine<TSimd, TVector>(TVector left, TVector centre, TVector right, TVector leftMask, TVector rightMask)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged =>
        TSimd.Add(TSimd.Add(centre, TSimd.And(left, leftMask)), TSimd.And(right, rightMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TSimd, TVector>(float* destination, TVector value, int remaining, bool wholeVectors)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        if (wholeVectors || remaining >= TSimd.Lanes)
        {
            TSimd.Store(destination, value);
        }
        else
        {
            TSimd.StoreFirst(destination, value, remaining);
        }
    }
}
