#!/usr/bin/env python3
"""Reference logits for the Torch7 import tests (tests/ClcNet.Interop.Tests/Torch7/).

For each small clcNet spec below: deterministic weights and an input from a 32-bit linear congruential
generator (DeterministicWeights.cs computes the same numbers), then the logits of a plain functional
PyTorch forward written from docs/clcnet.md (F.conv2d, F.batch_norm in evaluation mode, the channel
interlace as an index permutation, relu, average pooling over the final map, F.linear). The tests write
these weights into Torch7 files in several encodings, load them with ClcNet.Interop and compare logits.

Run once with Debian's python3-torch (PyTorch 1.13, CPU):
    /usr/bin/python3 make_reference.py > reference.json
"""
import json
import math

import torch
import torch.nn.functional as F

STAGE_OUTPUTS = [64, 128, 256, 512, 1024]
STEM_CHANNELS = 32

SPECS = [
    dict(name="rgb", seed=1, depths=[1, 1, 0, 0], classes=10, input_channels=3, input_size=64,
         stem_stride=2, group_size_3x3=2, pointwise_groups=2, batch=2),
    dict(name="gray", seed=2, depths=[0, 0, 0, 0], classes=3, input_channels=1, input_size=32,
         stem_stride=1, group_size_3x3=4, pointwise_groups=4, batch=2),
]


class Lcg:
    """x <- (1664525 x + 1013904223) mod 2^32; u = (x >> 8) / 2^24, uniform in [0, 1)."""

    def __init__(self, seed):
        self.state = seed

    def uniform(self):
        self.state = (self.state * 1664525 + 1013904223) % 2**32
        return (self.state >> 8) / 16777216.0

    def tensor(self, shape, value):
        count = math.prod(shape)
        return torch.tensor([value(self.uniform()) for _ in range(count)], dtype=torch.float32).reshape(shape)


def blocks(spec):
    """(in, out, stride, g1, g2) of every block, stage by stage (docs/clcnet.md#network-table)."""
    result = []
    for stage in range(5):
        count = 1 + (0 if stage == 0 else spec["depths"][stage - 1])
        for index in range(count):
            inputs = (STEM_CHANNELS if stage == 0 else STAGE_OUTPUTS[stage - 1]) if index == 0 else STAGE_OUTPUTS[stage]
            stride = (1 if stage == 0 else 2) if index == 0 else 1
            result.append((inputs, STAGE_OUTPUTS[stage], stride, inputs // spec["group_size_3x3"], spec["pointwise_groups"]))
    return result


def conv_weight(rng, out, inputs, groups, k):
    fan_in = inputs // groups * k * k
    return rng.tensor([out, inputs // groups, k, k], lambda u: (2.0 * u - 1.0) * math.sqrt(3.0 / fan_in))


def batch_norm(rng, channels):
    return dict(weight=rng.tensor([channels], lambda u: 0.5 + u),
                bias=rng.tensor([channels], lambda u: 0.4 * u - 0.2),
                mean=rng.tensor([channels], lambda u: 0.4 * u - 0.2),
                var=rng.tensor([channels], lambda u: 0.5 + u))


def bn(x, p):
    return F.batch_norm(x, p["mean"], p["var"], p["weight"], p["bias"], training=False, eps=1e-5)


def interlace(x, groups):
    # out[:, j*g + i] = in[:, i*s + j]
    channels = x.shape[1]
    size = channels // groups
    source = [0] * channels
    for i in range(groups):
        for j in range(size):
            source[j * groups + i] = i * size + j
    return x[:, source]


def reference(spec):
    rng = Lcg(spec["seed"])
    weight_sum = 0.0
    stem_conv = conv_weight(rng, STEM_CHANNELS, spec["input_channels"], 1, 3)
    stem_bn = batch_norm(rng, STEM_CHANNELS)
    tensors = [stem_conv, *stem_bn.values()]
    layers = []
    for inputs, out, stride, g1, g2 in blocks(spec):
        w3 = conv_weight(rng, inputs, inputs, g1, 3)
        bn1 = batch_norm(rng, inputs)
        w1 = conv_weight(rng, out, inputs, g2, 1)
        bn2 = batch_norm(rng, out)
        layers.append((w3, bn1, w1, bn2, stride, g1, g2))
        tensors += [w3, *bn1.values(), w1, *bn2.values()]
    fc_weight = rng.tensor([spec["classes"], 1024], lambda u: (2.0 * u - 1.0) * math.sqrt(3.0 / 1024))
    fc_bias = rng.tensor([spec["classes"]], lambda u: 0.2 * u - 0.1)
    tensors += [fc_weight, fc_bias]
    size = spec["input_size"]
    x = rng.tensor([spec["batch"], spec["input_channels"], size, size], lambda u: 2.0 * u - 1.0)
    weight_sum = sum(float(t.double().sum()) for t in tensors)

    with torch.no_grad():
        x = F.relu(bn(F.conv2d(x, stem_conv, stride=spec["stem_stride"], padding=1), stem_bn))
        for w3, bn1, w1, bn2, stride, g1, g2 in layers:
            x = bn(F.conv2d(x, w3, stride=stride, padding=1, groups=g1), bn1)
            x = interlace(x, g1)
            x = F.relu(bn(F.conv2d(x, w1, groups=g2), bn2))
        x = F.avg_pool2d(x, x.shape[-1]).flatten(1)
        logits = F.linear(x, fc_weight, fc_bias)
    return dict(spec, weight_sum=weight_sum, logits=[[float(v) for v in row] for row in logits])


if __name__ == "__main__":
    torch.set_num_threads(1)
    print(json.dumps({"generator": "make_reference.py", "torch": torch.__version__,
                      "models": [reference(spec) for spec in SPECS]}, indent=1))
