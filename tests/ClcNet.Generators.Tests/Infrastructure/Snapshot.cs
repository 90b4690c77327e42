extern alias Generator;

using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Writers;
using Generator::ClcNet.Generators;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>
/// Approval of generated source against <c>Snapshots/NAME.approved.cs</c> beside the calling test file.
/// Snapshots are named explicitly rather than found by walking the stack for the test method, which
/// optimised builds can inline away.
/// </summary>
internal static class Snapshot
{
    /// <summary>What snapshots hold in place of the generator's version, which [GeneratedCode] names.</summary>
    private const string VersionPlaceholder = "GENERATOR-VERSION";

    public static void Verify(string generatedSource, string name, [CallerFilePath] string testFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        // The version is the packages' (Directory.Build.props): a new release must not change every snapshot.
        string version = typeof(ClcNetGenerator).Assembly.GetName().Version!.ToString();
        string withoutVersion = generatedSource.Replace(
            $"GeneratedCode(\"ClcNet.Generators\", \"{version}\")", $"GeneratedCode(\"ClcNet.Generators\", \"{VersionPlaceholder}\")");
        IApprovalWriter writer = WriterFactory.CreateTextWriter(withoutVersion, "cs");
        Approvals.Verify(writer, new Namer(directory, name), UnifiedDiffReporter.Instance);
    }

    private sealed record Namer(string SourcePath, string Name) : IApprovalNamer;
}
