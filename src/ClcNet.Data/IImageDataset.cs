namespace ClcNet.Data;

/// <summary>
/// A labelled image dataset whose samples come out transformed and normalised, ready to batch.
/// Implementations must be safe to call from several loader threads at once.
/// </summary>
public interface IImageDataset
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Class names; a label is an index into this list.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Channels of each produced crop.</summary>
    int Channels { get; }

    /// <summary>Side of each produced (square) crop.</summary>
    int Size { get; }

    /// <summary>Crops per sample: 1, or 10 for ten-crop evaluation.</summary>
    int CropsPerSample { get; }

    /// <summary>
    /// Loads sample <paramref name="index"/>; <paramref name="random"/> drives its random transforms.
    /// </summary>
    /// <exception cref="ImageLoadException">The image is missing, unreadable or corrupt.</exception>
    Sample Load(int index, Random random);
}

/// <summary>
/// One transformed sample: <see cref="Pixels"/> holds <c>CropsPerSample x Channels x Size x Size</c> floats
/// (crop-major, then CHW).
/// </summary>
public readonly record struct Sample(float[] Pixels, int Label);
