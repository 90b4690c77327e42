namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The few vector operations the CPU kernels are written in, implemented once per <see cref="SimdLevel"/> by a
/// struct (<see cref="Avx512Simd"/>, <see cref="Avx2Simd"/>, <see cref="Vector128Simd"/>, <see cref="ScalarSimd"/>).
/// A kernel generic over such a struct is compiled by the JIT once per level, with every call inlined.
/// </summary>
/// <typeparam name="TVector">The register type: <c>Vector512&lt;float&gt;</c>, ..., or <c>float</c>.</typeparam>
internal unsafe interface ISimd<TVector> where TVector : unmanaged
{
    /// <summary>Floats per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>Lanes <paramref name="source"/>[0, Lanes).</summary>
    static abstract TVector Load(float* source);

    /// <summary>The first <paramref name="count"/> (below Lanes) lanes from <paramref name="source"/>, the rest zero; reads nothing past them.</summary>
    static abstract TVector LoadFirst(float* source, int count);

    /// <summary>Writes all lanes.</summary>
    static abstract void Store(float* destination, TVector value);

    /// <summary>Writes the first <paramref name="count"/> (below Lanes) lanes and nothing past them.</summary>
    static abstract void StoreFirst(float* destination, TVector value, int count);

    /// <summary><c>left * right + addend</c>, fused where the instruction set has it.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>Lane-wise sum.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>Lane-wise maximum with zero (ReLU).</summary>
    static abstract TVector Relu(TVector value);

    /// <summary>Bitwise and: with a lane mask of all-ones or all-zeros bits, keeps or clears each lane.</summary>
    static abstract TVector And(TVector value, TVector mask);

    /// <summary>Sum of the lanes.</summary>
    static abstract float Sum(TVector value);

    /// <summary>
    /// Splits the 2 x Lanes consecutive floats <paramref name="first"/>, <paramref name="second"/> into those at even
    /// and at odd positions (a stride-2 convolution's two column phases).
    /// </summary>
    static abstract void Deinterleave(TVector first, TVector second, out TVector even, out TVector odd);

    /// <summary>The inverse of <see cref="Deinterleave"/>: <paramref name="even"/>[i] and <paramref name="odd"/>[i] side by side, in order.</summary>
    static abstract void Interleave(TVector even, TVector odd, out TVector first, out TVector second);
}
