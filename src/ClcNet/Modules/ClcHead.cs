using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>
/// The head: average pooling over the whole final map (7x7 for 224x224 input, global average pooling
/// for other sizes), flatten, Linear(1024, classes) with bias.
/// </summary>
public sealed class ClcHead : nn.Module<Tensor, Tensor>
{
    private readonly AvgPool2d pool;
    private readonly Linear fc;

    /// <summary>Creates a head pooling a <paramref name="poolSize"/> map of <paramref name="features"/> channels.</summary>
    public ClcHead(long features, long classes, long poolSize) : base(nameof(ClcHead))
    {
        pool = nn.AvgPool2d(poolSize);
        fc = nn.Linear(features, classes);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        return fc.forward(pool.forward(input).flatten(1)).MoveToOuterDisposeScope();
    }
}
