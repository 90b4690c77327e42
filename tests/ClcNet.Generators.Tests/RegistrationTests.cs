using ClcNet.Generators.Tests.Infrastructure;

namespace ClcNet.Generators.Tests;

/// <summary>Which name each generated class registers under, and which classes cannot register themselves.</summary>
public class RegistrationTests
{
    [Theory]
    [InlineData("[ClcNet(1, 1, 5, 2)] public partial class ClcNetA { }", "Register<ClcNetA>(\"clcneta\", Spec)")]
    [InlineData("[ClcNet(1, 1, 7, 3, Name = \"clcNet-B.v1\")] internal partial class Net { }", "Register<Net>(\"clcNet-B.v1\", Spec)")]
    [InlineData("public partial class Zoo { [ClcNet(0, 0, 0, 0, InputSize = 32)] internal partial class @int { } }", "Register<@int>(\"int\", Spec)")]
    [InlineData("internal partial class Zoo { [ClcNet(0, 0, 0, 0, InputSize = 32)] protected internal partial class TinyNet { } }", "Register<TinyNet>(\"tinynet\", Spec)")]
    public void TheClassRegistersUnderItsNameOrItsLowerCaseClassName(string declaration, string registration)
    {
        GeneratorOutput output = GeneratorHarness.Run("using ClcNet;\n" + declaration);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationProblems());
        string source = Assert.Single(output.NetworkSources).SourceText.ToString();
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", source);
        Assert.Contains($"internal static void RegisterWithClcNetRegistry() => global::ClcNet.ClcNetRegistry.{registration};", source);
    }

    [Theory]
    [InlineData("public partial class Zoo { [ClcNet(0, 0, 0, 0, InputSize = 32)] private partial class TinyNet { } }")]
    [InlineData("public partial class Zoo { [ClcNet(0, 0, 0, 0, InputSize = 32)] protected partial class TinyNet { } }")]
    [InlineData("public partial class Zoo { private partial class Cage { [ClcNet(0, 0, 0, 0, InputSize = 32)] public partial class TinyNet { } } }")]
    public void AClassHiddenFromItsAssemblyIsGeneratedButNotRegistered(string declaration)
    {
        GeneratorOutput output = GeneratorHarness.Run("using ClcNet;\n" + declaration);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationProblems());
        Assert.DoesNotContain("ModuleInitializer", Assert.Single(output.NetworkSources).SourceText.ToString());
    }
}
