using ClcNet.Interop.Torch7;

namespace ClcNet.Interop.Tests.Torch7;

public sealed class Ilsvrc2012ClassesTests
{
    [Fact]
    public void There_are_1000_distinct_names()
    {
        Assert.Equal(1000, Ilsvrc2012Classes.Names.Count);
        Assert.Equal(1000, Ilsvrc2012Classes.Names.Distinct().Count());
        Assert.All(Ilsvrc2012Classes.Names, name => Assert.False(string.IsNullOrWhiteSpace(name) || name != name.Trim()));
    }

    // Class indices as the sorted synset ids give them (n01440764 is 0, n02099601 207, n02123045 281, ...).
    [Theory]
    [InlineData(0, "tench")]
    [InlineData(207, "golden retriever")]
    [InlineData(281, "tabby")]
    [InlineData(409, "analog clock")]
    [InlineData(817, "sports car")]
    [InlineData(999, "toilet tissue")]
    public void Names_are_in_the_class_order_of_fb_resnet_torch(int index, string name) => Assert.Equal(name, Ilsvrc2012Classes.Names[index]);
}
