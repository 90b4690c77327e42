using System.CommandLine;
using ClcNet.Cli.Options;
using ClcNet.Training;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary><c>clcgen eval --model FILE [--data DIR] [--ten-crop]</c>: top-1/top-5 error of a model file.</summary>
internal sealed class EvalCommand
{
    private const int DefaultBatchSize = 256;

    private readonly Option<string> model = ModelOption.Create(onnx: true);

    private readonly Option<string?> data = new("--data")
    {
        Description = "Folder whose validation split to use (Fashion-MNIST test set or ImageNet-layout val/). Default: as for train.",
        HelpName = "DIR",
    };

    private readonly Option<bool> tenCrop = new("--ten-crop")
    {
        Description = "Ten-crop testing: sum the scores of the 10 crops of each image.",
    };

    private readonly Option<int?> batchSize = new Option<int?>("--batch-size")
    {
        Description = $"Images per batch (divided by 10 with --ten-crop). Default: {DefaultBatchSize}.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<int?> threads = new Option<int?>("--threads")
    {
        Description = $"Data-loading worker threads. Default: {TrainingOverrides.DefaultLoaderThreads}.",
        HelpName = "N",
    }.AtLeast(0);

    private readonly Option<string?> device = DeviceOption.Create();

    private readonly KernelsOption kernels = KernelsOption.Single();

    public EvalCommand(CliContext context)
    {
        Command = new Command("eval", "Evaluate a model file on a validation split; prints ' * Results top1: xx.xxx  top5: xx.xxx' (errors in %).")
        {
            model, data, tenCrop, batchSize, threads, device,
        };
        kernels.AddTo(Command);
        Command.SetAction(parsed =>
        {
            int workers = parsed.GetValue(threads) ?? TrainingOverrides.DefaultLoaderThreads;
            ComputeThreads.Configure(workers);
            (string? directory, Data.DatasetSplits? splits) = DataAccess.Open(parsed.GetValue(data), parsed.GetValue(tenCrop), context);
            Device on = Devices.Resolve(parsed.GetValue(device));
            return ModelEvaluation.Run(parsed.GetValue(model)!, splits.Validation, directory, parsed.GetValue(batchSize) ?? DefaultBatchSize,
                workers, on, kernels.Read(parsed), context);
        });
    }

    public Command Command { get; }
}
