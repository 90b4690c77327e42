using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Optimization;

/// <summary>
/// The reference optimiser (docs/clcnet.md#training-recipe): SGD with Nesterov momentum, dampening 0 and
/// weight decay on every parameter, BatchNorm and biases included. TorchSharp's SGD takes the same step as
/// PyTorch's and Torch7's <c>optim.sgd</c>: <c>g = grad + wd * w</c>; <c>buf = g</c> on the first step,
/// else <c>buf = momentum * buf + g</c>; <c>w -= lr * (g + momentum * buf)</c>.
/// </summary>
public static class ReferenceSgd
{
    private const double Dampening = 0;
    private const bool Nesterov = true;

    /// <summary>Creates the optimiser over <paramref name="parameters"/>, all in one group.</summary>
    public static SGD Create(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay) =>
        optim.SGD(parameters, learningRate, momentum, Dampening, weightDecay, Nesterov);

    /// <summary>
    /// Sets the momentum and weight decay of every parameter group, with the reference's dampening and Nesterov.
    /// Needed after <c>load_state_dict</c>, which brings back the settings the state was saved with.
    /// </summary>
    public static void SetMomentumAndWeightDecay(SGD optimizer, double momentum, double weightDecay)
    {
        foreach (SGD.ParamGroup group in optimizer.ParamGroups)
        {
            group.Options.momentum = momentum;
            group.Options.weight_decay = weightDecay;
            group.Options.dampening = Dampening;
            group.Options.nesterov = Nesterov;
        }
    }

    /// <summary>Sets the learning rate of every parameter group (the schedule changes it every iteration).</summary>
    public static void SetLearningRate(SGD optimizer, double learningRate)
    {
        foreach (optim.ILearningRateController group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }
}
