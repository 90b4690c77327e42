using System.Globalization;
using System.Text.Json;
using ClcNet.Cli;
using ClcNet.Data.FashionMnist;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.SafeTensors;
using ClcNet.Training.Checkpoints;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Cli.Tests;

/// <summary>
/// The subset run's best model as an original Torch7 .t7 file and as an exported ONNX model: eval, classify, convert
/// and export give what they give on the model file itself.
/// </summary>
public sealed partial class FashionMnistSubsetTests
{
    private string BestModel => Path.Combine(run.Save, CheckpointStore.BestModelFileName);

    private string ExpectedResults
    {
        get
        {
            BestResult best = new CheckpointStore(run.Save).ReadLatest()!.Best;
            return string.Create(CultureInfo.InvariantCulture, $" * Results top1: {best.Top1,6:F3}  top5: {best.Top5,6:F3}");
        }
    }

    [Fact]
    public void EvalOfTheTorch7FileAndTheOriginalsTestOnlyLineReportTheModelFilesErrors()
    {
        string t7 = Torch7OfBestModel();

        (int ExitCode, string Output, string Error) eval = CliRun.Run("eval", "--model", t7, "--data", TestData.FashionMnistSubset);
        (int ExitCode, string Output, string Error) testOnly = CliRun.Run("train", "-data", TestData.FashionMnistSubset, "-retrain", t7, "-testOnly", "true");

        Assert.Equal((ExitCodes.Success, ExpectedResults), (eval.ExitCode, CliRun.LastLine(eval.Output)));
        Assert.Equal((ExitCodes.Success, ExpectedResults), (testOnly.ExitCode, CliRun.LastLine(testOnly.Output)));
    }

    [Fact]
    public void ConvertWritesAModelFileThatEvaluatesAlike()
    {
        string t7 = Torch7OfBestModel(), converted = run.Folder.File($"converted-{Guid.NewGuid():N}");

        (int ExitCode, string Output, string Error) convert = CliRun.Run("convert", t7, "--output", converted, "--input-size", "28");
        (int ExitCode, string Output, string Error) eval = CliRun.Run("eval", "--model", converted, "--data", TestData.FashionMnistSubset);

        Assert.True(convert.ExitCode == ExitCodes.Success, convert.Error);
        Assert.Equal((ExitCodes.Success, ExpectedResults), (eval.ExitCode, CliRun.LastLine(eval.Output)));
        ModelMetadata metadata = ModelFile.Read(converted).Metadata;
        Assert.Equal(Training.Networks.FashionMnistNet.Spec, metadata.Spec);
        Assert.Equal([.. Enumerable.Range(0, 10).Select(index => index.ToString(CultureInfo.InvariantCulture))], metadata.Classes);
    }

    [Fact]
    public void ClassifyWithATorch7FileNamesClassesByIndexOrByTheClassNamesFile()
    {
        string t7 = Torch7OfBestModel(), image = TestImage(), names = run.Folder.File($"names-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(names, FashionMnistDataset.ClassNames);

        List<(int Index, string Class, double Probability)> byIndex = Json(CliRun.Run("classify", "--model", t7, "--input-size", "28", "--json", image));
        List<(int Index, string Class, double Probability)> byName = Json(CliRun.Run("classify", "--model", t7, "--input-size", "28", "--json", "--class-names", names, image));
        List<(int Index, string Class, double Probability)> reference = Json(CliRun.Run("classify", "--model", BestModel, "--json", image));

        Assert.Equal(reference.Select(score => score.Index), byIndex.Select(score => score.Index));
        Assert.All(byIndex, score => Assert.Equal(score.Index.ToString(CultureInfo.InvariantCulture), score.Class));
        Assert.Equal(reference.Select(score => score.Class), byName.Select(score => score.Class));
    }

    [Fact]
    public void AClassNamesFileWithAnotherCountIsOneClearError()
    {
        string names = run.Folder.File($"three-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(names, ["shirt", "coat", "bag"]);

        CliRun.AssertUsageError($"classify --model {Torch7OfBestModel()} --class-names {names} {TestImage()}",
            $"--class-names {names}: it names 3 classes but the model has 10 outputs; give one name per line, one per output");
    }

    [Fact]
    public void ClassifyJsonIsOneDocumentWithTheTopFiveUnlessAskedForMore()
    {
        string image = TestImage();

        (int exitCode, string? output, string? error) = CliRun.Run("classify", "--model", BestModel, "--json", image, image);
        List<(int Index, string Class, double Probability)> top3 = Json(CliRun.Run("classify", "--model", BestModel, "--json", "--top", "3", image));

        Assert.True(exitCode == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetArrayLength());
        JsonElement first = document.RootElement[0];
        Assert.Equal(image, first.GetProperty("image").GetString());
        var scores = first.GetProperty("top").EnumerateArray().Select(Score).ToList();
        Assert.Equal(5, scores.Count);
        Assert.All(scores, score => Assert.Equal(FashionMnistDataset.ClassNames[score.Index], score.Class));
        Assert.Equal(scores.Select(score => score.Probability).OrderDescending(), scores.Select(score => score.Probability));
        Assert.InRange(scores.Sum(score => score.Probability), 0, 1.0001);
        Assert.Equal(scores.Take(3), top3);
    }

    [Fact]
    public void ClassifyTopZeroIsAUsageError() =>
        CliRun.AssertUsageError($"classify --model {BestModel} --top 0 {TestImage()}", "--top 0: must be at least 1 (see clcgen classify --help)");

    [Fact]
    public void TheExportedOnnxModelEvaluatesAndClassifiesAsTheModelFile()
    {
        string onnx = OnnxOfBestModel(), image = TestImage();

        (int ExitCode, string Output, string Error) eval = CliRun.Run("eval", "--model", onnx, "--data", TestData.FashionMnistSubset);
        List<(int Index, string Class, double Probability)> onOnnxRuntime = Json(CliRun.Run("classify", "--model", onnx, "--json", image));
        List<(int Index, string Class, double Probability)> onTorchSharp = Json(CliRun.Run("classify", "--model", BestModel, "--json", image));

        Assert.Equal((ExitCodes.Success, ExpectedResults), (eval.ExitCode, CliRun.LastLine(eval.Output)));
        Assert.Equal(onTorchSharp.Select(score => (score.Index, score.Class)), onOnnxRuntime.Select(score => (score.Index, score.Class)));
        Assert.All(onTorchSharp.Zip(onOnnxRuntime), pair => Assert.Equal(pair.First.Probability, pair.Second.Probability, 1e-4));
    }

    [Fact]
    public void ExportWritesTheSpecClassNamesAndNormalisationIntoTheOnnxModel()
    {
        using var classifier = OnnxClassifier.Load(OnnxOfBestModel());

        ClcNetOnnxMetadata metadata = classifier.Metadata!;
        Assert.Equal(Training.Networks.FashionMnistNet.Spec, metadata.Spec);
        Assert.Equal(FashionMnistDataset.ClassNames, metadata.ClassNames);
        Assert.Equal(InputNormalization.FashionMnist, metadata.Normalization);
    }

    [Fact]
    public void ExportKeepsBatchNormAndTargetsTheOpsetAskedFor()
    {
        ModelProto folded = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxOfBestModel()));
        ModelProto kept = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxOfBestModel("--keep-batchnorm", "--opset", "13")));

        Assert.DoesNotContain(folded.Graph.Node, node => node.OpType == "BatchNormalization");
        Assert.Contains(kept.Graph.Node, node => node.OpType == "BatchNormalization");
        Assert.Equal([17L, 13L], new[] { folded, kept }.Select(model => model.OpsetImport.Single().Version));
    }

    [Fact]
    public void ExportOfAnUnsupportedOpsetIsAUsageError() =>
        CliRun.AssertUsageError($"export --model {BestModel} --output {run.Folder.File("x.onnx")} --opset 5", "--opset 5: opsets 9 to 23 are supported (see clcgen export --help)");

    [Fact]
    public void OnnxOptionsWithSafeTensorsAreAUsageError() =>
        CliRun.AssertUsageError($"export --model {BestModel} --output {run.Folder.File("x.safetensors")} --format safetensors --keep-batchnorm",
            "--opset and --keep-batchnorm shape an ONNX model; leave them out with --format safetensors");

    [Fact]
    public void AnOnnxModelRunsOnlyOnOnnxRuntime()
    {
        string onnx = OnnxOfBestModel();

        CliRun.AssertUsageError($"eval --model {onnx} --data {TestData.FashionMnistSubset} --kernels ilgpu",
            $"{onnx} is an ONNX model and runs on ONNX Runtime; the Ilgpu kernels run only networks of model files and Torch7 files");
    }

    [Fact]
    public void ExportOfTheTorch7FileGivesTheSameGraphOutputs()
    {
        string fromT7 = OnnxOf(Torch7OfBestModel(), "--input-size", "28");
        using var expected = OnnxClassifier.Load(OnnxOfBestModel());
        using var actual = OnnxClassifier.Load(fromT7);
        using Tensor images = randn(4, 1, 28, 28);

        Assert.Equal(expected.Metadata!.Spec, actual.Metadata!.Spec);
        Assert.True((expected.Run(images) - actual.Run(images)).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void ExportAsSafeTensorsWritesTheWeightsUnderPyTorchsNames()
    {
        string path = run.Folder.File($"weights-{Guid.NewGuid():N}.safetensors");

        (int exitCode, string _, string? error) = CliRun.Run("export", "--model", BestModel, "--output", path, "--format", "safetensors");

        Assert.True(exitCode == ExitCodes.Success, error);
        (nn.Module<Tensor, Tensor>? expected, ModelMetadata? metadata) = ModelFile.Load(BestModel, CPU);
        using nn.Module<Tensor, Tensor> _ = expected;
        using nn.Module<Tensor, Tensor> loaded = ClcNetRegistry.Create(metadata.Spec);
        ClcNetSafeTensors.Load(loaded, metadata.Spec, path);
        Assert.All(expected.state_dict(), entry => Assert.True(entry.Value.equal(loaded.state_dict()[entry.Key]).all().item<bool>(), entry.Key));
    }

    [Fact]
    public void ADamagedOnnxModelIsOneLineForEvalAndClassify()
    {
        byte[] exported = File.ReadAllBytes(OnnxOfBestModel());
        string damaged = run.Folder.File($"damaged-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(damaged, exported[..(exported.Length / 2)]);

        (int ExitCode, string Output, string Error) eval = CliRun.Run("eval", "--model", damaged, "--data", TestData.FashionMnistSubset);
        (int ExitCode, string Output, string Error) classify = CliRun.Run("classify", "--model", damaged, TestImage());

        foreach ((int exitCode, string? output, string? error) in new[] { eval, classify })
        {
            Assert.Equal(ExitCodes.Usage, exitCode);
            Assert.Matches($"^clcgen: error: {System.Text.RegularExpressions.Regex.Escape(damaged)} is not a valid ONNX model \\(.+\\); export it again with clcgen export or ClcNetOnnx.Export\n$", error);
            Assert.DoesNotContain("Results", output);
        }
    }

    [Fact]
    public void ATorch7FileThatIsNotAClcNetIsOneLine()
    {
        string path = run.Folder.File($"linear-{Guid.NewGuid():N}.t7");
        File.WriteAllBytes(path, Torch7Writer.Writer(new TorchObject("nn.Linear", new LuaTable { ["weight"] = TorchTensor.Of("torch.FloatTensor", [1, 2], 1, 2) })).Bytes);

        (int exitCode, string? output, string? error) = CliRun.Run("eval", "--model", path, "--data", TestData.FashionMnistSubset);

        Assert.Equal((ExitCodes.Usage, ""), (exitCode, output));
        Assert.StartsWith($"clcgen: error: {path}: <top level>: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void AnOnnxModelCannotBeTrainedFrom() =>
        CliRun.AssertUsageError($"train --data {TestData.FashionMnistSubset} --retrain {OnnxOfBestModel()} --epochs 1 --save {run.Folder.File("never")}",
            $"{OnnxOfBestModel()} is an ONNX model: it runs on ONNX Runtime but holds no trainable network; use the model file or Torch7 file it was exported from");

    private string Torch7OfBestModel()
    {
        string path = run.Folder.File("model_best.t7");
        if (!File.Exists(path))
        {
            (nn.Module<Tensor, Tensor>? network, ModelMetadata? metadata) = ModelFile.Load(BestModel, CPU);
            using nn.Module<Tensor, Tensor> _ = network;
            File.WriteAllBytes(path, ClcNetTorch7File.Bytes(NetworkWeights.Of(network, metadata.Spec), new Torch7Encoding("as fb.resnet.torch saves")));
        }
        return path;
    }

    private string OnnxOfBestModel(params string[] options) =>
        options.Length == 0 ? Export(BestModel, cached: "model_best.onnx", []) : OnnxOf(BestModel, options);

    private string OnnxOf(string model, params string[] options) => Export(model, cached: null, options);

    /// <summary>Runs clcgen export; with <paramref name="cached"/>, only once per run.</summary>
    private string Export(string model, string? cached, string[] options)
    {
        string path = run.Folder.File(cached ?? $"export-{Guid.NewGuid():N}.onnx");
        if (cached is null || !File.Exists(path))
        {
            (int exitCode, string? output, string? error) = CliRun.Run(["export", "--model", model, "--output", path, .. options]);
            Assert.True(exitCode == ExitCodes.Success, error);
            Assert.StartsWith("=> clcNet(0, 0, 0, 0", output);
        }
        return path;
    }

    private string TestImage()
    {
        string path = run.Folder.File("test-image-1.png");
        if (!File.Exists(path))
        {
            WriteTestImage(1, path);
        }
        return path;
    }

    private static List<(int Index, string Class, double Probability)> Json((int ExitCode, string Output, string Error) result)
    {
        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        return [.. document.RootElement.EnumerateArray().Single().GetProperty("top").EnumerateArray().Select(Score)];
    }

    private static (int Index, string Class, double Probability) Score(JsonElement score) =>
        (score.GetProperty("index").GetInt32(), score.GetProperty("class").GetString()!, score.GetProperty("probability").GetDouble());
}
