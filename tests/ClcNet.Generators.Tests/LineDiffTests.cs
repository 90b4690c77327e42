using ClcNet.Generators.Tests.Infrastructure;

namespace ClcNet.Generators.Tests;

/// <summary>The diff a failing snapshot shows, checked against what <c>diff -u</c> prints.</summary>
public class LineDiffTests
{
    private static readonly string Numbers = string.Concat(Enumerable.Range(1, 20).Select(n => $"line {n}\n"));

    [Fact]
    public void EqualTextsHaveNoDiff() => Assert.Equal("", LineDiff.Unified(Numbers, Numbers, "a", "b"));

    [Fact]
    public void ChangedLineShowsWithThreeLinesOfContext()
    {
        string diff = LineDiff.Unified(Numbers, Numbers.Replace("line 10\n", "line ten\n"), "a", "b");

        Assert.Equal("""
            --- a
            +++ b
            @@ -7,7 +7,7 @@
             line 7
             line 8
             line 9
            -line 10
            +line ten
             line 11
             line 12
             line 13

            """.Replace("\r\n", "\n"), diff);
    }

    [Fact]
    public void DistantChangesGetSeparateHunks()
    {
        string edited = Numbers.Replace("line 2\n", "").Replace("line 19\n", "line 19\nline 19.5\n");

        string diff = LineDiff.Unified(Numbers, edited, "a", "b");

        Assert.Equal("""
            --- a
            +++ b
            @@ -1,5 +1,4 @@
             line 1
            -line 2
             line 3
             line 4
             line 5
            @@ -17,4 +16,5 @@
             line 17
             line 18
             line 19
            +line 19.5
             line 20

            """.Replace("\r\n", "\n"), diff);
    }
}
