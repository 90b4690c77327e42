using System.Reflection;
using System.Runtime.InteropServices;

namespace ClcNet.Packaging.Tests;

/// <summary>
/// The repository packed once for all packaging tests: the ClcNet package and the clcgen tool (for this machine's
/// platform only, to keep the pack short) in a feed folder, built outside the repository's bin and obj folders.
/// </summary>
/// <remarks>
/// The version gets a suffix of its own (0.1.0-test...), and projects restore into a package folder of their own
/// that falls back to the user's: a package of the same version from an earlier pack, extracted in the user's
/// folder, can never stand in for this one, and libtorch is not extracted again.
/// </remarks>
public sealed class PackageFeed : IDisposable
{
    private readonly TemporaryDirectory root = new();
    private readonly Lazy<string> toolPath;

    public PackageFeed()
    {
        Folder = root.File("feed");
        string suffix = "test" + Guid.NewGuid().ToString("N")[..12];
        Pack("src/ClcNet/ClcNet.csproj", suffix);
        Pack("src/ClcNet.Cli/ClcNet.Cli.csproj", suffix, $"-p:ToolPackageRuntimeIdentifiers={RuntimeInformation.RuntimeIdentifier}");
        string package = Path.GetFileName(Directory.GetFiles(Folder, "ClcNet.*.nupkg").Single());
        Version = package["ClcNet.".Length..^".nupkg".Length];
        Restore = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = root.File("packages"),
            ["NUGET_FALLBACK_PACKAGES"] = UserPackageFolder(),
        };
        toolPath = new Lazy<string>(InstallTool);
    }

    /// <summary>The folder with the packages, a local NuGet source.</summary>
    public string Folder { get; }

    /// <summary>The version of every package in <see cref="Folder"/>.</summary>
    public string Version { get; }

    /// <summary>The environment under which a project restores the packages (see the remarks).</summary>
    public IReadOnlyDictionary<string, string> Restore { get; }

    /// <summary>The folder where <c>dotnet tool install --tool-path</c> put clcgen, installed on first use.</summary>
    public string ToolPath => toolPath.Value;

    /// <summary>A fresh folder under this feed's temporary folder (removed with it).</summary>
    public string NewFolder(string name)
    {
        string path = root.File(name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => root.Dispose();

    private static string RepositoryRoot =>
        typeof(PackageFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    private void Pack(string project, string versionSuffix, params string[] properties)
    {
        CommandResult pack = ExternalCommand.Dotnet(
            RepositoryRoot, null,
            ["pack", project, "-c", "Release", "-o", Folder, "--artifacts-path", root.File("build"),
             $"-p:VersionSuffix={versionSuffix}", .. properties]);
        Assert.True(pack.ExitCode == 0, pack.ToString());
    }

    private string InstallTool()
    {
        string path = root.File("tools");
        CommandResult install = ExternalCommand.Dotnet(
            NewFolder("tool-install"), Restore,
            "tool", "install", "clcgen", "--tool-path", path, "--add-source", Folder, "--version", Version);
        Assert.True(install.ExitCode == 0, install.ToString());
        return path;
    }

    private static string UserPackageFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}

[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "packed repository";
}
