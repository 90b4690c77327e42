using System.Globalization;
using ClcNet.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ClcNet.Generators.Tests;

/// <summary>Each diagnostic fires with its stable ID on the culprit; valid declarations get none.</summary>
public class DiagnosticTests
{
    [Theory]
    [InlineData("[ClcNet(1, 1, 5, 2)] public class {|CLC001:Net|} { }")]
    [InlineData("public class {|CLC001:Outer|} { [ClcNet(1, 1, 5, 2)] public partial class Net { } }")]
    [InlineData("[ClcNet(1, 1, 5, 2)] public partial class Net{|CLC002:<T>|} { }")]
    [InlineData("public partial class Outer{|CLC002:<T>|} { [ClcNet(1, 1, 5, 2)] public partial class Net { } }")]
    [InlineData("[ClcNet(1, 1, 5, 2)] public partial class Net : {|CLC003:System.Exception|} { }")]
    [InlineData("[ClcNet(1, 1, 5, 2)] public partial class Net : System.IDisposable { public void Dispose() { } }\npublic partial class Net : {|CLC003:System.Exception|} { }")]
    [InlineData("[ClcNet(1, 1, 5, 2)] public {|CLC004:static|} partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2)] public partial {|CLC004:record|} Net;")]
    [InlineData("[ClcNet(1, {|CLC005:-1|}, 5, 2)] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, c: 5, {|CLC005:d: -2|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC006:Classes = 0|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC007:InputChannels = 0|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC008:StemStride = 0|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC009:InputSize = 16|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC010:GroupSize3x3 = 3|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC011:PointwiseGroups = 3|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC012:PointwiseGroups = 4|})] public partial class Net { }")]
    [InlineData("[{|CLC012:ClcNet(1, 1, 5, 2, GroupSize3x3 = 1)|}] public partial class Net { }")]
    [InlineData("[ClcNet({|CLC005:-1|}, 1, 5, 2, {|CLC006:Classes = 0|})] public class {|CLC001:Net|} { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC013:Name = \"clc net\"|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC013:Name = \"\"|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC014:Name = \"Net\"|})] public partial class First { }\n[ClcNet(1, 1, 7, 3)] internal partial class {|CLC014:Net|} { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC014:Name = \"b\"|})] public partial class A { }\n[ClcNet(1, 1, 5, 2, {|CLC014:Name = \"B\"|})] public partial class C { }")]
    [InlineData("public partial class Outer { [ClcNet(1, 1, 5, 2, {|CLC015:Name = \"net\"|})] private partial class Net { } }")]
    [InlineData("public partial class Outer { private partial class Inner { [ClcNet(1, 1, 5, 2, {|CLC015:Name = \"net\"|})] public partial class Net { } } }")]
    [InlineData("[ClcNet({|CLC016:100000|}, 1, 5, 2)] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, {|CLC016:d: 2147483647|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC016:Classes = 1000000000|})] public partial class Net { }")]
    [InlineData("[ClcNet(1, 1, 5, 2, {|CLC017:InputSize = 1000000000|})] public partial class Net { }")]
    public void DiagnosticPointsAtTheCulprit(string markup)
    {
        (string source, IReadOnlyList<ExpectedDiagnostic> expected) = DiagnosticMarkup.Parse("using ClcNet;\n" + markup);

        GeneratorOutput output = GeneratorHarness.Run(source);

        Assert.Equal(expected, output.GeneratorDiagnostics
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .Select(diagnostic => new ExpectedDiagnostic(diagnostic.Id, diagnostic.Location.SourceSpan)));
        Assert.All(output.GeneratorDiagnostics,
            diagnostic => Assert.Equal(GeneratorHarness.SourcePath(0), diagnostic.Location.GetLineSpan().Path));
    }

    [Theory]
    [InlineData("1, 1, 5, 2")]
    [InlineData("1, 1, 7, 3")]
    [InlineData("0, 0, 0, 0")]
    [InlineData("1, 1, 1, 1, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1")]
    [InlineData("1, 1, 5, 2, InputSize = 17")]
    [InlineData("1, 1, 5, 2, GroupSize3x3 = 4, PointwiseGroups = 4")]
    [InlineData("a: 2, b: 0, c: 1, d: 0, Classes = 1, StemStride = 4, InputSize = 64")]
    public void ValidSpecGetsNoDiagnosticAndCompiles(string arguments)
    {
        GeneratorOutput output = GeneratorHarness.Run($"using ClcNet;\n[ClcNet({arguments})] public partial class Net {{ }}");

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Single(output.NetworkSources);
        Assert.Empty(output.CompilationProblems());
    }

    [Fact]
    public void KeywordNamesAreEscapedInTheGeneratedSource()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using ClcNet;
            namespace @event.@class;
            public partial struct @struct { [ClcNet(0, 0, 0, 0, InputSize = 32)] internal partial class @int { } }
            """);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Single(output.NetworkSources);
        Assert.Empty(output.CompilationProblems());
    }

    [Fact]
    public void ErrorsSuppressTheGeneratedClass()
    {
        GeneratorOutput output = GeneratorHarness.Run("using ClcNet;\n[ClcNet(1, 1, 5, 2, Classes = 0)] public partial class Net { }");

        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(output.GeneratorDiagnostics).Severity);
        Assert.Empty(output.GeneratedSources);
    }

    [Fact]
    public void BrokenConnectivityIsOnlyAWarningAndTheClassIsStillGenerated()
    {
        GeneratorOutput output = GeneratorHarness.Run("using ClcNet;\n[ClcNet(1, 1, 5, 2, PointwiseGroups = 4)] public partial class Net { }");

        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(output.GeneratorDiagnostics).Severity);
        Assert.Single(output.NetworkSources);
        Assert.Empty(output.CompilationProblems());
    }

    [Theory]
    [InlineData("public class Outer { [ClcNet(1, 1, 5, 2)] public partial class Net { } }",
        "'Outer' is not partial, so the generator cannot add the network to 'Net': declare 'Outer' as 'partial'")]
    [InlineData("[ClcNet(1, 1, 5, 2)] public partial class Net : System.Exception { }",
        "'Net' already derives from 'System.Exception': remove the base class, the generator makes 'Net' derive from TorchSharp's Module<Tensor, Tensor>")]
    [InlineData("[ClcNet(1, 1, 5, 2, InputSize = 16)] public partial class Net { }",
        "'Net': InputSize = 16 is too small for the network's strides (stage4.block0 would see less than its stride): use InputSize >= 17 or StemStride = 1")]
    [InlineData("[ClcNet(1, 1, 5, 2, GroupSize3x3 = 3)] public partial class Net { }",
        "'Net': GroupSize3x3 = 3 does not divide the 32 input channels of stage0.block0.conv3x3: use a divisor of 32 such as 2")]
    [InlineData("[ClcNet(1, 1, 5, 2, Name = \"clc/a\")] public partial class Net { }",
        "'Net' cannot register as \"clc/a\": '/' cannot be part of a network name: use letters, digits, '-', '_' and '.'")]
    [InlineData("public partial class Outer { [ClcNet(1, 1, 5, 2, Name = \"net\")] protected partial class Net { } }",
        "'Net' cannot register as \"net\": 'Net' is hidden from the rest of its assembly, where the module initialiser that registers it runs; make 'Net' internal or public, or remove Name")]
    [InlineData("[ClcNet(1, 1, 5, 2, InputSize = 5000)] public partial class Net { }",
        "'Net': InputSize = 5000 with InputChannels = 3 makes one image's largest feature map (stage0.block0.conv1x1) need 1.49 GiB, more than the limit of 1 GiB: use InputSize <= 4096")]
    public void MessageNamesTheCulpritAndTheFix(string source, string message)
    {
        GeneratorOutput output = GeneratorHarness.Run("using ClcNet;\n" + source);

        Assert.Equal(message, Assert.Single(output.GeneratorDiagnostics).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EachOfTwoClassesWithOneNameIsToldOfTheOther()
    {
        GeneratorOutput output = GeneratorHarness.Run(
            "using ClcNet;\nnamespace Zoo { [ClcNet(1, 1, 5, 2)] public partial class Net { } }",
            "using ClcNet;\nnamespace Zoo { [ClcNet(1, 1, 7, 3, Name = \"net\")] public partial class Other { } }");

        Assert.Equal(
            [
                "'Zoo.Net' registers as 'net', as 'Zoo.Other' does: give one of them another Name in its [ClcNet] attribute",
                "'Zoo.Other' registers as 'net', as 'Zoo.Net' does: give one of them another Name in its [ClcNet] attribute",
            ],
            output.GeneratorDiagnostics.Select(diagnostic => diagnostic.GetMessage(CultureInfo.InvariantCulture)));
    }
}
