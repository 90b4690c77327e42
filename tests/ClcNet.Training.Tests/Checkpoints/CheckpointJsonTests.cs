using ClcNet.Training.Checkpoints;

namespace ClcNet.Training.Tests.Checkpoints;

/// <summary>
/// The JSON of checkpoint metadata and <c>latest</c> is a file format: files written by earlier versions must keep
/// loading, so the text below (as clcgen has always written it) is pinned.
/// </summary>
public sealed class CheckpointJsonTests
{
    private static readonly ClcNetSpec Spec = new(1, 0, 2, 0, classes: 4, inputChannels: 1, inputSize: 12, stemStride: 1,
        groupSize3x3: 4, pointwiseGroups: 4);

    private const string SpecJson = """
          "spec": {
            "a": 1,
            "b": 0,
            "c": 2,
            "d": 0,
            "classes": 4,
            "inputChannels": 1,
            "inputSize": 12,
            "stemStride": 1,
            "groupSize3x3": 4,
            "pointwiseGroups": 4
          },
        """;

    private const string LatestJson = $$"""
        {
          "epoch": 3,
          "modelFile": "model_3",
          "optimizerFile": "optimState_3",
        {{SpecJson}}
          "classes": [
            "shirt",
            "boot"
          ],
          "options": {
            "epochs": 5,
            "batchSize": 16,
            "learningRate": 0.1,
            "momentum": 0.9,
            "weightDecay": 0.0001,
            "seed": 7
          },
          "best": {
            "epoch": 2,
            "top1": 12.5,
            "top5": 0
          }
        }
        """;

    private static readonly LatestCheckpoint Latest = new(3, "model_3", "optimState_3", Spec, ["shirt", "boot"],
        new TrainingOptions(5, 16, 0.1, 0.9, 1e-4, 7), new BestResult(2, 12.5, 0));

    [Fact]
    public void LatestIsWrittenInTheSavedFormat() =>
        Assert.Equal(LatestJson.ReplaceLineEndings("\n"), CheckpointJson.Format(Latest).ReplaceLineEndings("\n"));

    [Fact]
    public void ASavedLatestReadsBack()
    {
        LatestCheckpoint read = CheckpointJson.Parse<LatestCheckpoint>(LatestJson, "latest");

        Assert.Equal(Spec, read.Spec);
        Assert.Equal(Latest.Options, read.Options);
        Assert.Equal(Latest.Best, read.Best);
        Assert.Equal(Latest.Classes, read.Classes);
    }

    [Fact]
    public void ModelMetadataIsWrittenInTheSavedFormat() =>
        Assert.Equal($$"""
            {
            {{SpecJson}}
              "classes": [
                "shirt",
                "boot"
              ]
            }
            """.ReplaceLineEndings("\n"), CheckpointJson.Format(ModelMetadata.For(Spec, ["shirt", "boot"])).ReplaceLineEndings("\n"));

    [Theory]
    [InlineData("\n    \"a\": 1,")]
    [InlineData(",\n    \"pointwiseGroups\": 4")]
    public void ASpecWithAFieldMissingIsRefused(string field)
    {
        string json = LatestJson.ReplaceLineEndings("\n").Replace(field, "");
        Assert.NotEqual(LatestJson.ReplaceLineEndings("\n"), json);

        CheckpointException error = Assert.Throws<CheckpointException>(() => CheckpointJson.Parse<LatestCheckpoint>(json, "latest"));

        Assert.StartsWith("latest: its metadata is not valid (", error.Message);
    }
}
