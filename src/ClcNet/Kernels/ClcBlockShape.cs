namespace ClcNet.Kernels;

/// <summary>A block's channel layout known only at run time (see <see cref="IClcBlockShape"/>).</summary>
public readonly struct ClcBlockShape : IClcBlockShape, IEquatable<ClcBlockShape>
{
    /// <summary>Creates the shape of <c>Block(in, out, stride, g1, g2)</c>.</summary>
    /// <exception cref="ArgumentException">A count is not positive or a group count does not divide its channels.</exception>
    public ClcBlockShape(int inChannels, int outChannels, int stride, int groups3x3, int groups1x1)
    {
        if (inChannels < 1 || outChannels < 1 || stride < 1)
        {
            throw new ArgumentException(
                $"ClcBlock: channels {inChannels} -> {outChannels} and stride {stride} must be positive; use positive values.");
        }
        if (groups3x3 < 1 || inChannels % groups3x3 != 0)
        {
            throw new ArgumentException(
                $"ClcBlock: 3x3 groups {groups3x3} do not divide the {inChannels} input channels; use a divisor of {inChannels}.",
                nameof(groups3x3));
        }
        if (groups1x1 < 1 || inChannels % groups1x1 != 0 || outChannels % groups1x1 != 0)
        {
            throw new ArgumentException(
                $"ClcBlock: 1x1 groups {groups1x1} do not divide {inChannels} -> {outChannels} channels; use a common divisor.",
                nameof(groups1x1));
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        Groups3x3 = groups3x3;
        Groups1x1 = groups1x1;
    }

    /// <inheritdoc/>
    public int InChannels { get; }

    /// <inheritdoc/>
    public int OutChannels { get; }

    /// <inheritdoc/>
    public int Stride { get; }

    /// <inheritdoc/>
    public int Groups3x3 { get; }

    /// <inheritdoc/>
    public int Groups1x1 { get; }

    /// <summary>Channels per 3x3 group (2 in the published networks).</summary>
    public int GroupSize3x3 => InChannels / Groups3x3;

    /// <summary>The shape of a planned block.</summary>
    public static ClcBlockShape From(PlannedBlock block) =>
        new(block.InChannels, block.OutChannels, block.Stride, block.Groups3x3, block.Groups1x1);

    /// <summary>The run-time copy of any shape, e.g. of a generated constant one.</summary>
    public static ClcBlockShape Of<TShape>(TShape shape) where TShape : struct, IClcBlockShape =>
        new(shape.InChannels, shape.OutChannels, shape.Stride, shape.Groups3x3, shape.Groups1x1);

    /// <summary>Side of the output map for a square input of side <paramref name="inputSize"/>.</summary>
    public int OutputSize(int inputSize) => LayerPlan.ConvolutionOutputSize(inputSize, Stride);

    /// <inheritdoc/>
    public bool Equals(ClcBlockShape other) =>
        InChannels == other.InChannels && OutChannels == other.OutChannels && Stride == other.Stride
        && Groups3x3 == other.Groups3x3 && Groups1x1 == other.Groups1x1;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ClcBlockShape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(InChannels, OutChannels, Stride, Groups3x3, Groups1x1);

    /// <summary>Equality of all five values.</summary>
    public static bool operator ==(ClcBlockShape left, ClcBlockShape right) => left.Equals(right);

    /// <summary>Inequality of any of the five values.</summary>
    public static bool operator !=(ClcBlockShape left, ClcBlockShape right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"Block({InChannels}, {OutChannels}, {Stride}, {Groups3x3}, {Groups1x1})";
}
