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
        {
            throw new DatasetException($"{trainRoot} has no class folders; put each class's images in {trainRoot}/<class>/.");
        }

        if (classes.FirstOrDefault(name => name.Any(char.IsControl)) is { } unprintable)
        {
            throw new DatasetException($"{trainRoot}: the class folder '{PrintableText.OneLine(unprintable)}' has a control character in its name; rename it (class names are printed and saved with the model).");
        }

        return classes;
    }

    /// <summary>
    /// Every file with an image extension (any letter case) under each class folder of <paramref name="splitRoot"/>,
    /// searched recursively, labelled with the class's index in <paramref name="classes"/>. Links to files and
    /// folders are followed, but each folder is scanned once per class, so a link back to a folder already seen
    /// (<c>ln -s . loop</c>) adds nothing.
    /// </summary>
    public static IReadOnlyList<LabelledImage> Images(string splitRoot, IReadOnlyList<string> classes)
    {
        var labels = classes.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var images = new List<LabelledImage>();
        foreach (var classFolder in Directory.GetDirectories(splitRoot).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(classFolder);
            if (!labels.TryGetValue(name, out var label))
            {
                throw new DatasetException($"{classFolder} has no matching folder in the training split; every validation class must also be a training class.");
            }

            images.AddRange(ImageFiles(classFolder)
                .Order(StringComparer.Ordinal)
                .Select(path => new LabelledImage(path, label)));
        }
        if (images.Count == 0)
        {
            throw new DatasetException($"{splitRoot} holds no images ({string.Join(", ", ImageDecoder.Extensions)}) in its class folders.");
        }

        return images;
    }

    /// <summary>
    /// The image files under <paramref name="folder"/>, named by the path that reaches them. Folders are told
    /// apart by their real path (links resolved), and a folder already scanned is skipped.
    /// </summary>
    private static List<string> ImageFiles(string folder)
    {
        var files = new List<string>();
        var scanned = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, string RealPath)>();
        pending.Push((folder, RealPath(new DirectoryInfo(folder), Path.GetFullPath(folder))));
        while (pending.TryPop(out (string Path, string RealPath) current))
        {
            if (!scanned.Add(current.RealPath))
            {
                continue;
            }

            try
            {
                foreach (FileSystemInfo entry in new DirectoryInfo(current.RealPath).EnumerateFileSystemInfos("*", AllEntries))
                {
                    var path = Path.Combine(current.Path, entry.Name);
                    if (entry is DirectoryInfo directory)
                    {
                        pending.Push((path, RealPath(directory, Path.Combine(current.RealPath, entry.Name))));
                    }
                    else if (ImageDecoder.Extensions.Contains(Path.GetExtension(entry.Name)))
                    {
                        files.Add(path);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DatasetException($"{current.Path} cannot be read ({PrintableText.OneLine(e.Message)}); check its permissions.", e);
            }
        }
        return files;
    }

    /// <summary>Every entry, hidden ones too; a folder that cannot be read is an error, not a silent gap.</summary>
    private static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>
    /// The real path of <paramref name="folder"/>, whose path through real folders is <paramref name="pathInRealFolder"/>:
    /// itself, or the final target of the link it is.
    /// </summary>
    private static string RealPath(DirectoryInfo folder, string pathInRealFolder) =>
        folder.LinkTarget is null
            ? pathInRealFolder
            : Path.TrimEndingDirectorySeparator(new DirectoryInfo(pathInRealFolder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pathInRealFolder);
}
