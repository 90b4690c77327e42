using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Writers;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>
/// Approval of generated source against <c>Snapshots/NAME.approved.cs</c> beside the calling test file.
/// Snapshots are named explicitly rather than found by walking the stack for the test method, which
/// optimised builds can inline away.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string generatedSource, string name, [CallerFilePath] string testFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        IApprovalWriter writer = WriterFactory.CreateTextWriter(generatedSource, "cs");
        Approvals.Verify(writer, new Namer(directory, name), UnifiedDiffReporter.Instance);
    }

    private sealed record Namer(string SourcePath, string Name) : IApprovalNamer;
}
