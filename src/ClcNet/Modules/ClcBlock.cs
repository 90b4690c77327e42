using ClcNet.Kernels;
using ClcNet.Kernels.Cpu;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>
/// The CLC block (docs/clcnet.md#block): 3x3 grouped convolution, BN, interlace, 1x1 grouped
/// convolution, BN, ReLU. The 3x3 convolution with the interlace is the paper's IGC; the 1x1 is its GC.
/// </summary>
public sealed class ClcBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv3x3;
    private readonly BatchNorm2d bn1;
    private readonly Interlace interlace;
    private readonly Conv2d conv1x1;
    private readonly BatchNorm2d bn2;
    private readonly ReLU relu;
    private readonly ClcBlockKernels ilgpu;
    private readonly ClcBlockKernels cpu;
    private readonly InterlacedBatchNorm interlacedBatchNorm;
    private ClcKernels kernels;

    /// <summary>Creates <c>Block(in, out, stride, g1, g2)</c>, running on libtorch until <see cref="Kernels"/> says otherwise.</summary>
    /// <exception cref="ArgumentException">A group count does not divide its channels.</exception>
    public ClcBlock(long inChannels, long outChannels, long stride, long groups3x3, long groups1x1)
        : this(new ClcBlockShape(checked((int)inChannels), checked((int)outChannels), checked((int)stride),
            checked((int)groups3x3), checked((int)groups1x1)))
    {
    }

    /// <summary>Creates a block of <paramref name="shape"/>, running on libtorch until <see cref="Kernels"/> says otherwise.</summary>
    public ClcBlock(ClcBlockShape shape) : this(shape, new IlgpuBlockForward<ClcBlockShape>(shape), new CpuBlockForward<ClcBlockShape>(shape))
    {
    }

    private ClcBlock(ClcBlockShape shape, ClcBlockKernels ilgpu, ClcBlockKernels cpu) : base(nameof(ClcBlock))
    {
        Shape = shape;
        this.ilgpu = ilgpu;
        this.cpu = cpu;
        interlacedBatchNorm = new InterlacedBatchNorm(shape.InChannels, shape.Groups3x3);
        conv3x3 = nn.Conv2d(shape.InChannels, shape.InChannels, 3, stride: shape.Stride, padding: 1, groups: shape.Groups3x3, bias: false);
        bn1 = Layers.BatchNorm(shape.InChannels);
        interlace = new Interlace(shape.InChannels, shape.Groups3x3);
        conv1x1 = nn.Conv2d(shape.InChannels, shape.OutChannels, 1, groups: shape.Groups1x1, bias: false);
        bn2 = Layers.BatchNorm(shape.OutChannels);
        relu = nn.ReLU(inplace: true);
        RegisterComponents();
    }

    /// <summary>Creates the block a plan describes.</summary>
    public ClcBlock(PlannedBlock plan) : this(ClcBlockShape.From(plan))
    {
    }

    /// <summary>
    /// Creates the block of a constant shape, e.g. one the source generator emits for a declared network, with
    /// its ILGPU and CPU kernels compiled for that shape: every channel count, group size and stride is a constant
    /// in the kernel code. <typeparamref name="TShape"/>'s members must return constants.
    /// </summary>
    /// <exception cref="ArgumentException">The shape's group counts do not divide its channels.</exception>
    public static ClcBlock Create<TShape>() where TShape : struct, IClcBlockShape =>
        new(ClcBlockShape.Of(default(TShape)), new IlgpuBlockForward<TShape>(default), new CpuBlockForward<TShape>(default));

    /// <summary>The block's channel layout.</summary>
    public ClcBlockShape Shape { get; }

    /// <summary>
    /// Which implementation runs the block (<see cref="ClcKernels.LibTorch"/> by default). With
    /// <see cref="ClcKernels.Ilgpu"/> or <see cref="ClcKernels.Cpu"/>, a block in evaluation mode whose forward
    /// autograd does not record (e.g. under <c>torch.no_grad()</c>) runs as one fused kernel; otherwise the 3x3
    /// convolution with the interlaced store runs on those kernels with their own backward, and batch norm and the
    /// 1x1 convolution on libtorch. Parameters, buffers and results are the same either way.
    /// </summary>
    /// <exception cref="ArgumentException">The fused kernel cannot run this shape on the current accelerator.</exception>
    public ClcKernels Kernels
    {
        get => kernels;
        set
        {
            if (value == ClcKernels.Ilgpu && FusedClcBlockKernel.Unsupported(Shape) is string problem)
            {
                throw new ArgumentException($"ClcBlock {Shape}: {problem}", nameof(value));
            }
            kernels = value;
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = kernels switch
        {
            ClcKernels.Ilgpu => KernelForward(ilgpu, input),
            ClcKernels.Cpu => KernelForward(cpu, input),
            _ => LibTorchForward(input),
        };
        return x.MoveToOuterDisposeScope();
    }

    private Tensor LibTorchForward(Tensor input)
    {
        Tensor x = bn1.forward(conv3x3.forward(input));
        x = bn2.forward(conv1x1.forward(interlace.forward(x)));
        return relu.forward(x);
    }

    private Tensor KernelForward(ClcBlockKernels family, Tensor input)
    {
        bool recordsAutograd = is_grad_enabled() && (input.requires_grad || parameters().Any(parameter => parameter.requires_grad));
        if (!training && !recordsAutograd)
        {
            return family.Infer(input, conv3x3, bn1, conv1x1, bn2);
        }
        Tensor x = interlacedBatchNorm.Forward(bn1, family.ConvolveInterlaced(input, conv3x3.weight!));
        x = bn2.forward(family.Pointwise(x, conv1x1));
        return relu.forward(x);
    }
}
