using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// <see cref="ISimd{TVector}"/> on 128-bit vectors: SSE on x64 (fused multiply-add when FMA3 is present), AdvSimd
/// on Arm. Edges go lane by lane: neither has a portable masked load or store.
/// </summary>
internal readonly unsafe struct Vector128Simd : ISimd<Vector128<float>>
{
    public static int Lanes => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    public static Vector128<float> LoadFirst(float* source, int count)
    {
        Vector128<float> value = Vector128<float>.Zero;
        for (int lane = 0; lane < count; lane++)
        {
            value = value.WithElement(lane, source[lane]);
        }
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector128<float> value) => value.Store(destination);

    public static void StoreFirst(float* destination, Vector128<float> value, int count)
    {
        for (int lane = 0; lane < count; lane++)
        {
            destination[lane] = value.GetElement(lane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Fma.IsSupported || AdvSimd.IsSupported ? Vector128.FusedMultiplyAdd(left, right, addend) : left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> value) => Vector128.Max(value, Vector128<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> And(Vector128<float> value, Vector128<float> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(Vector128<float> first, Vector128<float> second, out Vector128<float> even, out Vector128<float> odd)
    {
        if (Sse.IsSupported)
        {
            even = Sse.Shuffle(first, second, 0b10_00_10_00);
            odd = Sse.Shuffle(first, second, 0b11_01_11_01);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            even = AdvSimd.Arm64.UnzipEven(first, second);
            odd = AdvSimd.Arm64.UnzipOdd(first, second);
        }
        else
        {
            even = Vector128.Create(first[0], first[2], second[0], second[2]);
            odd = Vector128.Create(first[1], first[3], second[1], second[3]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector128<float> even, Vector128<float> odd, out Vector128<float> first, out Vector128<float> second)
    {
        if (Sse.IsSupported)
        {
            first = Sse.UnpackLow(even, odd);
            second = Sse.UnpackHigh(even, odd);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            first = AdvSimd.Arm64.ZipLow(even, odd);
            second = AdvSimd.Arm64.ZipHigh(even, odd);
        }
        else
        {
            first = Vector128.Create(even[0], odd[0], even[1], odd[1]);
            second = Vector128.Create(even[2], odd[2], even[3], odd[3]);
        }
    }
}
