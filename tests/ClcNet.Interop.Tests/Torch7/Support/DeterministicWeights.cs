namespace ClcNet.Interop.Tests.Torch7.Support;

/// <summary>
/// The weights and input of make_reference.py, drawn from the same 32-bit linear congruential generator
/// in the same order with the same double arithmetic, so both sides hold the same float32 numbers.
/// </summary>
internal static class DeterministicWeights
{
    public static (IReadOnlyList<(string Name, float[] Values, long[] Shape)> Weights, float[] Input) For(ClcNetSpec spec, uint seed, int batch)
    {
        var random = new Lcg(seed);
        var weights = new List<(string, float[], long[])>();
        foreach (PlannedLayer layer in LayerPlan.For(spec).Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Convolution:
                    int fanIn = layer.InChannels / layer.Groups * layer.KernelSize * layer.KernelSize;
                    weights.Add(($"{layer.Name}.weight", random.Draw(layer.OutChannels * fanIn, u => (2.0 * u - 1.0) * Math.Sqrt(3.0 / fanIn)),
                        [layer.OutChannels, layer.InChannels / layer.Groups, layer.KernelSize, layer.KernelSize]));
                    break;
                case LayerKind.BatchNorm:
                    long[] channels = [layer.OutChannels];
                    weights.Add(($"{layer.Name}.weight", random.Draw(layer.OutChannels, u => 0.5 + u), channels));
                    weights.Add(($"{layer.Name}.bias", random.Draw(layer.OutChannels, u => 0.4 * u - 0.2), channels));
                    weights.Add(($"{layer.Name}.running_mean", random.Draw(layer.OutChannels, u => 0.4 * u - 0.2), channels));
                    weights.Add(($"{layer.Name}.running_var", random.Draw(layer.OutChannels, u => 0.5 + u), channels));
                    break;
                case LayerKind.Linear:
                    weights.Add(($"{layer.Name}.weight", random.Draw(layer.OutChannels * layer.InChannels, u => (2.0 * u - 1.0) * Math.Sqrt(3.0 / 1024)),
                        [layer.OutChannels, layer.InChannels]));
                    weights.Add(($"{layer.Name}.bias", random.Draw(layer.OutChannels, u => 0.2 * u - 0.1), [layer.OutChannels]));
                    break;
            }
        }
        float[] input = random.Draw(batch * spec.InputChannels * spec.InputSize * spec.InputSize, u => 2.0 * u - 1.0);
        return (weights, input);
    }

    private sealed class Lcg(uint state)
    {
        public float[] Draw(int count, Func<double, double> value)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++)
            {
                state = unchecked(state * 1664525u + 1013904223u);
                values[i] = (float)value((state >> 8) / 16777216.0);
            }
            return values;
        }
    }
}
