using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// A value computed from some tensors (e.g. weights with batch norm folded in), kept until one of them changes:
/// another tensor (a new data address) or an in-place change (libtorch's version counter, <see cref="TensorVersion"/>).
/// Where the counter cannot be read, the value is recomputed on every call: slower, never stale.
/// </summary>
/// <typeparam name="T">The derived value; disposed when it is replaced if it is <see cref="IDisposable"/>.</typeparam>
internal sealed class TensorDerivedCache<T> where T : class
{
    private readonly object gate = new();
    private (IntPtr Address, long Version)[]? stamps;
    private double[]? settings;
    private T? value;

    /// <summary>
    /// The value for <paramref name="sources"/> (null entries allowed) and <paramref name="scalars"/> (e.g. epsilons),
    /// from <paramref name="compute"/> when they differ from those of the cached one.
    /// </summary>
    public T Get(Tensor?[] sources, double[] scalars, Func<T> compute)
    {
        lock (gate)
        {
            (IntPtr, long)[]? current = Stamp(sources);
            if (value is not null && current is not null && stamps is not null && current.AsSpan().SequenceEqual(stamps)
                && scalars.AsSpan().SequenceEqual(settings))
            {
                return value;
            }
            (value as IDisposable)?.Dispose();
            value = compute();
            stamps = current;
            settings = scalars;
            return value;
        }
    }

    // The address and version of each source (address 0 where it is not float32, e.g. a batch counter); null when
    // a version cannot be read.
    private static (IntPtr, long)[]? Stamp(Tensor?[] sources)
    {
        var result = new (IntPtr, long)[sources.Length];
        for (int i = 0; i < sources.Length; i++)
        {
            if (sources[i] is not Tensor tensor)
            {
                continue;
            }
            if (TensorVersion.Of(tensor) is not long version)
            {
                return null;
            }
            result[i] = (tensor.dtype == ScalarType.Float32 ? TensorMemory.Address(tensor) : 0, version);
        }
        return result;
    }
}
