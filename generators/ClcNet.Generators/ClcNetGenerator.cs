using System.Linq;
using ClcNet.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClcNet.Generators;

/// <summary>
/// Turns each <c>[ClcNet(a, b, c, d)] partial class</c> into a specialised TorchSharp module: one field
/// per layer, an unrolled <c>forward</c>, and its parameter and multiply-add counts as constants. Its blocks
/// are built on constant shape structs, one per distinct block shape of the compilation, to which the
/// ILGPU kernels are specialized. Each class registers itself with <c>ClcNetRegistry</c> from a module initialiser.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ClcNetGenerator : IIncrementalGenerator
{
    /// <summary>Metadata name of the attribute that marks a network class (in the runtime library).</summary>
    public const string AttributeName = "ClcNet.ClcNetAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributed, cancellationToken) => Parse(attributed, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        context.RegisterSourceOutput(
            parsed.SelectMany(static (result, _) => result.Diagnostics),
            static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<NetworkSpec> networks = parsed
            .Where(static result => result.Network is not null)
            .Select(static (result, _) => result.Network!)
            .WithTrackingName(TrackingNames.Networks);

        context.RegisterSourceOutput(networks, static (output, network) => output.AddSource(network.HintName, Emit(network)));

        // Registry names must be unique in the compilation; the registry itself can only see clashes at run time.
        IncrementalValueProvider<EquatableArray<NetworkRegistration>> registrations = parsed
            .Where(static result => result.Registration is not null)
            .Select(static (result, _) => result.Registration!)
            .Collect()
            .Select(static (found, _) => new EquatableArray<NetworkRegistration>(found))
            .WithTrackingName(TrackingNames.Registrations);

        context.RegisterSourceOutput(registrations, static (output, found) =>
        {
            foreach (DiagnosticInfo duplicate in DuplicateNames(found))
            {
                output.ReportDiagnostic(duplicate.ToDiagnostic());
            }
        });

        // One shape file for the whole compilation: networks with blocks of the same shape share its struct.
        IncrementalValueProvider<EquatableArray<BlockShapeSpec>> blockShapes = networks
            .SelectMany(static (network, _) => LayerPlan.For(network.Spec).Blocks.Select(BlockShapeSpec.Of))
            .Collect()
            .Select(static (shapes, _) => DistinctBlockShapes(shapes))
            .WithTrackingName(TrackingNames.BlockShapes);

        context.RegisterSourceOutput(blockShapes, static (output, shapes) =>
        {
            if (shapes.Count > 0)
            {
                output.AddSource(BlockShapesHintName, EmitBlockShapes(shapes));
            }
        });
    }
}
