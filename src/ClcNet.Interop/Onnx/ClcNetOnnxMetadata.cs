using System.Text.Json;
using ClcNet.Training.Checkpoints;
using Onnx;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// What an exported model says about itself in its <c>metadata_props</c>, each value JSON: <c>clcnet.spec</c> (the
/// spec, as model files store it), <c>clcnet.classes</c> (the class names, one per logit) and, when known,
/// <c>clcnet.mean</c> and <c>clcnet.std</c> (the input normalisation, one value per channel, on pixels in [0, 1]).
/// </summary>
/// <param name="Spec">The network the graph computes.</param>
/// <param name="ClassNames">One name per logit.</param>
/// <param name="Normalization">The normalisation the network expects; null when the exporter did not know it.</param>
public sealed record ClcNetOnnxMetadata(ClcNetSpec Spec, IReadOnlyList<string> ClassNames, InputNormalization? Normalization)
{
    /// <summary>The key of the spec.</summary>
    public const string SpecKey = "clcnet.spec";

    /// <summary>The key of the class names.</summary>
    public const string ClassesKey = "clcnet.classes";

    /// <summary>The key of the per-channel means.</summary>
    public const string MeanKey = "clcnet.mean";

    /// <summary>The key of the per-channel standard deviations.</summary>
    public const string StdKey = "clcnet.std";

    // The spec is stored exactly as checkpoints store it, on one line.
    private static readonly JsonSerializerOptions Json = new(CheckpointJson.Options) { WriteIndented = false };

    /// <summary>Writes the metadata into <paramref name="model"/>'s <c>metadata_props</c>.</summary>
    internal void WriteTo(ModelProto model)
    {
        void Add(string key, string value) => model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        Add(SpecKey, JsonSerializer.Serialize(Spec, Json));
        Add(ClassesKey, JsonSerializer.Serialize(ClassNames, Json));
        if (Normalization is not null)
        {
            Add(MeanKey, JsonSerializer.Serialize(Normalization.Mean, Json));
            Add(StdKey, JsonSerializer.Serialize(Normalization.Std, Json));
        }
    }

    /// <summary>The metadata in <paramref name="properties"/>, or null when they hold no <see cref="SpecKey"/> (a model exported by something else).</summary>
    /// <exception cref="OnnxModelException">The properties hold a spec but it, the class names or the normalisation are malformed.</exception>
    internal static ClcNetOnnxMetadata? Read(IReadOnlyDictionary<string, string> properties, string source)
    {
        if (!properties.TryGetValue(SpecKey, out string? specJson))
        {
            return null;
        }
        ClcNetSpec spec = Parse<ClcNetSpec>(specJson, SpecKey, source);
        if (spec.FirstError() is { } problem)
        {
            throw new OnnxModelException($"{source}: its {SpecKey} {spec} is invalid ({problem.Message}); export the model again with ClcNet.NET");
        }
        if (!properties.TryGetValue(ClassesKey, out string? classesJson))
        {
            throw new OnnxModelException($"{source}: it has {SpecKey} but no {ClassesKey}; export the model again with ClcNet.NET");
        }
        string[] classes = Parse<string[]>(classesJson, ClassesKey, source);
        if (classes.Length != spec.Classes)
        {
            throw new OnnxModelException($"{source}: its {ClassesKey} names {classes.Length} classes but {spec} has {spec.Classes}; export the model again with ClcNet.NET");
        }
        return new ClcNetOnnxMetadata(spec, classes, ReadNormalization(properties, source, spec.InputChannels));
    }

    private static InputNormalization? ReadNormalization(IReadOnlyDictionary<string, string> properties, string source, int channels)
    {
        bool hasMean = properties.TryGetValue(MeanKey, out string? meanJson), hasStd = properties.TryGetValue(StdKey, out string? stdJson);
        if (!hasMean && !hasStd)
        {
            return null;
        }
        if (!hasMean || !hasStd)
        {
            throw new OnnxModelException($"{source}: it has only one of {MeanKey} and {StdKey}; export the model again with ClcNet.NET");
        }
        float[] mean = Parse<float[]>(meanJson!, MeanKey, source), std = Parse<float[]>(stdJson!, StdKey, source);
        if (mean.Length != channels || std.Length != channels)
        {
            throw new OnnxModelException($"{source}: its {MeanKey} and {StdKey} need {channels} values each (one per input channel), not {mean.Length} and {std.Length}; export the model again with ClcNet.NET");
        }
        try
        {
            return new InputNormalization(mean, std);
        }
        catch (ArgumentException e)
        {
            throw new OnnxModelException($"{source}: its {MeanKey}/{StdKey} are invalid ({e.Message}); export the model again with ClcNet.NET", e);
        }
    }

    private static T Parse<T>(string json, string key, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            throw new OnnxModelException($"{source}: its metadata {key} is not valid ({e.Message}); export the model again with ClcNet.NET", e);
        }
    }
}
