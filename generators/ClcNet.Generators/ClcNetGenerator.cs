using ClcNet.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClcNet.Generators
{
    /// <summary>
    /// Turns each <c>[ClcNet(a, b, c, d)] partial class</c> into a specialised TorchSharp module: one field
    /// per layer, an unrolled <c>forward</c>, and its parameter and multiply-add counts as constants.
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
        }
    }
}
