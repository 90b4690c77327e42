using System.Runtime.CompilerServices;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The weight gradient of one (output channel, input channel) pair of the 3x3 convolution over one tile:
/// <c>sums[t] += sum_q gradient[q] * taps[t][q]</c> for the 9 taps, nine vector accumulators over the tile's
/// flattened pixels, reduced once at the end. The column masks clear the gradient, not the 9 loads: a tap left or
/// right of the map pairs with a zeroed gradient lane.
/// Reference: <see cref="InterlacedConv3x3Reference.WeightGradient"/>.
/// </summary>
internal static unsafe class Conv3x3WeightGradientMicroKernel
{
    /// <summary>Adds the tile's 9 tap sums to <paramref name="sums"/>; reads no gradient past <paramref name="pixels"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate<TSimd, TVector>(float** taps, float* gradient, int pixels, float* maskLeft, float* maskRight, double* sums)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero, s4 = TSimd.Zero;
        TVector s5 = TSimd.Zero, s6 = TSimd.Zero, s7 = TSimd.Zero, s8 = TSimd.Zero;
        float* t0 = taps[0], t1 = taps[1], t2 = taps[2], t3 = taps[3], t4 = taps[4], t5 = taps[5], t6 = taps[6], t7 = taps[7], t8 = taps[8];
        for (int q = 0; q < pixels; q += TSimd.Lanes)
        {
            TVector g = q + TSimd.Lanes <= pixels ? TSimd.Load(gradient + q) : TSimd.LoadFirst(gradient + q, pixels - q);
            TVector left = TSimd.And(g, TSimd.Load(maskLeft + q));
            TVector right = TSimd.And(g, TSimd.Load(maskRight + q));
            s0 = TSimd.MultiplyAdd(TSimd.Load(t0 + q), left, s0);
            s1 = TSimd.MultiplyAdd(TSimd.Load(t1 + q), g, s1);
            s2 = TSimd.MultiplyAdd(TSimd.Load(t2 + q), right, s2);
            s3 = TSimd.MultiplyAdd(TSimd.Load(t3 + q), left, s3);
            s4 = TSimd.MultiplyAdd(TSimd.Load(t4 + q), g, s4);
            s5 = TSimd.MultiplyAdd(TSimd.Load(t5 + q), right, s5);
            s6 = TSimd.MultiplyAdd(TSimd.Load(t6 + q), left, s6);
            s7 = TSimd.MultiplyAdd(TSimd.Load(t7 + q), g, s7);
            s8 = TSimd.MultiplyAdd(TSimd.Load(t8 + q), right, s8);
        }
        sums[0] += TSimd.Sum(s0);
        sums[1] += TSimd.Sum(s1);
        sums[2] += TSimd.Sum(s2);
        sums[3] += TSimd.Sum(s3);
        sums[4] += TSimd.Sum(s4);
        sums[5] += TSimd.Sum(s5);
        sums[6] += TSimd.Sum(s6);
        sums[7] += TSimd.Sum(s7);
        sums[8] += TSimd.Sum(s8);
    }
}
