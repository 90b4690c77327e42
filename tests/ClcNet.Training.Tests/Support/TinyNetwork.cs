namespace ClcNet.Training.Tests.Support;

/// <summary>Small specs that keep the tests fast: no extra blocks, 12x12 grayscale input.</summary>
internal static class TinyNetwork
{
    public const int Size = 12;

    public static ClcNetSpec Spec(int classes = 4) => new(0, 0, 0, 0, classes, inputChannels: 1, inputSize: Size, stemStride: 1);

    public static IReadOnlyList<string> ClassNames(int classes = 4) => Enumerable.Range(0, classes).Select(i => $"class{i}").ToList();
}
