namespace ClcNet.Testing.Torch7;

/// <summary>How a clcNet .t7 file is encoded: the ways the original's files and hand-saved ones differ.</summary>
internal sealed record Torch7Encoding(string Name)
{
    /// <summary>Class of every weight tensor: torch.FloatTensor (fb.resnet.torch saves :float()), torch.CudaTensor, torch.DoubleTensor.</summary>
    public string TensorClass { get; init; } = "torch.FloatTensor";

    /// <summary>Class of the interlace's f_idx and b_idx: torch.LongTensor as made, or what :float() / :cuda() turned them into.</summary>
    public string IndexClass { get; init; } = "torch.LongTensor";

    /// <summary>Batch norms as nn before version 2 saved them: running_std = 1 / sqrt(var + eps), class version 1.</summary>
    public bool RunningStd { get; init; }

    /// <summary>Parameters and gradients as views at offsets into two flat storages, as getParameters() leaves them.</summary>
    public bool FlatStorage { get; init; }

    /// <summary>The network inside an nn.DataParallelTable (version 3, with a threads impl holding a Lua function).</summary>
    public bool DataParallel { get; init; }

    /// <summary>Table entries in an order drawn from this seed.</summary>
    public int? ShuffleSeed { get; init; }

    /// <summary>Class names without V n versions.</summary>
    public bool LegacyHeaders { get; init; }

    /// <summary>nn.SpatialConvolution, cudnn.SpatialBatchNormalization, nn.ReLU and nn.SpatialAveragePooling (a cudnn.convert(net, nn) file, one BN converted back).</summary>
    public bool NnClasses { get; init; }

    /// <summary>A bias on every convolution (cudnn before v4), balanced by the running mean of the batch norm after it.</summary>
    public bool ConvolutionBias { get; init; }

    /// <summary>The batch norms' eps, balanced by their running variances.</summary>
    public double Eps { get; init; } = 1e-5;

    /// <summary>The classifier weight as a transposed (strided) view of its storage.</summary>
    public bool TransposedClassifier { get; init; }

    public override string ToString() => Name;
}

/// <summary>
/// Builds the module tree that clcnet.torch's models/clcnet.lua makes and fb.resnet.torch saves (nested
/// nn.Sequential per block, cudnn convolutions, nn_plus.ChannelInterlace, gradients and bookkeeping
/// fields) holding a network's weights (<see cref="INetworkWeights"/>), in a given <see cref="Torch7Encoding"/>.
/// </summary>
internal sealed class ClcNetTorch7File
{
    private readonly Torch7Encoding encoding;
    private readonly LayerPlan plan;
    private readonly Dictionary<string, (float[] Values, long[] Shape)> weights;
    private readonly Dictionary<string, long> flatOffsets = [];
    private readonly TorchStorage? flatParameters;
    private readonly TorchStorage? flatGradients;

    private ClcNetTorch7File(INetworkWeights model, Torch7Encoding encoding)
    {
        this.encoding = encoding;
        plan = LayerPlan.For(model.Spec);
        weights = model.Weights.ToDictionary(weight => weight.Name, weight => (weight.Values, weight.Shape));
        if (encoding.FlatStorage)
        {
            var flat = new List<double>();
            foreach (string name in ParameterOrder())
            {
                flatOffsets[name] = flat.Count;
                flat.AddRange(StoredOrder(name).Select(value => (double)value));
            }
            string storageClass = TorchStorage.ClassFor(encoding.TensorClass);
            flatParameters = TorchStorage.Of(storageClass, flat);
            flatGradients = TorchStorage.Of(storageClass, new double[flat.Count]);
        }
    }

    /// <summary>The bytes of the .t7 file.</summary>
    public static byte[] Bytes(INetworkWeights model, Torch7Encoding encoding) => Writer(model, encoding).Bytes;

    /// <summary>The writer that wrote the file, with where it wrote counts and numbers (for fuzzing).</summary>
    public static Torch7Writer Writer(INetworkWeights model, Torch7Encoding encoding) =>
        Torch7Writer.Writer(Root(model, encoding), encoding.ShuffleSeed, encoding.LegacyHeaders);

    /// <summary>The saved object: the nn.Sequential, or the nn.DataParallelTable around it.</summary>
    public static TorchObject Root(INetworkWeights model, Torch7Encoding encoding)
    {
        var file = new ClcNetTorch7File(model, encoding);
        TorchObject network = file.Network();
        return encoding.DataParallel ? DataParallelTable(network) : network;
    }

    /// <summary>The nn.Sequential: stem layers, one nested nn.Sequential per block, then pool, view, linear.</summary>
    private TorchObject Network()
    {
        var modules = new List<object?>();
        IReadOnlyList<PlannedLayer> layers = plan.Layers;
        modules.AddRange(layers.Take(3).Select(Module));
        foreach (PlannedBlock block in plan.Blocks)
        {
            modules.Add(Sequential(block.Layers.Select(Module)));
        }
        modules.Add(Module(layers[^2]));
        modules.Add(Torch7Module("nn.View", new LuaTable
        {
            ["size"] = TorchStorage.Of("torch.LongStorage", [1024]),
            ["numElements"] = 1024,
            ["numInputDims"] = 3,
        }));
        modules.Add(Module(layers[^1]));
        return Sequential(modules);
    }

    private TorchObject Module(PlannedLayer layer) => layer.Kind switch
    {
        LayerKind.Convolution => Convolution(layer),
        LayerKind.BatchNorm => BatchNorm(layer),
        LayerKind.Interlace => Interlace(layer),
        LayerKind.ReLU => encoding.NnClasses
            ? Torch7Module("nn.ReLU", new LuaTable { ["threshold"] = 0, ["val"] = 0, ["inplace"] = true })
            : Torch7Module("cudnn.ReLU", new LuaTable { ["inplace"] = true, ["mode"] = "CUDNN_ACTIVATION_RELU" }),
        LayerKind.AveragePool => Torch7Module(encoding.NnClasses ? "nn.SpatialAveragePooling" : "cudnn.SpatialAveragePooling", new LuaTable
        {
            ["kW"] = layer.KernelSize, ["kH"] = layer.KernelSize, ["dW"] = 1, ["dH"] = 1, ["padW"] = 0, ["padH"] = 0,
            ["ceil_mode"] = false, ["count_include_pad"] = true,
            ["iSize"] = TorchStorage.Of("torch.LongStorage", [0, 0, 0, 0]),
            ["mode"] = "CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING",
        }),
        _ => Linear(layer),
    };

    private TorchObject Convolution(PlannedLayer layer)
    {
        var fields = new LuaTable
        {
            ["nInputPlane"] = layer.InChannels, ["nOutputPlane"] = layer.OutChannels,
            ["kW"] = layer.KernelSize, ["kH"] = layer.KernelSize, ["dW"] = layer.Stride, ["dH"] = layer.Stride,
            ["padW"] = layer.KernelSize / 2, ["padH"] = layer.KernelSize / 2, ["groups"] = layer.Groups,
            ["weight"] = Parameter($"{layer.Name}.weight"), ["gradWeight"] = Gradient($"{layer.Name}.weight"),
            ["iSize"] = TorchStorage.Of("torch.LongStorage", [0, 0, 0, 0]),
            ["fmode"] = "CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM",
        };
        if (encoding.ConvolutionBias)
        {
            fields["bias"] = Parameter($"{layer.Name}.bias");
            fields["gradBias"] = Gradient($"{layer.Name}.bias");
        }
        return Torch7Module(encoding.NnClasses ? "nn.SpatialConvolution" : "cudnn.SpatialConvolution", fields);
    }

    private TorchObject BatchNorm(PlannedLayer layer)
    {
        string name = layer.Name;
        var fields = new LuaTable
        {
            ["weight"] = Parameter($"{name}.weight"), ["bias"] = Parameter($"{name}.bias"),
            ["gradWeight"] = Gradient($"{name}.weight"), ["gradBias"] = Gradient($"{name}.bias"),
            ["running_mean"] = Buffer(RunningMean(layer), layer.OutChannels),
            ["eps"] = encoding.Eps, ["momentum"] = 0.1, ["affine"] = true, ["nDim"] = 4,
            ["save_mean"] = TorchTensor.Empty(encoding.TensorClass), ["save_std"] = TorchTensor.Empty(encoding.TensorClass),
        };
        // Both balance the file's eps: the loader computes var = running_var + eps - 1e-5.
        float[] variance = weights[$"{name}.running_var"].Values.Select(v => (float)(v - (encoding.Eps - 1e-5))).ToArray();
        if (encoding.RunningStd)
        {
            fields["running_std"] = Buffer(variance.Select(v => (float)(1 / Math.Sqrt(v + encoding.Eps))).ToArray(), layer.OutChannels);
        }
        else
        {
            fields["running_var"] = Buffer(variance, layer.OutChannels);
        }
        // One batch norm class of the nn variant stays cudnn's, as a hand-converted model may leave it.
        string className = encoding.NnClasses && name == "stem.bn" ? "cudnn.SpatialBatchNormalization" : "nn.SpatialBatchNormalization";
        return Torch7Module(className, fields, version: encoding.RunningStd ? 1 : 2);
    }

    // With a convolution bias b in the file, the batch norm after it sees conv(x) + b: its mean moves by b.
    private float[] RunningMean(PlannedLayer layer)
    {
        float[] mean = weights[$"{layer.Name}.running_mean"].Values;
        string convolution = plan.Layers.TakeWhile(planned => planned != layer).Last(planned => planned.Kind == LayerKind.Convolution).Name;
        return encoding.ConvolutionBias ? mean.Zip(ConvolutionBias(convolution), (m, b) => m + b).ToArray() : mean;
    }

    private TorchObject Interlace(PlannedLayer layer)
    {
        long channels = layer.InChannels, groups = layer.Groups, size = channels / groups;
        // ChannelInterlace.lua's 1-based forward and backward indices.
        IEnumerable<double> forward = Enumerable.Range(0, (int)channels).Select(p => (double)(p % groups * size + p / groups + 1));
        IEnumerable<double> backward = Enumerable.Range(0, (int)channels).Select(q => (double)(q % size * groups + q / size + 1));
        return Torch7Module("nn_plus.ChannelInterlace", new LuaTable
        {
            ["channel"] = layer.InChannels, ["group"] = layer.Groups,
            ["f_idx"] = TorchTensor.Of(encoding.IndexClass, forward, channels),
            ["b_idx"] = TorchTensor.Of(encoding.IndexClass, backward, channels),
        });
    }

    private TorchObject Linear(PlannedLayer layer) => Torch7Module("nn.Linear", new LuaTable
    {
        ["weight"] = Parameter($"{layer.Name}.weight"), ["bias"] = Parameter($"{layer.Name}.bias"),
        ["gradWeight"] = Gradient($"{layer.Name}.weight"), ["gradBias"] = Gradient($"{layer.Name}.bias"),
    });

    /// <summary>What every nn.Module has besides its own fields (emptied by clearState), then the module.</summary>
    private TorchObject Torch7Module(string className, LuaTable fields, int version = 1)
    {
        fields["output"] = TorchTensor.Empty(encoding.TensorClass);
        fields["gradInput"] = TorchTensor.Empty(encoding.TensorClass);
        fields["train"] = false;
        fields["_type"] = encoding.TensorClass;
        return new TorchObject(className, fields, version);
    }

    private TorchObject Sequential(IEnumerable<object?> modules) =>
        Torch7Module("nn.Sequential", new LuaTable { ["modules"] = LuaTable.List(modules.ToArray()) });

    private static TorchObject DataParallelTable(TorchObject network)
    {
        var fields = new LuaTable
        {
            ["modules"] = LuaTable.List(network), ["gpuAssignments"] = LuaTable.List(1, 2), ["dimension"] = 1,
            ["flattenParams"] = true, ["usenccl"] = false, ["needsSync"] = false, ["typeStr"] = "torch.CudaTensor",
            ["inputGpu"] = new LuaTable(), ["outputGpu"] = new LuaTable(), ["gradInputGpu"] = new LuaTable(), ["gradOutputGpu"] = new LuaTable(),
        };
        var dataParallel = new TorchObject("nn.DataParallelTable", fields, Version: 3);
        // fb.resnet.torch's :threads(function() ... end): a Lua function the loader must step over, and a cycle back to the table.
        var initFunction = new LuaFunction("\u001bLJ\u0001\u0000local cudnn = require 'cudnn'"u8.ToArray(), LuaTable.List());
        fields["impl"] = new TorchObject("nn.DataParallelTable.Threads", new LuaTable
        {
            ["dpt"] = dataParallel, ["initFunc"] = initFunction, ["syncCopies"] = false,
        });
        return dataParallel;
    }

    // getParameters() order: each module's weight, then its bias.
    private IEnumerable<string> ParameterOrder()
    {
        foreach (PlannedLayer layer in plan.Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Convolution:
                    yield return $"{layer.Name}.weight";
                    if (encoding.ConvolutionBias)
                    {
                        yield return $"{layer.Name}.bias";
                    }
                    break;
                case LayerKind.BatchNorm or LayerKind.Linear:
                    yield return $"{layer.Name}.weight";
                    yield return $"{layer.Name}.bias";
                    break;
            }
        }
    }

    // A weight of the reference model, or the bias of a convolution (which the reference model has none of).
    private (float[] Values, long[] Shape) ParameterValues(string name)
    {
        if (weights.TryGetValue(name, out (float[] Values, long[] Shape) weight))
        {
            return weight;
        }
        float[] bias = ConvolutionBias(name[..^".bias".Length]);
        return (bias, [bias.Length]);
    }

    // A small, channel-dependent bias.
    private float[] ConvolutionBias(string convolution)
    {
        int channels = plan.Layers.Single(layer => layer.Name == convolution).OutChannels;
        return Enumerable.Range(0, channels).Select(c => 0.05f * (c % 7 - 3)).ToArray();
    }

    private bool IsTransposed(string name) => encoding.TransposedClassifier && name == "head.fc.weight";

    // The elements in storage order: row-major, or column-major for the transposed classifier.
    private float[] StoredOrder(string name)
    {
        (float[]? values, long[]? shape) = ParameterValues(name);
        if (!IsTransposed(name))
        {
            return values;
        }
        int rows = (int)shape[0], columns = (int)shape[1];
        var transposed = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                transposed[c * rows + r] = values[r * columns + c];
            }
        }
        return transposed;
    }

    private TorchTensor Parameter(string name) => Tensor(name, flatParameters, StoredOrder(name));

    private TorchTensor Gradient(string name) => Tensor(name, flatGradients, new float[ParameterValues(name).Values.Length]);

    private TorchTensor Tensor(string name, TorchStorage? flat, float[] stored)
    {
        long[] shape = ParameterValues(name).Shape;
        TorchStorage storage = flat ?? TorchStorage.Of(TorchStorage.ClassFor(encoding.TensorClass), stored.Select(value => (double)value));
        long offset = flat is null ? 0 : flatOffsets[name];
        return IsTransposed(name)
            ? new TorchTensor(encoding.TensorClass, shape, [1, shape[0]], offset + 1, storage)
            : TorchTensor.View(encoding.TensorClass, storage, offset, shape);
    }

    private TorchTensor Buffer(float[] values, long channels) =>
        TorchTensor.Of(encoding.TensorClass, values.Select(value => (double)value), channels);
}
