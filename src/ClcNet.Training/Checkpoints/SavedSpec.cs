namespace ClcNet.Training.Checkpoints;

/// <summary>A <see cref="ClcNetSpec"/> as stored in checkpoint metadata (JSON).</summary>
public sealed record SavedSpec(int A, int B, int C, int D, int Classes, int InputChannels, int InputSize, int StemStride,
    int GroupSize3x3, int PointwiseGroups)
{
    /// <summary>The stored form of <paramref name="spec"/>.</summary>
    public static SavedSpec From(ClcNetSpec spec) => new(spec.DepthA, spec.DepthB, spec.DepthC, spec.DepthD, spec.Classes,
        spec.InputChannels, spec.InputSize, spec.StemStride, spec.GroupSize3x3, spec.PointwiseGroups);

    /// <summary>The spec this record describes.</summary>
    public ClcNetSpec ToSpec() => new(A, B, C, D, Classes, InputChannels, InputSize, StemStride, GroupSize3x3, PointwiseGroups);
}
