using System.Globalization;
using ClcNet.Data.FashionMnist;
using ClcNet.Data.Transforms;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// The per-channel <c>(x - mean) / std</c> a network's input went through, on pixels in [0, 1]: what a deployment
/// must apply before it feeds the network, recorded in the exported model's metadata.
/// </summary>
public sealed record InputNormalization
{
    /// <summary>One mean and one standard deviation per input channel.</summary>
    /// <exception cref="ArgumentException">The lists are empty, of different lengths, or a std is not positive.</exception>
    public InputNormalization(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"InputNormalization needs one mean and one std per channel; got {mean.Count} means and {std.Count} stds.");
        }
        if (std.Any(value => !(value > 0) || !float.IsFinite(value)) || mean.Any(value => !float.IsFinite(value)))
        {
            throw new ArgumentException("InputNormalization: every mean must be finite and every std finite and positive.", nameof(std));
        }
        Mean = [.. mean];
        Std = [.. std];
    }

    /// <summary>ImageNet's RGB statistics, as the reference recipe normalises (docs/clcnet.md#data-pipeline).</summary>
    public static InputNormalization ImageNet { get; } = new(ImageNetTransforms.Mean, ImageNetTransforms.Std);

    /// <summary>The Fashion-MNIST training set's grayscale statistics, as <c>clcgen train</c> normalises.</summary>
    public static InputNormalization FashionMnist { get; } = new([FashionMnistTransforms.Mean], [FashionMnistTransforms.Std]);

    /// <summary>Per-channel means.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Per-channel standard deviations.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>Channels it normalises.</summary>
    public int Channels => Mean.Count;

    /// <summary>
    /// What clcgen's data pipeline feeds a network with <paramref name="inputChannels"/> channels: ImageNet's for RGB,
    /// Fashion-MNIST's for grayscale; null for other channel counts, which clcgen has no pipeline for.
    /// </summary>
    public static InputNormalization? ForChannels(int inputChannels) => inputChannels switch
    {
        3 => ImageNet,
        1 => FashionMnist,
        _ => null,
    };

    /// <inheritdoc/>
    public bool Equals(InputNormalization? other) =>
        other is not null && Mean.SequenceEqual(other.Mean) && Std.SequenceEqual(other.Std);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Channels, Mean[0], Std[0]);

    /// <summary>As torchvision writes it: <c>mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)</c>.</summary>
    public override string ToString() =>
        $"mean ({string.Join(", ", Mean.Select(Format))}), std ({string.Join(", ", Std.Select(Format))})";

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);
}
