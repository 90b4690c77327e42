namespace ClcNet.Data.Transforms;

/// <summary>One step of a per-sample transform chain.</summary>
public interface IImageTransform
{
    /// <summary>
    /// Transforms <paramref name="image"/>, drawing any randomness from <paramref name="random"/> only, so a
    /// seeded generator reproduces the result. May modify and return its input.
    /// </summary>
    FloatImage Apply(FloatImage image, Random random);
}
