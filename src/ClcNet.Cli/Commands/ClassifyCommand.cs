using System.CommandLine;
using System.Globalization;
using ClcNet.Cli.Classification;
using ClcNet.Cli.Options;
using ClcNet.Data.Decoding;
using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary><c>clcgen classify --model FILE IMAGE...</c>: the five most likely classes of each image.</summary>
internal sealed class ClassifyCommand
{
    private const int Shown = 5;

    private readonly Option<string> model = new("--model")
    {
        Description = "Model file written by clcgen train; its saved class names label the output.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Argument<string[]> images = new("IMAGE")
    {
        Description = "Image files (JPEG, PNG, BMP, PPM).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> device = DeviceOption.Create();

    private readonly KernelsOption kernels = KernelsOption.Single();

    public ClassifyCommand(CliContext context)
    {
        Command = new Command("classify", "Print the top-5 classes of each image, with probabilities.") { model, images, device };
        kernels.AddTo(Command);
        Command.SetAction(parsed =>
        {
            Device on = Devices.Resolve(parsed.GetValue(device));
            return Classify(parsed.GetValue(model)!, parsed.GetValue(images)!, on, DefaultKernels.Resolve(kernels.Read(parsed), on.type), context);
        });
    }

    public Command Command { get; }

    private static int Classify(string modelPath, string[] paths, Device device, ClcKernels kernels, CliContext context)
    {
        var (network, metadata) = ModelFile.Load(modelPath, device);
        using var _ = network;
        ClcNetSpec spec = metadata.Spec;
        KernelSupport.Require(spec, kernels, device.type);
        network.UseKernels(kernels);
        Func<Data.Transforms.FloatImage, float[]> preprocess = ImagePreprocessing.For(spec);
        network.eval();
        using var noGrad = no_grad();
        foreach (string path in paths)
        {
            float[] pixels = preprocess(ImageDecoder.DecodeRgb(path));
            using var scope = NewDisposeScope();
            Tensor probabilities = network.forward(tensor(pixels, [1, spec.InputChannels, spec.InputSize, spec.InputSize]).to(device))
                .softmax(1).squeeze(0).cpu();
            var (values, indices) = probabilities.topk(Math.Min(Shown, spec.Classes));
            context.Output.WriteLine(path);
            float[] top = values.data<float>().ToArray();
            long[] classes = indices.data<long>().ToArray();
            int width = classes.Max(index => metadata.Classes[(int)index].Length);
            for (int rank = 0; rank < top.Length; rank++)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rank + 1}. {metadata.Classes[(int)classes[rank]].PadRight(width)}  {100 * top[rank],6:F2}%"));
            }
        }
        return ExitCodes.Success;
    }
}
