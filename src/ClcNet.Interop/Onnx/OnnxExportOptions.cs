namespace ClcNet.Interop.Onnx;

/// <summary>How <see cref="ClcNetOnnx"/> writes a network; the defaults make the graph a deployment wants.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>The ai.onnx opset, <see cref="OnnxOpset.Minimum"/> to <see cref="OnnxOpset.Maximum"/> (default 17).</summary>
    public int Opset { get; init; } = OnnxOpset.Default;

    /// <summary>
    /// Fold every BatchNorm into the convolution before it (a bias appears; the default). Off, the graph keeps one
    /// BatchNormalization node per BatchNorm with the running statistics, as the module has them.
    /// </summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>
    /// Fold each block's interlace into its 1x1 convolution's weights where that is exact (see
    /// <see cref="InterlaceFolding"/>; the default). Where it is not, or off, the interlace is Reshape, Transpose, Reshape.
    /// </summary>
    public bool FoldInterlace { get; init; } = true;

    /// <summary>Names of the classes, one per output; null writes <c>0</c>, <c>1</c>, ...</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// The normalisation the network was trained with; null records what clcgen's pipeline uses for the input's
    /// channels (<see cref="InputNormalization.ForChannels"/>), or none for channel counts it has no pipeline for.
    /// </summary>
    public InputNormalization? Normalization { get; init; }
}
