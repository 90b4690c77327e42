namespace ClcNet.Cli.Options;

/// <summary>
/// Which clcNet(a, b, c, d) the user asked for (<c>--net</c>, a network of <see cref="ClcNetRegistry"/>, and/or
/// <c>-a -b -c -d</c>); classes, input size and channels come from the data.
/// </summary>
public sealed record NetworkChoice(int A, int B, int C, int D)
{
    /// <summary>The depths of <paramref name="spec"/>.</summary>
    public static NetworkChoice From(ClcNetSpec spec) => new(spec.DepthA, spec.DepthB, spec.DepthC, spec.DepthD);

    /// <summary>
    /// The spec for input of <paramref name="channels"/> x <paramref name="size"/> x <paramref name="size"/> and
    /// <paramref name="classes"/> classes, with the reference stem stride 2.
    /// </summary>
    public ClcNetSpec ToSpec(int classes, int channels, int size) => new(A, B, C, D, classes, channels, size);

    /// <inheritdoc/>
    public override string ToString() => $"clcNet({A}, {B}, {C}, {D})";
}
