using ApprovalTests.Core;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>
/// Fails the test with a unified diff of the approved and received snapshots in the message, so a
/// changed generator shows what changed without a diff tool (none is installed on CI).
/// </summary>
internal sealed class UnifiedDiffReporter : IApprovalFailureReporter
{
    public static UnifiedDiffReporter Instance { get; } = new();

    public void Report(string approved, string received)
    {
        string approvedText = File.Exists(approved) ? File.ReadAllText(approved) : "";
        string diff = LineDiff.Unified(approvedText, File.ReadAllText(received), Path.GetFileName(approved), Path.GetFileName(received));
        string verdict = File.Exists(approved) ? "does not match its snapshot" : "has no approved snapshot yet";
        Assert.Fail($"The generated source {verdict}:\n{diff}\nIf the change is intended, approve it: mv '{received}' '{approved}'");
    }
}
