// Declare a network with [ClcNet(...)], print its layer plan, and take one SGD step on random data.
using ClcNet;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

torch.manual_seed(0);
Console.Write(Summary.Format(LayerPlan.For(FashionNet.Spec)));
Console.WriteLine($"FashionNet.ParameterCount = {FashionNet.ParameterCount:N0} (a compile-time constant)");

using var network = new FashionNet();
network.train();
// The reference recipe (docs/clcnet.md#training-recipe): SGD, Nesterov momentum 0.9, weight decay 1e-4,
// learning rate 0.1 at batch size 256, scaled linearly to this batch.
const int batchSize = 8;
using SGD optimizer = optim.SGD(network.parameters(), learningRate: 0.1 * batchSize / 256, momentum: 0.9, nesterov: true, weight_decay: 1e-4);

using Tensor images = randn(batchSize, 1, 28, 28);
using Tensor labels = randint(0, 10, [batchSize]);
optimizer.zero_grad();
using Tensor logits = network.forward(images);
using Tensor loss = nn.functional.cross_entropy(logits, labels);
loss.backward();
optimizer.step();

// Still in training mode: the loss after the step uses batch statistics, as the loss the step minimised did.
using (no_grad())
{
    using Tensor logitsAfter = network.forward(images);
    using Tensor lossAfter = nn.functional.cross_entropy(logitsAfter, labels);
    Console.WriteLine($"One SGD step on a random batch of {batchSize}: loss {loss.item<float>():F4} -> {lossAfter.item<float>():F4}");
}

/// <summary>A clcNet for 28x28 grayscale images in 10 classes: the generator writes the rest of this class.</summary>
[ClcNet(1, 1, 1, 1, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1)]
public partial class FashionNet;
