namespace ClcNet.Generators.UsageTests;

/// <summary>clcNet-A, declared as a user would.</summary>
[ClcNet(1, 1, 5, 2)]
public partial class MyNet { }

/// <summary>A small clcNet for 28x28 grayscale images in 10 classes (Fashion-MNIST sized).</summary>
[ClcNet(1, 1, 1, 1, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1)]
public partial class FashionNet { }

/// <summary>A network registered under a name of its own, declared internal as most application networks are.</summary>
[ClcNet(0, 0, 0, 0, Classes = 3, InputSize = 32, Name = "tiny-net")]
internal partial class TinyNet { }
