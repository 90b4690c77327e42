namespace ClcNet.Interop.Models;

/// <summary>
/// Class names for a model that carries none (a Torch7 file of other than 1000 classes) or other ones: a UTF-8
/// text file with one name per line, in class order (class 0 first), as torchvision's and Caffe's label files are.
/// </summary>
public static class ClassNamesFile
{
    /// <summary>The names in <paramref name="path"/>, checked to be <paramref name="classes"/> non-empty, distinct names.</summary>
    /// <exception cref="ClassNamesException">The file is missing or unreadable, or does not hold one distinct name per class.</exception>
    public static IReadOnlyList<string> Read(string path, int classes)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ClassNamesException(path, "no such file; give a text file with one class name per line");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClassNamesException(path, $"cannot read it ({e.Message})");
        }
        // A final newline, or a few, is how editors end a file; it names no class.
        string[] names = [.. lines.Reverse().SkipWhile(string.IsNullOrWhiteSpace).Reverse().Select(line => line.Trim())];
        if (names.Length != classes)
        {
            throw new ClassNamesException(path, $"it names {names.Length} classes but the model has {classes} outputs; give one name per line, one per output");
        }
        if (Array.FindIndex(names, name => name.Length == 0) is var empty and >= 0)
        {
            throw new ClassNamesException(path, $"line {empty + 1} is empty; give one name per line, one per output");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Array.FindIndex(names, name => !seen.Add(name)) is var repeated and >= 0)
        {
            throw new ClassNamesException(path, $"line {repeated + 1} repeats the class name '{names[repeated]}'; give each class its own name");
        }
        return names;
    }
}
