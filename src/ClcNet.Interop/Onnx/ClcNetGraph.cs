using ClcNet.Kernels;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// The ONNX graph of a clcNet in evaluation mode: stem, blocks and head as Conv, (BatchNormalization), Relu, the
/// interlace (folded or Reshape/Transpose/Reshape), GlobalAveragePool, Flatten and Gemm. Nodes are named after the
/// module path (<c>stage1.block0.conv3x3</c>) and initializers after the state_dict entries they come from.
/// </summary>
internal static class ClcNetGraph
{
    /// <summary>The graph input: the normalised images, <c>[batch, C, H, W]</c>.</summary>
    public const string InputName = "input";

    /// <summary>The graph output: the unnormalised class scores, <c>[batch, classes]</c>.</summary>
    public const string OutputName = "logits";

    public static GraphProto Build(NetworkLayers layers, OnnxExportOptions options)
    {
        LayerPlan plan = layers.Plan;
        ClcNetSpec spec = plan.Spec;
        var graph = new OnnxGraphWriter(spec.ToString());
        graph.Input(InputName, spec.InputChannels, spec.InputSize, spec.InputSize);

        string x = ConvolutionWithBatchNorm(graph, layers, "stem.conv", "stem.bn", InputName,
            layers.Convolution("stem.conv").weight!, spec.StemStride, padding: 1, groups: 1, options.FoldBatchNorm);
        x = graph.Node("Relu", "stem.relu", [x]);
        foreach (PlannedBlock block in plan.Blocks)
        {
            x = Block(graph, layers, block, x, options);
        }
        x = graph.Node("GlobalAveragePool", "head.pool", [x]);
        x = graph.Node("Flatten", "head.flatten", [x], OnnxGraphWriter.Int("axis", 1));
        Linear fc = layers.Linear("head.fc");
        graph.Node("Gemm", "head.fc", OutputName, [x, graph.Initializer("head.fc.weight", fc.weight!), graph.Initializer("head.fc.bias", fc.bias!)],
            OnnxGraphWriter.Int("transB", 1));
        graph.Output(OutputName, spec.Classes);
        return graph.Graph;
    }

    private static string Block(OnnxGraphWriter graph, NetworkLayers layers, PlannedBlock block, string input, OnnxExportOptions options)
    {
        string name = block.Name;
        string x = ConvolutionWithBatchNorm(graph, layers, $"{name}.conv3x3", $"{name}.bn1", input,
            layers.Convolution($"{name}.conv3x3").weight!, block.Stride, padding: 1, block.Groups3x3, options.FoldBatchNorm);
        using DisposeScope scope = NewDisposeScope();
        Tensor pointwise = layers.Convolution($"{name}.conv1x1").weight!;
        if (options.FoldInterlace && InterlaceFolding.FoldsIntoPointwise(block.InChannels, block.Groups3x3, block.Groups1x1))
        {
            pointwise = InterlaceFolding.FoldIntoPointwise(pointwise, block.Groups3x3, block.Groups1x1);
        }
        else
        {
            x = Interlace(graph, $"{name}.interlace", x, block);
        }
        x = ConvolutionWithBatchNorm(graph, layers, $"{name}.conv1x1", $"{name}.bn2", x, pointwise, stride: 1, padding: 0,
            block.Groups1x1, options.FoldBatchNorm);
        return graph.Node("Relu", $"{name}.relu", [x]);
    }

    /// <summary>The interlace as ONNX writes a channel shuffle: view [N, g, C/g, H*W], swap the channel axes, view [N, C, H, W].</summary>
    private static string Interlace(OnnxGraphWriter graph, string name, string input, PlannedBlock block)
    {
        long groups = block.Groups3x3, size = block.OutputSize;
        // A 0 in a Reshape target copies that axis from the input: the batch axis stays dynamic.
        string x = graph.Node("Reshape", $"{name}.split", [input, graph.Initializer($"{name}.split_shape", 0, groups, block.InChannels / groups, -1)]);
        x = graph.Node("Transpose", $"{name}.transpose", [x], OnnxGraphWriter.Ints("perm", 0, 2, 1, 3));
        return graph.Node("Reshape", name, [x, graph.Initializer($"{name}.shape", 0, block.InChannels, size, size)]);
    }

    /// <summary>A bias-free convolution followed by its BatchNorm: one Conv with the BatchNorm folded in, or Conv then BatchNormalization.</summary>
    private static string ConvolutionWithBatchNorm(OnnxGraphWriter graph, NetworkLayers layers, string convolution, string batchNorm,
        string input, Tensor weight, long stride, long padding, long groups, bool fold)
    {
        long kernel = weight.shape[2];
        AttributeProto[] attributes =
        [
            OnnxGraphWriter.Ints("kernel_shape", kernel, kernel),
            OnnxGraphWriter.Ints("strides", stride, stride),
            OnnxGraphWriter.Ints("pads", padding, padding, padding, padding),
            OnnxGraphWriter.Int("group", groups),
        ];
        BatchNorm2d bn = layers.BatchNorm(batchNorm);
        if (fold)
        {
            using var folded = FoldedBatchNorm.From(bn);
            using DisposeScope scope = NewDisposeScope();
            Tensor foldedWeight = weight.detach() * folded.Scale.view(-1, 1, 1, 1);
            graph.Node("Conv", convolution,
                [input, graph.Initializer($"{convolution}.weight", foldedWeight), graph.Initializer($"{convolution}.bias", folded.Shift)],
                attributes);
            return convolution;
        }
        string x = graph.Node("Conv", convolution, [input, graph.Initializer($"{convolution}.weight", weight)], attributes);
        using DisposeScope affine = NewDisposeScope();
        Tensor scale = bn.weight ?? ones_like(bn.running_mean!), shift = bn.bias ?? zeros_like(bn.running_mean!);
        return graph.Node("BatchNormalization", batchNorm,
        [
            x,
            graph.Initializer($"{batchNorm}.weight", scale),
            graph.Initializer($"{batchNorm}.bias", shift),
            graph.Initializer($"{batchNorm}.running_mean", bn.running_mean!),
            graph.Initializer($"{batchNorm}.running_var", bn.running_var!),
        ], OnnxGraphWriter.Float("epsilon", (float)bn.eps));
    }
}
