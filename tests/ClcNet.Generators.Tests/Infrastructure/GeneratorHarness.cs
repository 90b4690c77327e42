extern alias Generator;

using System.Collections.Immutable;
using Generator::ClcNet.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources the way a user's project would be compiled, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    /// <summary>Documentation comments are checked, so that undocumented generated members show up as CS1591.</summary>
    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A library compilation of <paramref name="sources"/>, named <c>Source0.cs</c>, <c>Source1.cs</c>, ...</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "UserProject",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, SourcePath(index))),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static string SourcePath(int index) => $"Source{index}.cs";

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new ClcNetGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
    public static GeneratorOutput Run(params string[] sources)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compile(sources), out Compilation output, out _);
        return new GeneratorOutput(driver.GetRunResult(), output);
    }

    /// <summary>The framework the tests run on, plus TorchSharp and the ClcNet runtime library.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        IEnumerable<string> framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory);
        string[] libraries = [typeof(TorchSharp.torch).Assembly.Location, typeof(ClcNetSpec).Assembly.Location];
        return [.. framework.Concat(libraries).Select(path => MetadataReference.CreateFromFile(path))];
    }
}
