using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>A stage of run-time-built networks: its blocks registered as <c>block0</c>, <c>block1</c>, ...</summary>
internal sealed class ClcStage : nn.Module<Tensor, Tensor>
{
    private readonly IReadOnlyList<ClcBlock> blocks;

    /// <summary>Creates a stage running <paramref name="blocks"/> in order.</summary>
    public ClcStage(IEnumerable<ClcBlock> blocks) : base(nameof(ClcStage))
    {
        this.blocks = blocks.ToList();
        for (int i = 0; i < this.blocks.Count; i++)
        {
            register_module($"block{i}", this.blocks[i]);
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = input;
        foreach (ClcBlock block in blocks)
        {
            x = block.forward(x);
        }
        return x.MoveToOuterDisposeScope();
    }
}
