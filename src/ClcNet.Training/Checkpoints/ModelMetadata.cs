namespace ClcNet.Training.Checkpoints;

/// <summary>What a model file says about its weights: the network they belong to and the class names.</summary>
public sealed record ModelMetadata(ClcNetSpec Spec, IReadOnlyList<string> Classes)
{
    /// <summary>Metadata for a network of <paramref name="spec"/> trained on <paramref name="classes"/>.</summary>
    public static ModelMetadata For(ClcNetSpec spec, IReadOnlyList<string> classes) => new(spec, classes);
}
