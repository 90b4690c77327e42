"""clcNet(a, b, c, d) in PyTorch eager, with ClcNet.NET's parameter names and layouts.

The network of clcnet-reference.md (sections 1 to 4): a stem, five stages of CLC blocks, a head. Its
``state_dict()`` has exactly the names and shapes of ClcNet.NET's ``ClcNetModel`` and ``[ClcNet]`` classes
(``stem.conv.weight``, ``stage1.block0.conv3x3.weight``, ``stage3.block2.bn1.running_mean``,
``head.fc.bias``, ...), so a safetensors file of our weights loads with ``load_state_dict``. The peer
benchmarks (``bench.py``, ``../onnxruntime/export_onnx.py``) build the network from here; import it from
any script with ``sys.path.insert(0, "bench/pytorch")`` and ``from clcnet import clcnet``.

``python3 bench/pytorch/clcnet.py --a 1 --b 1 --c 5 --d 2`` prints the state dict, one
``name [shape] dtype`` line per entry.
"""

import argparse
import math

import torch
from torch import nn

STEM_CHANNELS = 32
STAGE_OUTPUTS = (64, 128, 256, 512, 1024)


def interlace(x: torch.Tensor, groups: int) -> torch.Tensor:
    """Channel interlace, ``out[:, j*g + i] = in[:, i*s + j]`` (torchvision's channel_shuffle)."""
    batch, channels, height, width = x.size()
    x = x.view(batch, groups, channels // groups, height, width)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(batch, channels, height, width)


class Interlace(nn.Module):
    """The interlace as a module, so that printing the network shows it where the block has it."""

    def __init__(self, groups: int):
        super().__init__()
        self.groups = groups

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return interlace(x, self.groups)

    def extra_repr(self) -> str:
        return f"groups={self.groups}"


def batch_norm(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)


class ClcBlock(nn.Module):
    """Block(in, out, stride, g1, g2): 3x3 conv (g1 groups), BN, interlace, 1x1 conv (g2 groups), BN, ReLU."""

    def __init__(self, in_channels: int, out_channels: int, stride: int, groups3x3: int, groups1x1: int):
        super().__init__()
        self.conv3x3 = nn.Conv2d(in_channels, in_channels, 3, stride=stride, padding=1, groups=groups3x3, bias=False)
        self.bn1 = batch_norm(in_channels)
        self.interlace = Interlace(groups3x3)
        self.conv1x1 = nn.Conv2d(in_channels, out_channels, 1, groups=groups1x1, bias=False)
        self.bn2 = batch_norm(out_channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.interlace(self.bn1(self.conv3x3(x)))
        return self.relu(self.bn2(self.conv1x1(x)))


class ClcStem(nn.Module):
    """3x3 convolution to 32 channels (padding 1, no bias), BN, ReLU."""

    def __init__(self, input_channels: int, stride: int):
        super().__init__()
        self.conv = nn.Conv2d(input_channels, STEM_CHANNELS, 3, stride=stride, padding=1, bias=False)
        self.bn = batch_norm(STEM_CHANNELS)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.bn(self.conv(x)))


class ClcStage(nn.Module):
    """A stage: its blocks named block0, block1, ... as ClcNet.NET names them."""

    def __init__(self, blocks):
        super().__init__()
        for index, block in enumerate(blocks):
            self.add_module(f"block{index}", block)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.children():
            x = block(x)
        return x


class ClcHead(nn.Module):
    """Average pooling over the whole final map, flatten, Linear(1024, classes) with bias."""

    def __init__(self, features: int, classes: int, pool_size: int):
        super().__init__()
        self.pool = nn.AvgPool2d(pool_size)
        self.fc = nn.Linear(features, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.pool(x), 1))


def convolution_output_size(input_size: int, stride: int) -> int:
    """Output side of a 3x3 (padding 1) or 1x1 convolution."""
    return (input_size - 1) // stride + 1


class ClcNet(nn.Module):
    """clcNet(a, b, c, d): stem, stage0 to stage4, head (clcnet-reference.md, section 3)."""

    def __init__(self, a: int, b: int, c: int, d: int, classes: int = 1000, input_channels: int = 3,
                 input_size: int = 224, stem_stride: int = 2, group_size3x3: int = 2, pointwise_groups: int = 2):
        super().__init__()
        self.depths = (a, b, c, d)
        self.stem = ClcStem(input_channels, stem_stride)
        size = convolution_output_size(input_size, stem_stride)
        extra_blocks = (0, a, b, c, d)
        for stage, out_channels in enumerate(STAGE_OUTPUTS):
            blocks = []
            for index in range(1 + extra_blocks[stage]):
                in_channels = (STEM_CHANNELS if stage == 0 else STAGE_OUTPUTS[stage - 1]) if index == 0 else out_channels
                stride = 2 if index == 0 and stage > 0 else 1
                blocks.append(ClcBlock(in_channels, out_channels, stride, in_channels // group_size3x3, pointwise_groups))
                size = convolution_output_size(size, stride)
            self.add_module(f"stage{stage}", ClcStage(blocks))
        self.head = ClcHead(STAGE_OUTPUTS[-1], classes, size)
        reference_initialization(self)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        x = self.stage0(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.stage4(x)
        return self.head(x)


@torch.no_grad()
def reference_initialization(network: nn.Module) -> None:
    """Convolutions N(0, sqrt(2 / (kH kW out))), BN weight 1 bias 0, Linear U(+-1/sqrt(fan_in)) bias 0."""
    for module in network.modules():
        if isinstance(module, nn.Conv2d):
            out_channels, _, kernel_height, kernel_width = module.weight.shape
            module.weight.normal_(0, math.sqrt(2 / (kernel_height * kernel_width * out_channels)))
        elif isinstance(module, nn.BatchNorm2d):
            module.weight.fill_(1)
            module.bias.zero_()
        elif isinstance(module, nn.Linear):
            bound = 1 / math.sqrt(module.weight.shape[1])
            module.weight.uniform_(-bound, bound)
            module.bias.zero_()


NAMED = {"clcneta": (1, 1, 5, 2), "clcnetb": (1, 1, 7, 3)}


def clcnet(name: str = "clcneta", **spec) -> ClcNet:
    """A named network (clcneta, clcnetb) with optional ClcNet keyword arguments (classes, input_size, ...)."""
    if name not in NAMED:
        raise ValueError(f"unknown network {name!r}; use one of {', '.join(NAMED)}")
    return ClcNet(*NAMED[name], **spec)


def add_spec_arguments(parser: argparse.ArgumentParser) -> None:
    """The network options the scripts share, named as clcgen names them."""
    parser.add_argument("--net", choices=sorted(NAMED), default="clcneta", help="named network (default clcneta)")
    for depth in "abcd":
        parser.add_argument(f"-{depth}", type=int, help=f"depth {depth} (with all four, instead of --net)")
    parser.add_argument("--classes", type=int, default=1000)
    parser.add_argument("--input-channels", type=int, default=3)
    parser.add_argument("--input-size", type=int, default=224)


def network_from_arguments(arguments: argparse.Namespace) -> ClcNet:
    """The network add_spec_arguments' options ask for."""
    depths = (arguments.a, arguments.b, arguments.c, arguments.d)
    if any(depth is not None for depth in depths) and None in depths:
        raise SystemExit("give all four of -a -b -c -d, or --net")
    depths = NAMED[arguments.net] if None in depths else depths
    return ClcNet(*depths, classes=arguments.classes, input_channels=arguments.input_channels,
                  input_size=arguments.input_size)


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the state dict of clcNet: name [shape] dtype")
    add_spec_arguments(parser)
    for name, value in network_from_arguments(parser.parse_args()).state_dict().items():
        dtype = {torch.float32: "Float32", torch.int64: "Int64"}.get(value.dtype, str(value.dtype))
        print(f"{name} [{','.join(str(side) for side in value.shape)}] {dtype}")


if __name__ == "__main__":
    main()
