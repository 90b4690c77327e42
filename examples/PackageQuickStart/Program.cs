// The ClcNet package as a user gets it: declare clcNet-A with [ClcNet(...)], check the generated parameter count
// against the network's own parameters, and classify one random 224x224 image.
using ClcNet;
using TorchSharp;
using static TorchSharp.torch;

manual_seed(0);
using var network = new MyNet();
network.eval();
long counted = network.parameters().Sum(parameter => parameter.numel());
Console.WriteLine($"MyNet.ParameterCount = {MyNet.ParameterCount:N0} (compile-time constant), {counted:N0} in the module");

using (no_grad())
{
    using Tensor logits = network.forward(randn(1, 3, 224, 224));
    Console.WriteLine($"logits: [{string.Join(", ", logits.shape)}], top class {logits.argmax(1).item<long>()}");
}

/// <summary>clcNet-A: the generator writes the rest of this class.</summary>
[ClcNet(1, 1, 5, 2)]
public partial class MyNet;
