using System.Globalization;
using ClcNet.Cli;
using ClcNet.Data.FashionMnist;
using ClcNet.Data.Idx;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;
using ClcNet.Training.Networks;
using SkiaSharp;

namespace ClcNet.Cli.Tests;

/// <summary>One short default-recipe run of <c>clcgen train</c> on the committed Fashion-MNIST subset, shared by the tests.</summary>
public sealed class TrainedOnSubset : IDisposable
{
    public TrainedOnSubset()
    {
        (ExitCode, Output, Error) = CliRun.Run("train", "--data", TestData.FashionMnistSubset, "--epochs", "2", "--batch-size", "50",
            "--lr", "0.05", "--threads", "1", "--save", Save);
    }

    public TemporaryDirectory Folder { get; } = new();

    public string Save => Folder.File("run");

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed partial class FashionMnistSubsetTests(TrainedOnSubset run) : IClassFixture<TrainedOnSubset>
{
    [Fact]
    public void AShortRunLowersTheLossAndBeatsChanceOnHeldOutImages()
    {
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        IReadOnlyList<EpochMetrics> rows = MetricsHistory.Load(Path.Combine(run.Save, TrainingSession.MetricsFileName), int.MaxValue).Rows;
        Assert.Equal([1, 2], rows.Select(row => row.Epoch));
        Assert.True(rows[1].TrainLoss < rows[0].TrainLoss, $"training loss went from {rows[0].TrainLoss} to {rows[1].TrainLoss}");
        // 10 balanced classes: chance is 90% top-1 error; the held-out split is the subset's 500 test images.
        BestResult best = new CheckpointStore(run.Save).ReadLatest()!.Best;
        Assert.True(best.Top1 < 50, $"validation top-1 error {best.Top1}% is not clearly below chance (90%)");
        Assert.Contains(" * Finished top1: ", run.Output);
        Assert.Contains($"Validation accuracy: {(100 - best.Top1).ToString("F2", CultureInfo.InvariantCulture)}% top-1", run.Output);
    }

    [Fact]
    public void TheRunUsesTheFashionMnistNetworkAndLogsPlainLines()
    {
        Assert.Contains($"=> {FashionMnistNet.Spec} on {TestData.FashionMnistSubset}: 2000 training and 500 validation images, 10 classes; 2 epochs of 40 batches of 50", run.Output);
        Assert.Contains("Epoch: [2][40/40]", run.Output);
        Assert.Contains(" * Finished epoch # 2 ", run.Output);
        Assert.Equal(FashionMnistDataset.ClassNames, new CheckpointStore(run.Save).ReadLatest()!.Classes);
    }

    [Fact]
    public void EvalAndTestOnlyReportTheBestEpochsErrors()
    {
        BestResult best = new CheckpointStore(run.Save).ReadLatest()!.Best;
        string expected = string.Create(CultureInfo.InvariantCulture, $" * Results top1: {best.Top1,6:F3}  top5: {best.Top5,6:F3}");
        string model = Path.Combine(run.Save, CheckpointStore.BestModelFileName);

        (int ExitCode, string Output, string Error) eval = CliRun.Run("eval", "--model", model, "--data", TestData.FashionMnistSubset);
        (int ExitCode, string Output, string Error) testOnly = CliRun.Run("train", "-retrain", model, "-testOnly", "true", "-data", TestData.FashionMnistSubset);

        Assert.Equal((ExitCodes.Success, expected), (eval.ExitCode, CliRun.LastLine(eval.Output)));
        Assert.Equal((ExitCodes.Success, expected), (testOnly.ExitCode, CliRun.LastLine(testOnly.Output)));
    }

    [Fact]
    public void TenCropEvaluationRuns()
    {
        (int ExitCode, string Output, string Error) eval = CliRun.Run("eval", "--model", Path.Combine(run.Save, "model_2"), "--data", TestData.FashionMnistSubset, "--ten-crop");

        Assert.Equal(ExitCodes.Success, eval.ExitCode);
        Assert.Matches(@"^ \* Results top1: +\d+\.\d{3}  top5: +\d+\.\d{3}$", CliRun.LastLine(eval.Output));
    }

    [Fact]
    public void ClassifyPrintsTheTopFiveClassesWithProbabilities()
    {
        string image = run.Folder.File("test-image-0.png");
        WriteTestImage(0, image);

        (int exitCode, string? output, string? error) = CliRun.Run("classify", "--model", Path.Combine(run.Save, CheckpointStore.BestModelFileName), image);

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(image, lines[0]);
        Assert.Equal(6, lines.Length);
        var ranked = lines[1..].Select(line => line.Trim()).ToList();
        var probabilities = ranked.Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..^1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(ranked.Select((line, i) => (line, i)), entry => Assert.StartsWith($"{entry.i + 1}. ", entry.line));
        Assert.All(ranked, line => Assert.Contains(FashionMnistDataset.ClassNames, name => line[3..].StartsWith(name + " ", StringComparison.Ordinal)));
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        Assert.InRange(probabilities.Sum(), 0, 100.05);
    }

    [Fact]
    public void ResumeContinuesAtTheNextEpochWithTheCheckpointsSettings()
    {
        string copy = run.Folder.File($"resumed-{Guid.NewGuid():N}");
        CopyFolder(run.Save, copy);

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--data", TestData.FashionMnistSubset, "--resume", copy, "--save", copy, "--epochs", "3", "--threads", "1");

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains($"=> Resuming from {Path.Combine(copy, CheckpointStore.LatestFileName)} (epoch 2)", output);
        Assert.Contains("3 epochs of 40 batches of 50, LR 0.05", output);
        Assert.DoesNotContain("Epoch: [1]", output);
        Assert.DoesNotContain("Epoch: [2]", output);
        Assert.Contains("Epoch: [3][40/40]", output);
        Assert.Equal(3, new CheckpointStore(copy).ReadLatest()!.Epoch);
    }

    internal static void WriteTestImage(int index, string path)
    {
        IdxImages images = IdxReader.ReadImages(FashionMnistFiles.Find(TestData.FashionMnistSubset, FashionMnistFiles.TestImages)!);
        using var bitmap = new SKBitmap(new SKImageInfo(images.Columns, images.Rows, SKColorType.Gray8, SKAlphaType.Opaque));
        images.Image(index).CopyTo(bitmap.GetPixelSpan());
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }
}
