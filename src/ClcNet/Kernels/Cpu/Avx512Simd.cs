using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClcNet.Kernels.Cpu;

/// <summary><see cref="ISimd{TVector}"/> on AVX-512: 16 lanes, masked loads and stores for the edges.</summary>
internal readonly unsafe struct Avx512Simd : ISimd<Vector512<float>>
{
    public static int Lanes => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadFirst(float* source, int count) => Avx512F.MaskLoad(source, FirstLanes(count), Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector512<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(float* destination, Vector512<float> value, int count) =>
        Avx512F.MaskStore(destination, FirstLanes(count), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Avx512F.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> value) => Avx512F.Max(value, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> value, Vector512<float> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector512<float> first, Vector512<float> second, out Vector512<float> even, out Vector512<float> odd)
    {
        Vector512<int> indices = Vector512<int>.Indices * 2;
        even = Avx512F.PermuteVar16x32x2(first, indices, second);
        odd = Avx512F.PermuteVar16x32x2(first, indices + Vector512<int>.One, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector512<float> even, Vector512<float> odd, out Vector512<float> first, out Vector512<float> second)
    {
        // Lane i of the pair takes even[i / 2] or odd[i / 2] (index + 16 selects the second table).
        Vector512<int> indices = (Vector512<int>.Indices >> 1) + ((Vector512<int>.Indices & Vector512<int>.One) << 4);
        first = Avx512F.PermuteVar16x32x2(even, indices, odd);
        second = Avx512F.PermuteVar16x32x2(even, indices + Vector512.Create(8), odd);
    }

    private static Vector512<float> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
