extern alias Generator;

using System.Collections.Immutable;
using Generator::ClcNet.Generators;
using Microsoft.CodeAnalysis;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>What one generator run produced: its diagnostics and sources, and the compilation including them.</summary>
internal sealed record GeneratorOutput(GeneratorDriverRunResult RunResult, Compilation Compilation)
{
    /// <summary>Diagnostics the generator itself reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => RunResult.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => RunResult.Results.Single().GeneratedSources;

    /// <summary>One source per generated network class.</summary>
    public IEnumerable<GeneratedSourceResult> NetworkSources =>
        GeneratedSources.Where(source => source.HintName != ClcNetGenerator.BlockShapesHintName);

    /// <summary>The block shape structs shared by all networks; fails when there is none.</summary>
    public string BlockShapesSource =>
        Assert.Single(GeneratedSources, source => source.HintName == ClcNetGenerator.BlockShapesHintName).SourceText.ToString();

    /// <summary>
    /// Compiler errors anywhere, and warnings in generated files (CS1591 for an undocumented member
    /// included), which a user building with warnings as errors would hit.
    /// </summary>
    public IEnumerable<Diagnostic> CompilationProblems()
    {
        HashSet<SyntaxTree> generated = [.. GeneratedSources.Select(source => source.SyntaxTree)];
        return Compilation.GetDiagnostics().Where(diagnostic =>
            diagnostic.Severity == DiagnosticSeverity.Error
            || (diagnostic.Severity == DiagnosticSeverity.Warning && diagnostic.Location.SourceTree is { } tree && generated.Contains(tree)));
    }
}
