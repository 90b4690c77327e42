namespace ClcNet.Data.Tests;

public class PrintableTextTests
{
    [Theory]
    [InlineData("plain text, unchanged: é ü 漢字", "plain text, unchanged: é ü 漢字")]
    [InlineData("two\nlines\r\nand\ta tab", "two lines  and a tab")]
    [InlineData("bell\u0007 nul\0 del\u007f", "bell\\u0007 nul\\u0000 del\\u007F")]
    [InlineData("bidi \u202Eevil", "bidi \\u202Eevil")]
    [InlineData("pair \U0001F600 kept", "pair \U0001F600 kept")]
    public void UnprintableCharactersAreEscapedAndLineBreaksBecomeSpaces(string text, string expected) =>
        Assert.Equal(expected, PrintableText.OneLine(text));

    [Fact]
    public void ALoneSurrogateIsEscaped() =>
        // Built here: attribute arguments cannot hold a lone surrogate.
        Assert.Equal("lone \\uD800 surrogate", PrintableText.OneLine("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void LongTextIsCutSayingHowLongItWas()
    {
        string line = PrintableText.OneLine(new string('x', 26_000), maxLength: 50);

        Assert.Equal(new string('x', 50) + "... (cut, 26000 characters in all)", line);
    }

    [Fact]
    public void TextAtTheBoundIsNotCut() => Assert.Equal(new string('y', 50), PrintableText.OneLine(new string('y', 50), maxLength: 50));
}
