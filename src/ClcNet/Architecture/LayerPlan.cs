// Shared with the source generator (generators/ClcNet.Generators compiles this file too): the
// one place that says what clcNet is, as data. Keep it netstandard2.0-compatible and free of TorchSharp.
using System;
using System.Collections.Generic;
using System.Linq;

namespace ClcNet;

/// <summary>The kind of a planned layer.</summary>
public enum LayerKind
{
    /// <summary>2-d convolution without bias.</summary>
    Convolution,

    /// <summary>2-d batch normalisation.</summary>
    BatchNorm,

    /// <summary>Channel interlace (docs/clcnet.md#interlace).</summary>
    Interlace,

    /// <summary>Rectified linear unit.</summary>
    ReLU,

    /// <summary>Average pooling over the whole final feature map.</summary>
    AveragePool,

    /// <summary>Fully connected layer with bias.</summary>
    Linear,
}

/// <summary>One layer of a plan, with its shapes and costs.</summary>
public sealed class PlannedLayer
{
    internal PlannedLayer(string name, LayerKind kind, int inChannels, int outChannels, int inputSize,
        int outputSize, int kernelSize = 0, int stride = 1, int groups = 1)
    {
        Name = name;
        Kind = kind;
        InChannels = inChannels;
        OutChannels = outChannels;
        InputSize = inputSize;
        OutputSize = outputSize;
        KernelSize = kernelSize;
        Stride = stride;
        Groups = groups;
    }

    /// <summary>Dotted module path, e.g. <c>stage3.block2.conv3x3</c>.</summary>
    public string Name { get; }

    /// <summary>What the layer is.</summary>
    public LayerKind Kind { get; }

    /// <summary>Input channels (input features for <see cref="LayerKind.Linear"/>).</summary>
    public int InChannels { get; }

    /// <summary>Output channels (output features for <see cref="LayerKind.Linear"/>).</summary>
    public int OutChannels { get; }

    /// <summary>Side of the square input map (1 for the linear layer).</summary>
    public int InputSize { get; }

    /// <summary>Side of the square output map (1 after pooling).</summary>
    public int OutputSize { get; }

    /// <summary>Kernel side of convolutions and pooling; 0 otherwise.</summary>
    public int KernelSize { get; }

    /// <summary>Stride of convolutions.</summary>
    public int Stride { get; }

    /// <summary>Groups of convolutions (and of the interlace).</summary>
    public int Groups { get; }

    /// <summary>Output shape of one sample: <c>[C, H, W]</c>, or <c>[features]</c> after the head.</summary>
    public IReadOnlyList<int> OutputShape =>
        Kind == LayerKind.Linear ? new[] { OutChannels } : new[] { OutChannels, OutputSize, OutputSize };

    /// <summary>Trainable parameters (running BN statistics are buffers, not parameters).</summary>
    public long Parameters => Kind switch
    {
        LayerKind.Convolution => (long)OutChannels * (InChannels / Groups) * KernelSize * KernelSize,
        LayerKind.BatchNorm => 2L * OutChannels,
        LayerKind.Linear => (long)InChannels * OutChannels + OutChannels,
        _ => 0,
    };

    /// <summary>Multiply-adds for one sample, counted for convolutions and the linear layer.</summary>
    public long MultiplyAdds => Kind switch
    {
        LayerKind.Convolution => (long)OutputSize * OutputSize * OutChannels * (InChannels / Groups) * KernelSize * KernelSize,
        LayerKind.Linear => (long)InChannels * OutChannels,
        _ => 0,
    };
}

/// <summary>One CLC block of a plan: <c>Block(in, out, stride, g1, g2)</c> of docs/clcnet.md#block.</summary>
public sealed class PlannedBlock
{
    internal PlannedBlock(int stage, int index, int inChannels, int outChannels, int stride, int groups3x3,
        int groups1x1, int inputSize)
    {
        Stage = stage;
        Index = index;
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        Groups3x3 = groups3x3;
        Groups1x1 = groups1x1;
        InputSize = inputSize;
        OutputSize = LayerPlan.ConvolutionOutputSize(inputSize, stride);
    }

    /// <summary>Dotted module path, e.g. <c>stage3.block2</c>.</summary>
    public string Name => $"stage{Stage}.block{Index}";

    /// <summary>Stage 0 to 4.</summary>
    public int Stage { get; }

    /// <summary>Position in its stage, from 0.</summary>
    public int Index { get; }

    /// <summary>Input channels (also the 3x3 convolution's output channels).</summary>
    public int InChannels { get; }

    /// <summary>Output channels of the 1x1 convolution.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the 3x3 convolution.</summary>
    public int Stride { get; }

    /// <summary>Groups of the 3x3 convolution and of the interlace (g1).</summary>
    public int Groups3x3 { get; }

    /// <summary>Groups of the 1x1 convolution (g2).</summary>
    public int Groups1x1 { get; }

    /// <summary>Side of the input map.</summary>
    public int InputSize { get; }

    /// <summary>Side of the output map.</summary>
    public int OutputSize { get; }

    /// <summary>The block's layers in forward order: conv3x3, bn1, interlace, conv1x1, bn2, relu.</summary>
    public IReadOnlyList<PlannedLayer> Layers => new[]
    {
        new PlannedLayer($"{Name}.conv3x3", LayerKind.Convolution, InChannels, InChannels, InputSize, OutputSize, 3, Stride, Groups3x3),
        new PlannedLayer($"{Name}.bn1", LayerKind.BatchNorm, InChannels, InChannels, OutputSize, OutputSize),
        new PlannedLayer($"{Name}.interlace", LayerKind.Interlace, InChannels, InChannels, OutputSize, OutputSize, groups: Groups3x3),
        new PlannedLayer($"{Name}.conv1x1", LayerKind.Convolution, InChannels, OutChannels, OutputSize, OutputSize, 1, 1, Groups1x1),
        new PlannedLayer($"{Name}.bn2", LayerKind.BatchNorm, OutChannels, OutChannels, OutputSize, OutputSize),
        new PlannedLayer($"{Name}.relu", LayerKind.ReLU, OutChannels, OutChannels, OutputSize, OutputSize),
    };
}

/// <summary>
/// Every layer of a clcNet spec with its shapes, parameters and multiply-adds: the data that both
/// <c>ClcNetModel.Create</c> and the source generator build networks from.
/// </summary>
public sealed class LayerPlan
{
    /// <summary>Output channels of the stem convolution.</summary>
    public const int StemChannels = 32;

    /// <summary>Stages 0 to 4.</summary>
    public const int StageCount = 5;

    private static readonly int[] StageOutputs = { 64, 128, 256, 512, 1024 };

    private LayerPlan(ClcNetSpec spec)
    {
        Spec = spec;
        StemOutputSize = ConvolutionOutputSize(spec.InputSize, spec.StemStride);
        var blocks = new List<PlannedBlock>();
        int size = StemOutputSize;
        for (int stage = 0; stage < StageCount; stage++)
        {
            int blockCount = 1 + (stage == 0 ? 0 : spec.ExtraBlocks[stage - 1]);
            for (int index = 0; index < blockCount; index++)
            {
                PlannedBlock block = Block(spec, stage, index, size);
                blocks.Add(block);
                size = block.OutputSize;
            }
        }
        Blocks = blocks;
        FinalSize = size;

        var layers = new List<PlannedLayer>(StemLayers(spec));
        layers.AddRange(blocks.SelectMany(block => block.Layers));
        layers.AddRange(HeadLayers(spec, FinalSize));
        Layers = layers;
        Parameters = layers.Sum(layer => layer.Parameters);
        MultiplyAdds = layers.Sum(layer => layer.MultiplyAdds);
    }

    /// <summary>Channels entering the head.</summary>
    public static int FeatureChannels => StageOutputs[StageCount - 1];

    /// <summary>The spec this plan was made from.</summary>
    public ClcNetSpec Spec { get; }

    /// <summary>Side of the stem's output map.</summary>
    public int StemOutputSize { get; }

    /// <summary>Side of the last stage's output map, which the head pools to 1x1 (7 for 224x224 input).</summary>
    public int FinalSize { get; }

    /// <summary>All CLC blocks, stage by stage.</summary>
    public IReadOnlyList<PlannedBlock> Blocks { get; }

    /// <summary>All layers in forward order.</summary>
    public IReadOnlyList<PlannedLayer> Layers { get; }

    /// <summary>Trainable parameters of the whole network.</summary>
    public long Parameters { get; }

    /// <summary>Multiply-adds of one forward pass of one sample (convolutions and the linear layer).</summary>
    public long MultiplyAdds { get; }

    /// <summary>The blocks of one stage.</summary>
    public IEnumerable<PlannedBlock> StageBlocks(int stage) => Blocks.Where(block => block.Stage == stage);

    /// <summary>Plans a spec; throws <see cref="ArgumentException"/> naming the first broken rule.</summary>
    public static LayerPlan For(ClcNetSpec spec)
    {
        spec.Validate();
        return new LayerPlan(spec);
    }

    /// <summary>
    /// The trainable parameters of <paramref name="spec"/>, split by the spec field they grow with: the stem
    /// (<c>InputChannels</c>), the extra blocks of stages 1 to 4 (<c>a</c> to <c>d</c>), the head (<c>Classes</c>),
    /// and the fixed rest (field <c>""</c>). Counted from one planned block per stage, so it costs the same for
    /// any depth; <see cref="ClcNetSpec.FindProblems"/> bounds a spec with it before anything is built. The
    /// spec's groups must divide its channels.
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, long>> ParameterShares(ClcNetSpec spec)
    {
        var shares = new List<KeyValuePair<string, long>>
        {
            new KeyValuePair<string, long>(nameof(ClcNetSpec.InputChannels), StemLayers(spec).Sum(layer => layer.Parameters)),
        };
        long fixedBlocks = 0;
        for (int stage = 0; stage < StageCount; stage++)
        {
            fixedBlocks += Block(spec, stage, 0, StageStride(stage)).Layers.Sum(layer => layer.Parameters);
            if (stage > 0)
            {
                long perBlock = Block(spec, stage, 1, 1).Layers.Sum(layer => layer.Parameters);
                shares.Add(new KeyValuePair<string, long>(ClcNetSpec.DepthParameterNames[stage - 1], perBlock * spec.ExtraBlocks[stage - 1]));
            }
        }
        shares.Add(new KeyValuePair<string, long>(nameof(ClcNetSpec.Classes), HeadLayers(spec, 1).Sum(layer => layer.Parameters)));
        shares.Add(new KeyValuePair<string, long>("", fixedBlocks));
        return shares;
    }

    /// <summary>
    /// The layer with the largest output map of one sample and that map's number of values (the input image
    /// counts as layer <c>input</c>); extra blocks repeat their stage's first output map, so only first blocks
    /// are planned. In floating point, since an absurd spec's maps overflow a long.
    /// </summary>
    internal static KeyValuePair<string, double> LargestFeatureMap(ClcNetSpec spec)
    {
        var largest = new KeyValuePair<string, double>("input", (double)spec.InputChannels * spec.InputSize * spec.InputSize);
        void Consider(PlannedLayer layer)
        {
            double values = (double)layer.OutChannels * layer.OutputSize * layer.OutputSize;
            if (values > largest.Value)
            {
                largest = new KeyValuePair<string, double>(layer.Name, values);
            }
        }
        int size = ConvolutionOutputSize(spec.InputSize, spec.StemStride);
        Consider(StemLayers(spec)[0]);
        for (int stage = 0; stage < StageCount; stage++)
        {
            PlannedBlock block = Block(spec, stage, 0, size);
            foreach (PlannedLayer layer in block.Layers)
            {
                Consider(layer);
            }
            size = block.OutputSize;
        }
        return largest;
    }

    /// <summary>Block <paramref name="index"/> of stage <paramref name="stage"/>, seeing a map of side <paramref name="inputSize"/>.</summary>
    private static PlannedBlock Block(ClcNetSpec spec, int stage, int index, int inputSize)
    {
        int inChannels = index == 0 ? StageInputChannels(stage) : StageOutputChannels(stage);
        int stride = index == 0 ? StageStride(stage) : 1;
        return new PlannedBlock(stage, index, inChannels, StageOutputChannels(stage), stride,
            inChannels / spec.GroupSize3x3, spec.PointwiseGroups, inputSize);
    }

    private static PlannedLayer[] StemLayers(ClcNetSpec spec)
    {
        int outputSize = ConvolutionOutputSize(spec.InputSize, spec.StemStride);
        return new[]
        {
            new PlannedLayer("stem.conv", LayerKind.Convolution, spec.InputChannels, StemChannels, spec.InputSize, outputSize, 3, spec.StemStride),
            new PlannedLayer("stem.bn", LayerKind.BatchNorm, StemChannels, StemChannels, outputSize, outputSize),
            new PlannedLayer("stem.relu", LayerKind.ReLU, StemChannels, StemChannels, outputSize, outputSize),
        };
    }

    private static PlannedLayer[] HeadLayers(ClcNetSpec spec, int finalSize) => new[]
    {
        new PlannedLayer("head.pool", LayerKind.AveragePool, FeatureChannels, FeatureChannels, finalSize, 1, finalSize),
        new PlannedLayer("head.fc", LayerKind.Linear, FeatureChannels, spec.Classes, 1, 1),
    };

    /// <summary>Output side of a 3x3 (padding 1) or 1x1 convolution with the given stride.</summary>
    public static int ConvolutionOutputSize(int inputSize, int stride) => (inputSize - 1) / stride + 1;

    /// <summary>Input channels of a stage's first block.</summary>
    public static int StageInputChannels(int stage) => stage == 0 ? StemChannels : StageOutputs[stage - 1];

    /// <summary>Output channels of every block of a stage.</summary>
    public static int StageOutputChannels(int stage) => StageOutputs[stage];

    /// <summary>Stride of a stage's first block (1 for stage 0, else 2).</summary>
    public static int StageStride(int stage) => stage == 0 ? 1 : 2;
}
