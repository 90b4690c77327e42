using System.Text.Json;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Torch7.Support;

/// <summary>
/// A small clcNet with deterministic weights and the logits PyTorch computed for it
/// (Data/torch7/make_reference.py wrote Data/torch7/reference.json).
/// </summary>
internal sealed class ReferenceModel : INetworkWeights
{
    private ReferenceModel(string name, ClcNetSpec spec, int batch, uint seed, double weightSum, float[][] logits)
    {
        Name = name;
        Spec = spec;
        Batch = batch;
        Seed = seed;
        WeightSum = weightSum;
        Logits = logits;
        (Weights, Input) = DeterministicWeights.For(Spec, Seed, Batch);
    }

    public static IReadOnlyList<ReferenceModel> All { get; } = Load();

    /// <summary>clcNet(1, 1, 0, 0), 10 classes, RGB 64x64: the published layout at a small size.</summary>
    public static ReferenceModel Rgb => All.Single(model => model.Name == "rgb");

    /// <summary>clcNet(0, 0, 0, 0), 3 classes, grayscale 32x32, stem stride 1, 4-channel 3x3 groups and 4 pointwise groups.</summary>
    public static ReferenceModel Gray => All.Single(model => model.Name == "gray");

    public string Name { get; }

    public ClcNetSpec Spec { get; }

    public int Batch { get; }

    public uint Seed { get; }

    /// <summary>The sum of every weight, to tell a generator mismatch from a loading bug.</summary>
    public double WeightSum { get; }

    /// <summary>Weights under our names, in the order the generator drew them.</summary>
    public IReadOnlyList<(string Name, float[] Values, long[] Shape)> Weights { get; }

    public float[] Input { get; }

    public float[][] Logits { get; }

    /// <summary>A model of another spec with weights from the same generator, for tests that need no logits.</summary>
    public static ReferenceModel WithSpec(ClcNetSpec spec) => new($"{spec}", spec, 1, 1, double.NaN, []);

    public float[] Weight(string name) => Weights.Single(weight => weight.Name == name).Values;

    public Tensor InputTensor() => tensor(Input, [Batch, Spec.InputChannels, Spec.InputSize, Spec.InputSize]);

    private static ReferenceModel[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "torch7", "reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("models").EnumerateArray().Select(FromJson).ToArray();
    }

    private static ReferenceModel FromJson(JsonElement json)
    {
        int[] depths = json.GetProperty("depths").EnumerateArray().Select(depth => depth.GetInt32()).ToArray();
        var spec = new ClcNetSpec(depths[0], depths[1], depths[2], depths[3], json.GetProperty("classes").GetInt32(),
            json.GetProperty("input_channels").GetInt32(), json.GetProperty("input_size").GetInt32(),
            json.GetProperty("stem_stride").GetInt32(), json.GetProperty("group_size_3x3").GetInt32(),
            json.GetProperty("pointwise_groups").GetInt32());
        float[][] logits = json.GetProperty("logits").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(value => (float)value.GetDouble()).ToArray()).ToArray();
        return new ReferenceModel(json.GetProperty("name").GetString()!, spec, json.GetProperty("batch").GetInt32(),
            json.GetProperty("seed").GetUInt32(), json.GetProperty("weight_sum").GetDouble(), logits);
    }
}
