using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Optimization;

/// <summary>
/// The reference optimiser (clcnet-reference.md, section 5): SGD with Nesterov momentum, dampening 0 and
/// weight decay on every parameter, BatchNorm and biases included. TorchSharp's SGD takes the same step as
/// PyTorch's and Torch7's <c>optim.sgd</c>: <c>g = grad + wd * w</c>; <c>buf = g</c> on the first step,
/// else <c>buf = momentum * buf + g</c>; <c>w -= lr * (g + momentum * buf)</c>.
/// </summary>
public static class ReferenceSgd
{
    /// <summary>Creates the optimiser over <paramref name="parameters"/>, all in one group.</summary>
    public static SGD Create(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay) =>
        optim.SGD(parameters, learningRate, momentum, dampening: 0, weight_decay: weightDecay, nesterov: true);

    /// <summary>Sets the learning rate of every parameter group (the schedule changes it every iteration).</summary>
    public static void SetLearningRate(SGD optimizer, double learningRate)
    {
        foreach (optim.ILearningRateController group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }
}
