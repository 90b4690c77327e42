namespace ClcNet.Testing;

/// <summary>Data committed with the tests and copied next to them (see tests/data).</summary>
public static class TestData
{
    /// <summary>The Fashion-MNIST subset: 2000 training and 500 test images (tests/data/fashion-mnist-subset).</summary>
    public static string FashionMnistSubset => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-subset");
}
