namespace ClcNet.Interop.Torch7;

/// <summary>
/// Maps the module tree of an original clcNet <c>.t7</c> file (clcnet.torch's <c>models/clcnet.lua</c>, saved by
/// fb.resnet.torch) to a <see cref="ClcNetSpec"/> and the weights under our parameter and buffer names.
/// </summary>
/// <remarks>
/// The containers (<c>nn.Sequential</c>, one per block, and an optional <c>nn.DataParallelTable</c>) are
/// flattened into the list of layers; the spec is read from those layers; then each layer is checked
/// against the <see cref="LayerPlan"/> of that spec, in order, so the one place that says what clcNet is
/// also decides what a clcNet file must hold. Fields the computation does not depend on (gradients, outputs,
/// cudnn descriptors, <c>train</c>, ...) are ignored, in any order. Two things are folded so that inference
/// gives the same result: a convolution bias (old cudnn) into the running mean of the batch norm after it,
/// and a batch-norm eps other than ours into its running variance.
/// </remarks>
internal static class Torch7ClcNetMapper
{
    private const string SequentialClass = "nn.Sequential";
    private const string DataParallelClass = "nn.DataParallelTable";
    private const string ViewClass = "nn.View";
    private const string LinearClass = "nn.Linear";
    private const string InterlaceClass = "nn_plus.ChannelInterlace";

    // The first of each list is the class the original writes; it is the one messages name.
    private static readonly string[] ConvolutionClasses = ["cudnn.SpatialConvolution", "nn.SpatialConvolution", "nn.SpatialConvolutionMM"];
    private static readonly string[] BatchNormClasses = ["nn.SpatialBatchNormalization", "cudnn.SpatialBatchNormalization"];
    private static readonly string[] ReLUClasses = ["cudnn.ReLU", "nn.ReLU"];
    private static readonly string[] PoolingClasses = ["cudnn.SpatialAveragePooling", "nn.SpatialAveragePooling"];

    // Our BatchNorm's eps (docs/clcnet.md#initialisation); files with another eps are folded into it.
    private const double OurEps = 1e-5;

    /// <summary>The spec and the weights under our names (<c>stem.conv.weight</c>, <c>stage1.block0.bn1.running_var</c>, ...).</summary>
    public sealed record Result(ClcNetSpec Spec, IReadOnlyDictionary<string, HostTensor> Weights);

    /// <summary>A tensor's elements (row-major) and shape, before it becomes a TorchSharp tensor.</summary>
    public sealed record HostTensor(Array Values, long[] Shape);

    /// <summary>Maps the object read from a Torch7 file.</summary>
    /// <param name="root">What <see cref="Torch7Reader"/> read.</param>
    /// <param name="fileName">Names the file in messages.</param>
    /// <param name="fileLength">The file's size, which bounds the weights it can hold.</param>
    /// <param name="inputSize">The input side the network runs at; null for the largest its pooling fits (224 for the published models).</param>
    /// <exception cref="Torch7ModelException">The tree is not a clcNet.</exception>
    public static Result Map(object? root, string fileName, long fileLength, int? inputSize)
    {
        List<Torch7Layer> layers = Flatten(root, fileName);
        ClcNetSpec spec = ReadSpec(layers, inputSize);
        if (spec.FirstError() is SpecProblem problem)
        {
            throw new Torch7ModelException(fileName, Torch7Path.Root, $"its layers describe {spec}, which is not a valid clcNet: {problem.Message}");
        }
        var plan = LayerPlan.For(spec);
        long elements = plan.Parameters + plan.Layers.Where(layer => layer.Kind == LayerKind.BatchNorm).Sum(layer => 2L * layer.OutChannels);
        if (elements > fileLength)
        {
            // Only a file whose modules share their weights can describe more weights than it has bytes.
            throw new Torch7ModelException(fileName, Torch7Path.Root,
                $"its layers describe {spec} with {elements} weights, more than the {fileLength} bytes of the file can hold (modules sharing one weight tensor?)");
        }
        return new Result(spec, new LayerMatcher(layers, plan, fileName).Match());
    }

    private static List<Torch7Layer> Flatten(object? root, string fileName)
    {
        if (root is not Torch7Object { ClassName: SequentialClass or DataParallelClass })
        {
            throw new Torch7ModelException(fileName, Torch7Path.Root,
                $"expected {SequentialClass} (a clcNet as fb.resnet.torch saves it), found {Torch7Reader.Describe(root)}");
        }
        var layers = new List<Torch7Layer>();
        var seen = new Dictionary<Torch7Object, Torch7Path>(ReferenceEqualityComparer.Instance);
        AddLayers((Torch7Object)root, Torch7Path.Root, fileName, layers, seen);
        return layers;
    }

    // Depth-first, in forward order. A module met twice (shared, or a container holding itself) is refused:
    // every layer of a clcNet is its own module.
    private static void AddLayers(Torch7Object module, Torch7Path path, string fileName, List<Torch7Layer> layers,
        Dictionary<Torch7Object, Torch7Path> seen)
    {
        if (!seen.TryAdd(module, path))
        {
            throw new Torch7ModelException(fileName, path, $"the same {module.ClassName} as {seen[module]}: every layer of a clcNet is its own module");
        }
        if (module.ClassName is not (SequentialClass or DataParallelClass))
        {
            layers.Add(new Torch7Layer(module, path, fileName));
            return;
        }
        Torch7Path modulesPath = path.Child("modules");
        if (module["modules"] is not Torch7Table { Count: > 0 } modules || !modules.IsList())
        {
            string found = module["modules"] is Torch7Table table
                ? table.Count == 0 ? "an empty table" : $"a table whose keys are not 1 to {table.Count}"
                : Torch7Reader.Describe(module["modules"]);
            throw new Torch7ModelException(fileName, modulesPath, $"expected the {module.ClassName}'s list of modules, found {found}");
        }
        // A DataParallelTable holds its network once (replicas are not saved); clcNet needs only the first.
        int count = module.ClassName == DataParallelClass ? 1 : modules.Count;
        for (int i = 1; i <= count; i++)
        {
            Torch7Path childPath = modulesPath.Child((double)i);
            if (modules[i] is not Torch7Object child)
            {
                throw new Torch7ModelException(fileName, childPath, $"expected a module, found {Torch7Reader.Describe(modules[i])}");
            }
            AddLayers(child, childPath, fileName, layers, seen);
        }
    }

    // Reads the spec off the layers without judging them; the layer-by-layer match does the judging, with
    // messages that name the layer. Anything unreadable here falls back to the published network's value.
    private static ClcNetSpec ReadSpec(List<Torch7Layer> layers, int? inputSize)
    {
        ClcNetSpec defaults = ClcNetSpec.A;
        var convolutions = layers.Where(layer => ConvolutionClasses.Contains(layer.ClassName)).ToList();
        Torch7Layer? stem = convolutions.FirstOrDefault();
        var pointwise = convolutions.Where(conv => conv.IntegerOrNull("kW") == 1).ToList();
        Torch7Layer? firstBlock3x3 = convolutions.Skip(1).FirstOrDefault(conv => conv.IntegerOrNull("kW") == 3);

        int inputChannels = stem?.IntegerOrNull("nInputPlane") ?? defaults.InputChannels;
        int stemStride = stem?.IntegerOrNull("dW") ?? defaults.StemStride;
        int groupSize3x3 = firstBlock3x3 is not null && firstBlock3x3.IntegerOrNull("nInputPlane") is int channels &&
            firstBlock3x3.IntegerOrNull("groups") is int groups and > 0 && channels % groups == 0
            ? channels / groups
            : defaults.GroupSize3x3;
        int pointwiseGroups = pointwise.FirstOrDefault()?.IntegerOrNull("groups") ?? defaults.PointwiseGroups;
        int ExtraBlocks(int stage) =>
            Math.Max(0, pointwise.Count(conv => conv.IntegerOrNull("nOutputPlane") == LayerPlan.StageOutputChannels(stage)) - 1);
        int classes = layers.LastOrDefault(layer => layer.ClassName == LinearClass)?.OptionalTensor("weight") is { Sizes.Count: 2 } weight &&
            weight.Sizes[0] <= int.MaxValue
            ? (int)weight.Sizes[0]
            : defaults.Classes;
        // 2 for the stem and 2 for each of stages 1 to 4: the largest input that leaves a kW x kW map is kW * stride * 16.
        int? poolSize = layers.FirstOrDefault(layer => PoolingClasses.Contains(layer.ClassName))?.IntegerOrNull("kW");
        int size = inputSize ?? (poolSize is > 0 and <= 4096 && stemStride is > 0 and <= 16 ? poolSize.Value * stemStride * 16 : defaults.InputSize);
        return new ClcNetSpec(ExtraBlocks(1), ExtraBlocks(2), ExtraBlocks(3), ExtraBlocks(4), classes, inputChannels, size,
            stemStride, groupSize3x3, pointwiseGroups);
    }

    /// <summary>Walks the file's layers and the plan's together, checking each and collecting its weights.</summary>
    private sealed class LayerMatcher(List<Torch7Layer> layers, LayerPlan plan, string fileName)
    {
        private readonly Dictionary<string, HostTensor> weights = [];
        private int next;

        // A convolution bias (files from cudnn before v4 keep one) waits for the batch norm that follows.
        private float[]? pendingBias;

        public IReadOnlyDictionary<string, HostTensor> Match()
        {
            foreach (PlannedLayer planned in plan.Layers)
            {
                if (planned.Kind == LayerKind.Linear)
                {
                    CheckView(Take($"the flattening before {planned.Name}", ViewClass));
                }
                switch (planned.Kind)
                {
                    case LayerKind.Convolution:
                        AddConvolution(Take(planned.Name, ConvolutionClasses), planned);
                        break;
                    case LayerKind.BatchNorm:
                        AddBatchNorm(Take(planned.Name, BatchNormClasses), planned);
                        break;
                    case LayerKind.Interlace:
                        CheckInterlace(Take(planned.Name, InterlaceClass), planned);
                        break;
                    case LayerKind.ReLU:
                        CheckReLU(Take(planned.Name, ReLUClasses));
                        break;
                    case LayerKind.AveragePool:
                        CheckPooling(Take(planned.Name, PoolingClasses), planned);
                        break;
                    case LayerKind.Linear:
                        AddLinear(Take(planned.Name, LinearClass), planned);
                        break;
                }
            }
            if (next < layers.Count)
            {
                throw layers[next].Error($"unexpected {layers[next].ClassName} after head.fc, the last layer of a clcNet");
            }
            return weights;
        }

        private Torch7Layer Take(string plannedName, params string[] classes)
        {
            if (next >= layers.Count)
            {
                throw new Torch7ModelException(fileName, Torch7Path.Root,
                    $"the network ends after {layers[^1].Path} ({layers[^1].ClassName}); expected {classes[0]} ({plannedName}) next");
            }
            Torch7Layer layer = layers[next++];
            return classes.Contains(layer.ClassName)
                ? layer
                : throw layer.Error($"expected {classes[0]} ({plannedName}), found {layer.ClassName}");
        }

        private void AddConvolution(Torch7Layer conv, PlannedLayer planned)
        {
            int padding = planned.KernelSize / 2;
            Expect(conv, planned, "nInputPlane", conv.Integer("nInputPlane"), planned.InChannels);
            Expect(conv, planned, "nOutputPlane", conv.Integer("nOutputPlane"), planned.OutChannels);
            Expect(conv, planned, "kW", conv.Integer("kW"), planned.KernelSize);
            Expect(conv, planned, "kH", conv.Integer("kH"), planned.KernelSize);
            Expect(conv, planned, "dW", conv.Integer("dW", 1), planned.Stride);
            Expect(conv, planned, "dH", conv.Integer("dH", 1), planned.Stride);
            // Old nn files keep one `padding` for both sides.
            int legacyPadding = conv.Integer("padding", 0);
            Expect(conv, planned, "padW", conv.Integer("padW", legacyPadding), padding);
            Expect(conv, planned, "padH", conv.Integer("padH", legacyPadding), padding);
            Expect(conv, planned, "groups", conv.Integer("groups", 1), planned.Groups);
            long inPerGroup = planned.InChannels / planned.Groups;
            long[] shape = [planned.OutChannels, inPerGroup, planned.KernelSize, planned.KernelSize];
            // nn.SpatialConvolutionMM and old nn files store the weight as [out, in * kH * kW].
            float[] weight = conv.Values("weight", shape, [planned.OutChannels, inPerGroup * planned.KernelSize * planned.KernelSize]);
            weights[$"{planned.Name}.weight"] = new HostTensor(weight, shape);
            Torch7Tensor? bias = conv.OptionalTensor("bias");
            pendingBias = bias is null ? null : conv.Values("bias", bias, [planned.OutChannels]);
        }

        private void AddBatchNorm(Torch7Layer bn, PlannedLayer planned)
        {
            long[] shape = [planned.OutChannels];
            double eps = bn.Number("eps", OurEps);
            float[] mean = bn.Values("running_mean", shape);
            float[] variance = bn.OptionalTensor("running_var") is not null || bn.OptionalTensor("running_std") is null
                ? bn.Values("running_var", shape)
                : VarianceFromStd(bn.Values("running_std", shape), eps);
            for (int c = 0; c < variance.Length; c++)
            {
                // Same normalisation: (x - mean) / sqrt(var + eps) == (x - mean) / sqrt((var + eps - ourEps) + ourEps).
                double folded = variance[c] + eps - OurEps;
                if (!(variance[c] + eps > 0))
                {
                    throw bn.FieldError("running_var", $"running_var + eps is {variance[c] + eps} for channel {c + 1}; it must be positive");
                }
                variance[c] = (float)folded;
                if (pendingBias is not null)
                {
                    // BN(conv(x) + b) normalises conv(x) - (mean - b).
                    mean[c] -= pendingBias[c];
                }
            }
            pendingBias = null;
            // An nn batch norm made with affine = false has no weight and bias: scale 1, shift 0.
            float[] weight = bn.OptionalTensor("weight") is null ? Filled(planned.OutChannels, 1) : bn.Values("weight", shape);
            float[] bias = bn.OptionalTensor("bias") is null ? Filled(planned.OutChannels, 0) : bn.Values("bias", shape);
            weights[$"{planned.Name}.weight"] = new HostTensor(weight, shape);
            weights[$"{planned.Name}.bias"] = new HostTensor(bias, shape);
            weights[$"{planned.Name}.running_mean"] = new HostTensor(mean, shape);
            weights[$"{planned.Name}.running_var"] = new HostTensor(variance, shape);
            weights[$"{planned.Name}.num_batches_tracked"] = new HostTensor(new long[] { 0 }, []);
        }

        // nn before BatchNormalization version 2 kept running_std = 1 / sqrt(var + eps); its own reader converts it like this.
        private static float[] VarianceFromStd(float[] std, double eps) =>
            std.Select(s => (float)(1.0 / ((double)s * s) - eps)).ToArray();

        private static void CheckInterlace(Torch7Layer interlace, PlannedLayer planned)
        {
            Expect(interlace, planned, "channel", interlace.Integer("channel"), planned.InChannels);
            Expect(interlace, planned, "group", interlace.Integer("group"), planned.Groups);
            long channels = planned.InChannels, groups = planned.Groups, groupSize = channels / groups;
            // ChannelInterlace.lua's 1-based indices: out[p] = in[f_idx[p]] and its inverse b_idx; with 0-based
            // p = j*g + i, f_idx[p] = i*s + j + 1 (docs/clcnet.md#interlace).
            CheckIndices(interlace, "f_idx", channels, p => p % groups * groupSize + p / groups + 1);
            CheckIndices(interlace, "b_idx", channels, q => q % groupSize * groups + q / groupSize + 1);
        }

        private static void CheckIndices(Torch7Layer interlace, string field, long channels, Func<long, long> expected)
        {
            if (interlace.OptionalTensor(field) is not Torch7Tensor tensor)
            {
                return;
            }
            float[] indices = interlace.Values(field, tensor, [channels]);
            for (int p = 0; p < indices.Length; p++)
            {
                if (indices[p] != expected(p))
                {
                    throw interlace.FieldError(field,
                        $"entry {p + 1} is {indices[p]}, expected {expected(p)}: not the interlace of {channels} channels in {interlace.Integer("group")} groups");
                }
            }
        }

        private static void CheckReLU(Torch7Layer relu)
        {
            // nn.ReLU is nn.Threshold(0, 0); anything else is another function.
            if (relu.Number("threshold", 0) != 0 || relu.Number("val", 0) != 0)
            {
                throw relu.Error($"a threshold of {relu.Number("threshold", 0)} (value {relu.Number("val", 0)}) is not a ReLU");
            }
        }

        private void CheckPooling(Torch7Layer pool, PlannedLayer planned)
        {
            int kW = pool.Integer("kW"), kH = pool.Integer("kH");
            if (kW != planned.KernelSize || kH != planned.KernelSize)
            {
                throw pool.Error($"head.pool averages {kW}x{kH}, but a {plan.Spec.InputSize}x{plan.Spec.InputSize} input leaves a {planned.KernelSize}x{planned.KernelSize} map: " +
                    "pass the input size the model was trained for (the pooling covers the whole map)");
            }
            Expect(pool, planned, "padW", pool.Integer("padW", 0), 0);
            Expect(pool, planned, "padH", pool.Integer("padH", 0), 0);
            if (!pool.Boolean("divide", true))
            {
                throw pool.FieldError("divide", "false makes it a sum, not an average");
            }
        }

        private static void CheckView(Torch7Layer view)
        {
            long features = LayerPlan.FeatureChannels;
            double[] size = view.Module["size"] is Torch7Storage storage && storage.Count <= 8 ? storage.ToDoubleArray() : [];
            bool flattens = size is [var only] ? only == features || only == -1 : view.IntegerOrNull("numElements") == features;
            if (!flattens)
            {
                throw view.Error($"expected nn.View({features}) flattening the pooled features, found a view to [{string.Join(", ", size)}]");
            }
        }

        private void AddLinear(Torch7Layer linear, PlannedLayer planned)
        {
            long[] shape = [planned.OutChannels, planned.InChannels];
            weights[$"{planned.Name}.weight"] = new HostTensor(linear.Values("weight", shape), shape);
            float[] bias = linear.OptionalTensor("bias") is null ? Filled(planned.OutChannels, 0) : linear.Values("bias", [planned.OutChannels]);
            weights[$"{planned.Name}.bias"] = new HostTensor(bias, [planned.OutChannels]);
        }

        private static void Expect(Torch7Layer layer, PlannedLayer planned, string field, int actual, int expected)
        {
            if (actual != expected)
            {
                throw layer.FieldError(field, $"{planned.Name} needs {field} = {expected}, found {actual}");
            }
        }

        private static float[] Filled(int length, float value) => Enumerable.Repeat(value, length).ToArray();
    }
}
