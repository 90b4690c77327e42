namespace ClcNet.Packaging.Tests;

/// <summary>
/// A new console project outside the repository, as `dotnet new console` and `dotnet add package ClcNet` make it:
/// a package reference to ClcNet from the feed (its own nuget.config adds the feed to the usual sources).
/// </summary>
internal sealed class ConsumerProject
{
    private readonly PackageFeed feed;

    public ConsumerProject(PackageFeed feed, string name, string program)
    {
        this.feed = feed;
        Name = name;
        Folder = feed.NewFolder(name);
        File.WriteAllText(Path.Combine(Folder, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ClcNet" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="clcnet-feed" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Folder, "Program.cs"), program);
    }

    public string Name { get; }

    public string Folder { get; }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the project's folder.</summary>
    public CommandResult Dotnet(params string[] arguments) => ExternalCommand.Dotnet(Folder, feed.Restore, arguments);
}
