using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClcNet.Kernels.Cpu;

/// <summary><see cref="ISimd{TVector}"/> on AVX2 with FMA3: 8 lanes, <c>vmaskmovps</c> for the edges.</summary>
internal readonly unsafe struct Avx2Simd : ISimd<Vector256<float>>
{
    public static int Lanes => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadFirst(float* source, int count) => Avx.MaskLoad(source, FirstLanes(count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector256<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(float* destination, Vector256<float> value, int count) =>
        Avx.MaskStore(destination, FirstLanes(count), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Fma.MultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> value) => Avx.Max(value, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> value, Vector256<float> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector256<float> first, Vector256<float> second, out Vector256<float> even, out Vector256<float> odd)
    {
        // Each half to [evens | odds], then the halves' evens together and their odds together.
        var split = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        Vector256<float> a = Avx2.PermuteVar8x32(first, split);
        Vector256<float> b = Avx2.PermuteVar8x32(second, split);
        even = Avx.Permute2x128(a, b, 0x20);
        odd = Avx.Permute2x128(a, b, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector256<float> even, Vector256<float> odd, out Vector256<float> first, out Vector256<float> second)
    {
        // unpck interleaves within each 128-bit half; the permutes put the halves in order.
        Vector256<float> low = Avx.UnpackLow(even, odd);
        Vector256<float> high = Avx.UnpackHigh(even, odd);
        first = Avx.Permute2x128(low, high, 0x20);
        second = Avx.Permute2x128(low, high, 0x31);
    }

    private static Vector256<float> FirstLanes(int count) =>
        Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();
}
