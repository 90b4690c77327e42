using System.Globalization;
using ClcNet.Cli.Terminal;
using ClcNet.Data;
using ClcNet.Interop.Models;
using ClcNet.Training;
using ClcNet.Training.Progress;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary>Evaluating a model file on a validation split (<c>clcgen eval</c>, <c>clcgen train --test-only</c>).</summary>
internal static class ModelEvaluation
{
    /// <summary>Evaluates <paramref name="modelPath"/> (a model file, .t7 or .onnx, <see cref="ModelFiles"/>) and prints the original's <c> * Results top1: ...  top5: ...</c>.</summary>
    public static int Run(string modelPath, IImageDataset validation, string directory, int batchSize, int workers,
        Device device, ClcKernels? kernels, CliContext context)
    {
        using LoadedModel model = ModelFiles.Open(modelPath, new ModelOpenOptions { Device = device, Torch7InputSize = validation.Size });
        model.RequireFits(validation, directory);
        KernelSupport.Apply(model, kernels, device);
        BatchSource batches = DataAccess.Batches(validation, TrainingPlan.ValidationBatchSize(batchSize, validation),
            shuffle: false, workers, seed: 0, context);
        PhaseSummary summary = ProgressDisplay.Run(context, progress => new Trainer(model.Network, device, progress).Evaluate(1, batches));
        context.Output.WriteLine(FormatResults(summary));
        return ExitCodes.Success;
    }

    /// <summary>The original's result line: <c> * Results top1: 12.345  top5:  1.234</c> (errors in percent).</summary>
    public static string FormatResults(in PhaseSummary summary) =>
        string.Create(CultureInfo.InvariantCulture, $" * Results top1: {summary.Top1,6:F3}  top5: {summary.Top5,6:F3}");
}
