namespace ClcNet.Data.ImageFolder;

/// <summary>An image file and its class index.</summary>
public readonly record struct LabelledImage(string Path, int Label);
