namespace ClcNet.Kernels;

/// <summary>
/// The run-time sizes a kernel launch needs besides the block's shape: batch and the input and output
/// maps (NCHW, contiguous float32).
/// </summary>
internal readonly struct FeatureMapGeometry
{
    /// <summary>Creates the geometry of a launch.</summary>
    public FeatureMapGeometry(int batch, int inputHeight, int inputWidth, int stride)
    {
        Batch = batch;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        OutputHeight = LayerPlan.ConvolutionOutputSize(inputHeight, stride);
        OutputWidth = LayerPlan.ConvolutionOutputSize(inputWidth, stride);
    }

    /// <summary>N.</summary>
    public int Batch { get; }

    /// <summary>H of the input map.</summary>
    public int InputHeight { get; }

    /// <summary>W of the input map.</summary>
    public int InputWidth { get; }

    /// <summary>H of the 3x3 convolution's output (padding 1).</summary>
    public int OutputHeight { get; }

    /// <summary>W of the 3x3 convolution's output (padding 1).</summary>
    public int OutputWidth { get; }

    /// <summary>Pixels of one input channel.</summary>
    public int InputPixels => InputHeight * InputWidth;

    /// <summary>Pixels of one output channel.</summary>
    public int OutputPixels => OutputHeight * OutputWidth;
}
