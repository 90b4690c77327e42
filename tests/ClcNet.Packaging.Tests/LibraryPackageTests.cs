using System.Runtime.InteropServices;

namespace ClcNet.Packaging.Tests;

/// <summary>The ClcNet package in a project of its own: the generator, the runtime and the libstdc++ build step.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class LibraryPackageTests(PackageFeed feed)
{
    // clcNet-A: 3.25 M parameters as published (README.md); the generated constant and libtorch's own count agree with it.
    private const long ClcNetAParameters = 3_253_640;

    private const string ForwardPass = """
        using ClcNet;
        using TorchSharp;

        using var network = new MyNet();
        network.eval();
        using var logits = network.forward(torch.randn(2, 3, 224, 224));
        Console.WriteLine($"generated {MyNet.ParameterCount}");
        Console.WriteLine($"counted {network.parameters().Sum(parameter => parameter.numel())}");
        Console.WriteLine($"logits {string.Join('x', logits.shape)}");

        [ClcNet(1, 1, 5, 2)]
        public partial class MyNet;
        """;

    [Fact]
    public void ANetworkDeclaredWithThePackageRunsFromBuildAndPublishOutput()
    {
        var project = new ConsumerProject(feed, "Consumer", ForwardPass);

        CommandResult publish = project.Dotnet("publish", "-c", "Release", "-o", "published");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        TorchSharpGlue.AssertLoadsWithOlderLibStdCxx(
            Path.Combine(project.Folder, "published", "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libLibTorchSharp.so"));
        // Both folders hold their own copy of TorchSharp's glue: build output (patched for this host) and
        // publish output (patched for any host). On a host whose libstdc++ predates GCC 13 neither loads unpatched.
        foreach (string assembly in new[] { "bin/Release/net10.0/Consumer.dll", "published/Consumer.dll" })
        {
            CommandResult run = project.Dotnet(assembly);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(
                [$"generated {ClcNetAParameters}", $"counted {ClcNetAParameters}", "logits 2x1000"],
                run.Output.TrimEnd().Split('\n'));
        }
    }

    [Fact]
    public void ABadSpecIsACompileErrorFromThePackagedGenerator()
    {
        var project = new ConsumerProject(feed, "BadSpec", """
            using ClcNet;

            [ClcNet(1, -1, 5, 2)]
            public partial class BadNet;
            """);

        CommandResult build = project.Dotnet("build");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error CLC005", build.Output);
    }
}
