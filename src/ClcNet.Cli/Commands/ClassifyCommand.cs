using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClcNet.Cli.Classification;
using ClcNet.Cli.Options;
using ClcNet.Data.Decoding;
using ClcNet.Interop.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary>
/// <c>clcgen classify --model FILE IMAGE... [--top K] [--json]</c>: the most likely classes of each image, as a table or
/// as one JSON document <c>[{"image": PATH, "top": [{"index": i, "class": NAME, "probability": P}, ...]}, ...]</c>.
/// </summary>
internal sealed class ClassifyCommand
{
    private const int DefaultTop = 5;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly Option<string> model = ModelOption.Create(onnx: true);

    private readonly Argument<string[]> images = new("IMAGE")
    {
        Description = "Image files (JPEG, PNG, BMP, PPM).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<int?> top = new Option<int?>("--top")
    {
        Description = $"How many of the most likely classes to print per image (at most the model's classes). Default: {DefaultTop}.",
        HelpName = "K",
    }.AtLeast(1);

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON document: [{\"image\": PATH, \"top\": [{\"index\": i, \"class\": NAME, \"probability\": P}, ...]}, ...] (index 0-based, probability 0 to 1).",
    };

    private readonly ModelFileOptions modelFile = new();

    private readonly Option<string?> device = DeviceOption.Create();

    private readonly KernelsOption kernels = KernelsOption.Single();

    public ClassifyCommand(CliContext context)
    {
        Command = new Command("classify", "Print the most likely classes of each image, with probabilities (top 5 unless --top).") { model, images, top, json, device };
        modelFile.AddTo(Command);
        kernels.AddTo(Command);
        Command.SetAction(parsed =>
        {
            ModelOpenOptions options = modelFile.Read(parsed, Devices.Resolve(parsed.GetValue(device)));
            using LoadedModel opened = ModelFiles.Open(parsed.GetValue(model)!, options);
            KernelSupport.Apply(opened, kernels.Read(parsed), options.Device);
            List<ImageResult> results = Classify(opened, parsed.GetValue(images)!, parsed.GetValue(top) ?? DefaultTop, options.Device);
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(results, Json));
            }
            else
            {
                WriteTable(results, context.Output);
            }
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }

    private static List<ImageResult> Classify(LoadedModel model, string[] paths, int shown, Device device)
    {
        ClcNetSpec spec = model.Spec;
        Func<Data.Transforms.FloatImage, float[]> preprocess = ImagePreprocessing.For(model);
        // Every image is decoded before the first is classified, so an unreadable one fails the command before any output.
        float[][] inputs = [.. paths.Select(path => preprocess(ImageDecoder.DecodeRgb(path)))];
        using IDisposable noGrad = no_grad();
        var results = new List<ImageResult>();
        for (int image = 0; image < paths.Length; image++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor probabilities = model.Network.forward(tensor(inputs[image], [1, spec.InputChannels, spec.InputSize, spec.InputSize]).to(device))
                .softmax(1).squeeze(0).cpu();
            (Tensor? values, Tensor? indices) = probabilities.topk(Math.Min(shown, spec.Classes));
            float[] probability = values.data<float>().ToArray();
            long[] classes = indices.data<long>().ToArray();
            results.Add(new ImageResult(paths[image],
                [.. classes.Select((index, rank) => new ClassScore((int)index, model.ClassNames[(int)index], probability[rank]))]));
        }
        return results;
    }

    private static void WriteTable(IEnumerable<ImageResult> results, TextWriter output)
    {
        foreach (ImageResult result in results)
        {
            output.WriteLine(result.Image);
            int width = result.Top.Max(score => score.Class.Length);
            foreach ((ClassScore? score, int rank) in result.Top.Select((score, rank) => (score, rank)))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rank + 1}. {score.Class.PadRight(width)}  {100 * score.Probability,6:F2}%"));
            }
        }
    }

    /// <summary>One image's line of the JSON document.</summary>
    private sealed record ImageResult(
        [property: JsonPropertyName("image")] string Image,
        [property: JsonPropertyName("top")] IReadOnlyList<ClassScore> Top);

    /// <summary>One class of an image's top K.</summary>
    private sealed record ClassScore(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("class")] string Class,
        [property: JsonPropertyName("probability")] float Probability);
}
