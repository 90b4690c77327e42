using ClcNet.Data;

namespace ClcNet.Training.Checkpoints;

/// <summary>What a model file says about its weights: the network they belong to and the class names.</summary>
public sealed record ModelMetadata(ClcNetSpec Spec, IReadOnlyList<string> Classes)
{
    /// <summary>The longest class name accepted: class names are folder names, which Linux bounds at 255 bytes.</summary>
    public const int MaxClassNameLength = 255;

    /// <summary>Metadata for a network of <paramref name="spec"/> trained on <paramref name="classes"/>.</summary>
    public static ModelMetadata For(ClcNetSpec spec, IReadOnlyList<string> classes) => new(spec, classes);

    /// <summary>
    /// The spec, after checking the metadata of <paramref name="path"/> as user input (a file from elsewhere may
    /// have been edited, and files of checkpoint format 1 have no checksum over it): the spec breaks no rule,
    /// memory bounds included, and there is one printable, distinct class name per output.
    /// </summary>
    /// <exception cref="CheckpointException">The metadata cannot describe a network this file could hold.</exception>
    public ClcNetSpec CheckedSpec(string path)
    {
        ClcNetSpec spec = Spec;
        if (spec.FirstError() is { } problem)
        {
            throw Invalid(path, $"its spec {spec} is invalid ({problem.Message})");
        }
        if (Classes.Count != spec.Classes)
        {
            throw Invalid(path, $"it names {Classes.Count} classes but its network {spec} has {spec.Classes} outputs");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < Classes.Count; index++)
        {
            string? name = Classes[index];
            string? flaw = name switch
            {
                null => "is missing",
                "" => "is empty",
                { Length: > MaxClassNameLength } => $"is {name.Length} characters long, more than {MaxClassNameLength}",
                { } text when text.Any(char.IsControl) => "holds control characters",
                { } text when !seen.Add(text) => "repeats an earlier class",
                _ => null,
            };
            if (flaw is not null)
            {
                throw Invalid(path, $"class {index} ('{PrintableText.OneLine(name ?? "")}') {flaw}");
            }
        }
        return spec;
    }

    private static CheckpointException Invalid(string path, string reason) =>
        new($"{path}: {reason}; use a file written by clcgen train");
}
