namespace ClcNet.Tests;

/// <summary>The specs the tests build, by name, so theories can list them.</summary>
public static class TestSpecs
{
    /// <summary>clcNet-A's depths on 28x28 grayscale input with 10 classes and no stem downsampling.</summary>
    public static ClcNetSpec Gray28 => new(1, 1, 5, 2, classes: 10, inputChannels: 1, inputSize: 28, stemStride: 1);

    /// <summary>The smallest network: one block per stage, on 28x28 grayscale input.</summary>
    public static ClcNetSpec Tiny28 => new(0, 0, 0, 0, classes: 10, inputChannels: 1, inputSize: 28, stemStride: 1);

    private static readonly Dictionary<string, ClcNetSpec> Named = new()
    {
        ["clcNet-A"] = ClcNetSpec.A,
        ["clcNet-B"] = ClcNetSpec.B,
        ["gray28"] = Gray28,
        ["tiny28"] = Tiny28,
        ["deep, 10 classes"] = new(2, 3, 1, 0, classes: 10),
        ["3x3 groups of 4, 1x1 groups 4"] = new(1, 1, 1, 1, classes: 100, groupSize3x3: 4, pointwiseGroups: 4),
        ["3x3 groups of 8, dense 1x1"] = new(0, 1, 0, 1, groupSize3x3: 8, pointwiseGroups: 1, inputSize: 64),
        ["depthwise 3x3 (warned)"] = new(1, 0, 0, 0, groupSize3x3: 1, pointwiseGroups: 2, inputSize: 96),
    };

    /// <summary>Names of the specs above, as theory data.</summary>
    public static TheoryData<string> Names => new(Named.Keys);

    /// <summary>The spec of a name in <see cref="Names"/>.</summary>
    public static ClcNetSpec Get(string name) => Named[name];
}
