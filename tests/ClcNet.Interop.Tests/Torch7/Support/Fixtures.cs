namespace ClcNet.Interop.Tests.Torch7.Support;

/// <summary>The real Torch7 files in Fixtures/torch7 (see the README there).</summary>
internal static class Fixtures
{
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch7");

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    public static IEnumerable<string> All => System.IO.Directory.EnumerateFiles(Directory, "*.t7").Select(System.IO.Path.GetFileName)!;
}
