using ClcNet.Data.Decoding;

namespace ClcNet.Data.ImageFolder;

/// <summary>Lists the classes and image files of an ImageNet-layout split.</summary>
internal static class ImageFolderScanner
{
    /// <summary>The class folder names under <paramref name="trainRoot"/>, ordinally sorted.</summary>
    public static IReadOnlyList<string> Classes(string trainRoot)
    {
        var classes = Directory.GetDirectories(trainRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
            throw new DatasetException($"{trainRoot} has no class folders; put each class's images in {trainRoot}/<class>/.");
        return classes;
    }

    /// <summary>
    /// Every file with an image extension (any letter case) under each class folder of <paramref name="splitRoot"/>,
    /// searched recursively, labelled with the class's index in <paramref name="classes"/>.
    /// </summary>
    public static IReadOnlyList<LabelledImage> Images(string splitRoot, IReadOnlyList<string> classes)
    {
        var labels = classes.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var images = new List<LabelledImage>();
        foreach (var classFolder in Directory.GetDirectories(splitRoot).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(classFolder);
            if (!labels.TryGetValue(name, out var label))
                throw new DatasetException($"{classFolder} has no matching folder in the training split; every validation class must also be a training class.");
            images.AddRange(Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories)
                .Where(path => ImageDecoder.Extensions.Contains(Path.GetExtension(path)))
                .Order(StringComparer.Ordinal)
                .Select(path => new LabelledImage(path, label)));
        }
        if (images.Count == 0)
            throw new DatasetException($"{splitRoot} holds no images ({string.Join(", ", ImageDecoder.Extensions)}) in its class folders.");
        return images;
    }
}
