using System.Runtime.CompilerServices;

namespace ClcNet.Kernels.Cpu;

/// <summary><see cref="ISimd{TVector}"/> one float at a time: the portable path for CPUs without usable vectors.</summary>
internal readonly unsafe struct ScalarSimd : ISimd<float>
{
    public static int Lanes => 1;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* source) => *source;

    // With one lane, count is always 0: nothing is read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LoadFirst(float* source, int count) => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, float value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(float* destination, float value, int count)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu(float value) => Math.Max(value, 0f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float And(float value, float mask) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & BitConverter.SingleToInt32Bits(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(float first, float second, out float even, out float odd)
    {
        even = first;
        odd = second;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(float even, float odd, out float first, out float second)
    {
        first = even;
        second = odd;
    }
}
