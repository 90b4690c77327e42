using ClcNet.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Optimization;

public sealed class ReferenceSgdTests
{
    [Fact]
    public void TakesTheHandComputedNesterovSteps()
    {
        // w0 = (1, -2), momentum 0.9, weight decay 0.01; loss_k = c_k . w so grad = c_k.
        // Step 1 (lr 0.1, c = (0.5, 1.5)): g = c + 0.01 w0 = (0.51, 1.48); buf = g;
        //   w1 = w0 - 0.1 (g + 0.9 buf) = (0.9031, -2.2812).
        // Step 2 (lr 0.05, c = (-1, 2)): g = c + 0.01 w1 = (-0.990969, 1.977188);
        //   buf = 0.9 buf + g = (-0.531969, 3.309188); w2 = w1 - 0.05 (g + 0.9 buf) = (0.976587055, -2.52897286).
        using var weight = new Parameter(tensor(new[] { 1.0, -2.0 }, float64));
        using SGD optimizer = ReferenceSgd.Create([weight], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01);

        Step(optimizer, weight, [0.5, 1.5]);
        AssertValues([0.9031, -2.2812], weight);
        AssertValues([0.51, 1.48], MomentumBuffer(optimizer));

        ReferenceSgd.SetLearningRate(optimizer, 0.05);
        Step(optimizer, weight, [-1.0, 2.0]);
        AssertValues([0.976587055, -2.52897286], weight);
        AssertValues([-0.531969, 3.309188], MomentumBuffer(optimizer));
    }

    [Fact]
    public void DecaysEveryParameterIncludingBatchNormAndBiases()
    {
        // With a zero gradient the first step is w - lr (wd w + 0.9 wd w) = w (1 - lr * wd * 1.9).
        using Sequential network = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2));
        using (no_grad())
        {
            foreach (Parameter parameter in network.parameters())
            {
                parameter.fill_(2.0);
            }
        }
        using SGD optimizer = ReferenceSgd.Create(network.parameters(), learningRate: 0.5, momentum: 0.9, weightDecay: 0.1);
        using (Tensor zero = network.parameters().Select(p => p.sum() * 0).Aggregate((a, b) => a + b))
        {
            zero.backward();
        }
        optimizer.step();

        foreach ((string? name, Parameter? parameter) in network.named_parameters())
        {
            Assert.True(parameter.allclose(full_like(parameter, 2.0 * (1 - 0.5 * 0.1 * 1.9))), $"{name} was not decayed");
        }
        Assert.Equal(4, network.named_parameters().Count());
    }

    private static void Step(SGD optimizer, Parameter weight, double[] coefficients)
    {
        optimizer.zero_grad();
        using Tensor loss = (weight * tensor(coefficients, float64)).sum();
        loss.backward();
        optimizer.step();
    }

    private static Tensor MomentumBuffer(SGD optimizer) =>
        ((SGD.State)optimizer.state_dict().State.Single()).momentum_buffer;

    private static void AssertValues(double[] expected, Tensor actual)
    {
        double[] values = actual.data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], values[i], 12);
        }
    }
}
