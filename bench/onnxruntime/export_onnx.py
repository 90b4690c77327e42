"""Exports the PyTorch clcNet of ``../pytorch/clcnet.py`` to ONNX for the ONNX Runtime peer.

Evaluation mode, opset 17, input ``input`` [N, C, H, W] and output ``logits`` [N, classes] with a dynamic batch
axis N. The exporter folds batch norm into the convolutions and writes the interlace as Reshape/Transpose/Reshape:
the graph a PyTorch user deploying this network gets.

    python3 bench/onnxruntime/export_onnx.py --net clcneta --output clcneta.onnx
"""

import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pytorch"))
from clcnet import add_spec_arguments, network_from_arguments  # noqa: E402

OPSET = 17


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_spec_arguments(parser)
    parser.add_argument("--output", required=True, help="the .onnx file to write")
    arguments = parser.parse_args()

    torch.manual_seed(0)
    network = network_from_arguments(arguments).eval()
    example = torch.randn(2, arguments.input_channels, arguments.input_size, arguments.input_size)
    torch.onnx.export(network, example, arguments.output, opset_version=OPSET, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                      do_constant_folding=True)
    try:
        import onnx
    except ImportError:
        print(f"wrote {arguments.output} (python3-onnx not installed: not checked)")
        return
    onnx.checker.check_model(onnx.load(arguments.output))
    print(f"wrote {arguments.output} (opset {OPSET}, checked)")


if __name__ == "__main__":
    main()
