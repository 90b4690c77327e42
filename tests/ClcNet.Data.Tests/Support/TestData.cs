namespace ClcNet.Data.Tests.Support;

/// <summary>The committed Fashion-MNIST subset (tests/data/fashion-mnist-subset, copied next to the tests).</summary>
internal static class TestData
{
    public static string FashionMnistSubset => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-subset");
}
