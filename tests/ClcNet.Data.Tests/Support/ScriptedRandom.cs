namespace ClcNet.Data.Tests.Support;

/// <summary>
/// A generator that returns prepared values, so a test can state the draws and hand-compute the outcome.
/// It records the ranges asked of <see cref="Next(int, int)"/> and fails when it runs out or a value is out of range.
/// </summary>
internal sealed class ScriptedRandom(double[]? doubles = null, int[]? integers = null) : Random
{
    private readonly Queue<double> doubles = new(doubles ?? []);
    private readonly Queue<int> integers = new(integers ?? []);

    public List<(int Min, int MaxExclusive)> IntegerRanges { get; } = [];

    public bool Exhausted => doubles.Count == 0 && integers.Count == 0;

    public override double NextDouble() =>
        doubles.TryDequeue(out var value) ? value : throw new InvalidOperationException("No scripted double left.");

    public override int Next(int minValue, int maxValue)
    {
        IntegerRanges.Add((minValue, maxValue));
        if (!integers.TryDequeue(out var value))
        {
            throw new InvalidOperationException("No scripted integer left.");
        }

        Assert.InRange(value, minValue, maxValue - 1);
        return value;
    }
}
