using ClcNet.Data;
using ClcNet.Interop.Models;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.Torch7;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;

namespace ClcNet.Cli;

/// <summary>
/// The one line <c>clcgen</c> prints for an error the user can fix. The libraries describe their errors in their
/// own terms and carry what a caller needs to say more; this is where clcgen's option names go into the hint.
/// </summary>
internal static class UserErrors
{
    /// <summary>The line for <paramref name="error"/>, or null when it is not an error of the user's input (a bug: let it surface).</summary>
    public static string? Describe(Exception error) => error switch
    {
        DataFolderException data => data.Describe("--data"),
        CheckpointFolderNotFoundException folder => folder.Describe("--save folder"),
        ModelSpecMismatchException mismatch => mismatch.Describe(
            $"fine-tune it with --reset-classifier --classes {mismatch.Expected.Classes}", "pass the network options it was trained with"),
        DeviceUnavailableException device => device.Describe("--device"),
        SaveFolderException folder => folder.Describe("--save folder"),
        ClassCountMismatchException classes => classes.Describe("--classes"),
        NetworkConflictException conflict =>
            $"the checkpoint in {conflict.CheckpointFolder} is {conflict.Saved} but the command line asks for {conflict.Asked}; " +
            "leave the network options out to resume",
        DataMismatchException mismatch => mismatch.Describe($"fine-tune with --retrain FILE --reset-classifier --classes {mismatch.DataClasses}"),
        BatchLargerThanDataException batch => batch.Describe("--batch-size"),
        NothingToTrainException nothing => nothing.Describe("--epoch-number", "--epochs"),
        ClassNamesException names => names.Describe("--class-names"),
        Torch7Exception or OnnxModelException or ModelFileException => error.Message,
        UsageException or TrainingPlanException or DatasetException or CheckpointException or ImageLoadException => error.Message,
        _ => null,
    };
}
