"""The PyTorch eager peer of ``clcgen bench``: the same network, measurements, thread policy and output lines.

For each of batch N and batch 1 (latency): inference (evaluation mode under ``no_grad``) and a training step
(forward, the loss ``clcgen bench`` uses, backward, SGD with momentum), the median of the timed runs after
warm-up, and the process's peak resident memory during each (Linux ``VmHWM``, reset between measurements).

    python3 bench/pytorch/bench.py --net clcneta --batch 16

Threads: as ``clcgen bench``, one compute thread per core this process may run on unless ``OMP_NUM_THREADS``
says otherwise.
"""

import argparse
import ctypes
import gc
import os
import statistics
import sys
import time

import torch

from clcnet import add_spec_arguments, network_from_arguments

CLEAR_REFS = "/proc/self/clear_refs"
STATUS = "/proc/self/status"
RESETTABLE = os.path.exists(CLEAR_REFS) and os.path.exists(STATUS)
PEAK_MEANING = "the process's peak RSS during each phase" if RESETTABLE else "the process's peak RSS since it started"


def reset_peak_memory() -> None:
    """Frees what is free (Python, the C heap) and restarts VmHWM at the current RSS, as clcgen's PeakMemory does."""
    gc.collect()
    if not RESETTABLE:
        return
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc
    with open(CLEAR_REFS, "w") as clear:
        clear.write("5")


def peak_memory_bytes() -> int:
    if not RESETTABLE:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere
    with open(STATUS) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{STATUS} has no VmHWM line")


def measure(warmup: int, repeats: int, run_pass):
    """(median seconds of a timed pass, peak bytes during warm-up and timed passes)."""
    reset_peak_memory()
    for _ in range(warmup):
        run_pass()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_pass()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), peak_memory_bytes()


def phase(batch: int, measured) -> str:
    seconds, peak = measured
    return f"{batch / seconds:9.2f} images/s {seconds * 1000 / batch:9.2f} ms/image  peak {peak / 1048576:7.1f} MiB"


def result_line(system: str, batch: int, inference, training, device: str) -> str:
    """One line in the format of clcgen bench (ClcNet.Cli.Benchmarking.BenchmarkResult)."""
    training_part = f"  training {phase(batch, training)}" if training is not None else ""
    return f"{system:<11} batch {batch:4}  inference {phase(batch, inference)}{training_part}  ({device})"


def benchmark(arguments, batch: int) -> str:
    torch.manual_seed(0)
    network = network_from_arguments(arguments)
    images = torch.randn(batch, arguments.input_channels, arguments.input_size, arguments.input_size)

    network.eval()

    def infer():
        with torch.no_grad():
            network(images)

    inference = measure(arguments.warmup, arguments.repeats, infer)

    network.train()
    optimizer = torch.optim.SGD(network.parameters(), lr=0.01, momentum=0.9)

    def train_step():
        optimizer.zero_grad()
        # The loss clcgen bench uses: any scalar serves, its cost is negligible next to forward, backward, update.
        network(images).square().mean().backward()
        optimizer.step()

    try:
        training = measure(arguments.warmup, arguments.repeats, train_step)
    except ValueError as error:
        # PyTorch refuses batch norm in training mode over a single value per channel (batch 1, 1x1 map).
        print(f"note: no training step at batch {batch}: {error}", file=sys.stderr)
        training = None
    return result_line("PyTorch", batch, inference, training, f"CPU, PyTorch {torch.__version__} eager")


def configure_threads() -> int:
    """clcgen's compute-thread policy with no loader workers: every core we may use, unless OMP_NUM_THREADS is set."""
    if "OMP_NUM_THREADS" not in os.environ:
        torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    return torch.get_num_threads()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_spec_arguments(parser)
    parser.add_argument("--batch", type=int, default=8, help="images per pass; batch 1 is measured too (default 8)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs before timing (default 2)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs, the median is reported (default 5)")
    arguments = parser.parse_args()
    if arguments.batch < 1 or arguments.repeats < 1 or arguments.warmup < 0:
        parser.error("--batch and --repeats must be at least 1, --warmup at least 0")

    threads = configure_threads()
    depths = network_from_arguments(arguments).depths
    print(f"=> clcNet{depths}, random {arguments.input_channels}x{arguments.input_size}x{arguments.input_size} images: "
          f"median of {arguments.repeats} timed run{'' if arguments.repeats == 1 else 's'} after {arguments.warmup} warm-up; PyTorch {torch.__version__} "
          f"on {threads} compute threads; peak: {PEAK_MEANING}", flush=True)
    for batch in ([arguments.batch, 1] if arguments.batch != 1 else [1]):
        print(benchmark(arguments, batch), flush=True)


if __name__ == "__main__":
    main()
