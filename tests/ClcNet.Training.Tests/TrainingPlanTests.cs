using ClcNet.Training.Checkpoints;
using ClcNet.Training.Networks;
using ClcNet.Training.Tests.Support;
using TorchSharp;

namespace ClcNet.Training.Tests;

public sealed class TrainingPlanTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AFreshRunOnFashionMnistTakesItsRecipe()
    {
        var plan = TrainingPlan.Resolve(new TrainingOverrides(), "fashion", TinyNetwork.Data(classes: 10, size: 28), null);

        Assert.Equal(FashionMnistNet.Spec, plan.Spec);
        Assert.Equal(new TrainingOptions(Epochs: 3, BatchSize: 128, LearningRate: 0.05, Momentum: 0.9, WeightDecay: 1e-4, Seed: 0), plan.Options);
        Assert.Equal((1, 1, TrainingPlan.DefaultSaveDirectory, "fashion"), (plan.FirstEpoch, plan.StartEpoch, plan.SaveDirectory, plan.DataDirectory));
        Assert.Null(plan.Resume);
        Assert.Null(plan.StartingWeights);
    }

    [Fact]
    public void AFreshRunOnOtherDataTakesTheImageNetRecipeFittedToTheData()
    {
        var plan = TrainingPlan.Resolve(new TrainingOverrides(), "photos", TinyNetwork.Data(classes: 5, channels: 3, size: 64), null);

        Assert.Equal(new ClcNetSpec(1, 1, 5, 2, classes: 5, inputChannels: 3, inputSize: 64), plan.Spec);
        Assert.Equal(new TrainingOptions(100, 256, 0.1, 0.9, 1e-4, 0), plan.Options);
        Assert.Equal(TinyNetwork.ClassNames(5), plan.Classes);
    }

    [Fact]
    public void WhatIsAskedForWinsOverTheRecipe()
    {
        var asked = new TrainingOverrides
        {
            Network = new ClcNetSpec(1, 0, 0, 0, stemStride: 1), Epochs = 7, BatchSize = 8, LearningRate = 0.3, Momentum = 0.5,
            WeightDecay = 0, Seed = 9, FirstEpoch = 3, Save = "runs/a",
        };

        var plan = TrainingPlan.Resolve(asked, "d", TinyNetwork.Data(), null);

        Assert.Equal(new ClcNetSpec(1, 0, 0, 0, classes: 4, inputChannels: 1, inputSize: TinyNetwork.Size, stemStride: 1), plan.Spec);
        Assert.Equal(new TrainingOptions(7, 8, 0.3, 0.5, 0, 9), plan.Options);
        Assert.Equal((3, 3, "runs/a"), (plan.FirstEpoch, plan.StartEpoch, plan.SaveDirectory));
    }

    [Fact]
    public void AResumedRunKeepsTheCheckpointsHyperparametersUnlessOthersAreAskedFor()
    {
        LatestCheckpoint checkpoint = Checkpoint(epoch: 2, new TrainingOptions(5, 32, 0.02, 0.8, 5e-4, 7));

        var plan = TrainingPlan.Resolve(new TrainingOverrides { Resume = "runs/old", LearningRate = 0.01, Epochs = 8 },
            "d", TinyNetwork.Data(), checkpoint);

        Assert.Equal(new TrainingOptions(Epochs: 8, BatchSize: 32, LearningRate: 0.01, Momentum: 0.8, WeightDecay: 5e-4, Seed: 7), plan.Options);
        Assert.Equal(TinyNetwork.Spec(), plan.Spec);
        Assert.Equal(3, plan.StartEpoch);
        Assert.Equal(("runs/old", checkpoint), (plan.Resume!.Value.Store.Directory, plan.Resume.Value.Latest));
    }

    [Theory]
    [InlineData("runs/old", null, "runs/old")]
    [InlineData("runs/old", "runs/new", "runs/new")]
    [InlineData(null, null, TrainingPlan.DefaultSaveDirectory)]
    public void AResumedRunSavesWhereItWasUnlessToldOtherwise(string? resume, string? save, string expected) =>
        Assert.Equal(expected, TrainingPlan.Resolve(new TrainingOverrides { Resume = resume, Save = save, Network = TinyNetwork.Spec() },
            "d", TinyNetwork.Data(), null).SaveDirectory);

    [Fact]
    public void ANetworkAskedForMustBeTheResumedCheckpoints()
    {
        var asked = new TrainingOverrides { Resume = "runs/old", Network = new ClcNetSpec(0, 0, 1, 0, stemStride: 1) };

        NetworkConflictException error = Assert.Throws<NetworkConflictException>(() =>
            TrainingPlan.Resolve(asked, "d", TinyNetwork.Data(), Checkpoint(epoch: 1, new TrainingOptions(5, 32, 0.02, 0.8, 5e-4, 7))));

        Assert.Equal((TinyNetwork.Spec(), new ClcNetSpec(0, 0, 1, 0, 4, 1, TinyNetwork.Size, stemStride: 1)), (error.Saved, error.Asked));
    }

    [Fact]
    public void AResumedCheckpointMustFitTheData()
    {
        DataMismatchException error = Assert.Throws<DataMismatchException>(() => TrainingPlan.Resolve(new TrainingOverrides { Resume = "runs/old" },
            "big", TinyNetwork.Data(size: 32), Checkpoint(epoch: 1, new TrainingOptions(5, 32, 0.02, 0.8, 5e-4, 7))));

        Assert.False(error.OnlyClassesDiffer);
        Assert.Equal($"the checkpoint in runs/old is {TinyNetwork.Spec()} for 1x12x12 input but big gives 1x32x32 images; use data of the kind it was trained on", error.Message);
    }

    [Fact]
    public void TheClassesAskedForMustBeTheDatas()
    {
        ClassCountMismatchException error = Assert.Throws<ClassCountMismatchException>(() =>
            TrainingPlan.Resolve(new TrainingOverrides { Classes = 5 }, "d", TinyNetwork.Data(classes: 4), null));

        Assert.Equal("--classes 5 but d has 4 classes; --classes must match the data", error.Describe("--classes"));
    }

    [Fact]
    public void AFirstEpochPastTheLastLeavesNothingToTrain()
    {
        NothingToTrainException error = Assert.Throws<NothingToTrainException>(() =>
            TrainingPlan.Resolve(new TrainingOverrides { Epochs = 2, FirstEpoch = 3, Network = TinyNetwork.Spec() }, "d", TinyNetwork.Data(), null));

        Assert.Equal("the first epoch 3 is past the last epoch (2), so there is nothing to train; raise the epochs or lower the first epoch", error.Message);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(int.MaxValue)]
    public void ABatchLargerThanTheTrainingImagesIsRefused(int batchSize)
    {
        BatchLargerThanDataException error = Assert.Throws<BatchLargerThanDataException>(() =>
            TrainingPlan.Resolve(new TrainingOverrides { BatchSize = batchSize, Network = TinyNetwork.Spec() }, "d", TinyNetwork.Data(images: 100), null));

        Assert.Equal($"the batch size {batchSize} is larger than the 100 training images of d; lower the batch size to at most 100", error.Message);
        Assert.Equal($"--batch-size {batchSize} is larger than the 100 training images of d; lower --batch-size to at most 100", error.Describe("--batch-size"));
    }

    [Fact]
    public void ABatchOfAllTheTrainingImagesIsAccepted() =>
        Assert.Equal(100, TrainingPlan.Resolve(new TrainingOverrides { BatchSize = 100, Network = TinyNetwork.Spec() }, "d", TinyNetwork.Data(images: 100), null).Options.BatchSize);

    [Fact]
    public void ANetworkThatCannotBeBuiltIsRefused()
    {
        UnbuildableNetworkException error = Assert.Throws<UnbuildableNetworkException>(() =>
            TrainingPlan.Resolve(new TrainingOverrides { Network = ClcNetSpec.A }, "d", TinyNetwork.Data(size: 4), null));

        Assert.StartsWith($"{new ClcNetSpec(1, 1, 5, 2, 4, 1, 4)} cannot be built: InputSize = 4 is too small", error.Message);
    }

    [Fact]
    public void AModelFileToStartFromGivesTheNetworkWithTheDatasClassesWhenItsClassifierIsReset()
    {
        string model = SaveModel(TinyNetwork.Spec(classes: 6));

        var plan = TrainingPlan.Resolve(new TrainingOverrides { Retrain = model, ResetClassifier = true, Classes = 4 }, "d", TinyNetwork.Data(), null);
        DataMismatchException error = Assert.Throws<DataMismatchException>(() =>
            TrainingPlan.Resolve(new TrainingOverrides { Retrain = model }, "d", TinyNetwork.Data(), null));

        Assert.Equal(TinyNetwork.Spec(classes: 4), plan.Spec);
        Assert.Equal((model, true), (plan.StartingWeights!.Path, plan.ResetClassifier));
        Assert.True(error.OnlyClassesDiffer);
        Assert.Equal($"{model} has 6 classes but d has 4; fine-tune it with a fresh classifier of 4 classes", error.Message);
    }

    [Fact]
    public void AModelFileForAnotherNetworkThanTheOneAskedForIsRefusedBeforeTraining()
    {
        string model = SaveModel(TinyNetwork.Spec());
        var asked = new TrainingOverrides { Retrain = model, Network = new ClcNetSpec(1, 0, 0, 0, stemStride: 1) };

        ModelSpecMismatchException error = Assert.Throws<ModelSpecMismatchException>(() => TrainingPlan.Resolve(asked, "d", TinyNetwork.Data(), null));

        Assert.Equal(TinyNetwork.Spec(), error.Saved);
    }

    [Fact]
    public void AResumedRunDoesNotReadTheModelFileToStartFrom()
    {
        var asked = new TrainingOverrides { Resume = "runs/old", Retrain = folder.File("missing") };

        var plan = TrainingPlan.Resolve(asked, "d", TinyNetwork.Data(), Checkpoint(epoch: 1, new TrainingOptions(5, 32, 0.02, 0.8, 5e-4, 7)));

        Assert.Null(plan.StartingWeights);
    }

    [Fact]
    public void TestingOnlyEvaluatesTheModelFileElseTheResumedCheckpointsModel()
    {
        LatestCheckpoint checkpoint = Checkpoint(epoch: 4, new TrainingOptions(5, 32, 0.02, 0.8, 5e-4, 7));

        Assert.Equal(("m", 128), TrainingPlan.ForTestOnly(new TrainingOverrides { Retrain = "m", Resume = "runs/old" }, checkpoint, TinyNetwork.Data(10, 1, 28).Train));
        Assert.Equal((Path.Combine("runs/old", "model_4"), 256), TrainingPlan.ForTestOnly(new TrainingOverrides { Resume = "runs/old" }, checkpoint, TinyNetwork.Data().Train));
        Assert.Equal((null, 7), TrainingPlan.ForTestOnly(new TrainingOverrides { BatchSize = 7 }, null, TinyNetwork.Data().Train));
    }

    [Theory]
    [InlineData(256, 1, 256)]
    [InlineData(256, 10, 25)]
    [InlineData(5, 10, 1)]
    public void AValidationBatchHoldsTheTrainingBatchesCrops(int batchSize, int crops, int expected) =>
        Assert.Equal(expected, TrainingPlan.ValidationBatchSize(batchSize, TinyNetwork.Data(validationCrops: crops).Validation));

    private static LatestCheckpoint Checkpoint(int epoch, TrainingOptions options) => new(epoch, $"model_{epoch}", $"optimState_{epoch}",
        TinyNetwork.Spec(), TinyNetwork.ClassNames(), options, new BestResult(epoch, 50, 10));

    private string SaveModel(ClcNetSpec spec)
    {
        string path = folder.File($"model-{Guid.NewGuid():N}");
        using torch.nn.Module<torch.Tensor, torch.Tensor> network = ClcNetRegistry.Create(spec);
        ModelFile.Save(path, network, ModelMetadata.For(spec, TinyNetwork.ClassNames(spec.Classes)));
        return path;
    }
}
