#!/usr/bin/env python3
"""clcgen bench against its peers, PyTorch eager and ONNX Runtime, on this machine, in one run.

Builds clcgen and the ONNX Runtime peer (Release), exports the PyTorch network to ONNX, then runs the three
ALTERNATELY for a few rounds (each round starting with the next one, so no system always follows another), and
prints every line as it comes, then the medians over the rounds and the ratios of each clcgen kernel family to
the peers. On a shared machine the numbers move by tens of percent from one minute to the next: only the
medians of one alternating run compare.

    python3 bench/compare.py --net clcneta --batch 16 --rounds 3

The peers need PyTorch (and python3-onnx to check the export): Debian's python3-torch and python3-onnx, which
this script installs with apt-get when they are missing (it never does so in CI, where CI is set).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPOSITORY, "bench")
DEBIAN_PACKAGES = ["python3-torch", "python3-onnx"]

# The line every system prints (ClcNet.Cli.Benchmarking.BenchmarkResult); an inference engine has no training part.
PHASE = r"(?P<{0}>[\d.]+) images/s +(?P<{0}_ms>[\d.]+) ms/image  peak +(?P<{0}_peak>[\d.]+) MiB"
RESULT = re.compile(r"^(?P<system>\w+) +batch +(?P<batch>\d+)  inference +" + PHASE.format("inference")
                    + r"(?:  training +" + PHASE.format("training") + r")?  \((?P<device>.+)\)$")


def python_with_torch() -> str:
    """A Python that imports torch and onnx; installs Debian's packages when there is none (never in CI)."""
    candidates = [sys.executable, "/usr/bin/python3"]
    for python in candidates:
        if os.path.exists(python) and subprocess.run([python, "-c", "import torch, onnx"],
                                                     capture_output=True).returncode == 0:
            return python
    if os.environ.get("CI"):
        sys.exit("compare.py: error: the peers need PyTorch (" + " ".join(DEBIAN_PACKAGES) + "); "
                 "CI does not install them: run this on a developer machine")
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit("compare.py: error: the peers need PyTorch; install it, e.g. "
                 "sudo apt-get install " + " ".join(DEBIAN_PACKAGES))
    print("=> installing " + " ".join(DEBIAN_PACKAGES) + " from Debian", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", *DEBIAN_PACKAGES], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    # Debian's packages live in the system Python's dist-packages, whatever `python3` is first on PATH.
    return "/usr/bin/python3"


def run(command, echo_lines=True) -> list:
    """Runs command in the repository; returns its stdout lines, echoed as they come; stops on failure."""
    process = subprocess.Popen(command, cwd=REPOSITORY, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in process.stdout:
        line = line.rstrip("\n")
        lines.append(line)
        if echo_lines:
            print("   " + line, flush=True)
    if process.wait() != 0:
        sys.exit(f"compare.py: error: {' '.join(command)} exited with {process.returncode}")
    return lines


def results(lines) -> list:
    return [match.groupdict() for match in map(RESULT.match, lines) if match]


def network_arguments(arguments) -> list:
    return ["--net", arguments.net, "--input-size", str(arguments.input_size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--net", choices=["clcneta", "clcnetb"], default="clcneta")
    parser.add_argument("--input-size", type=int, default=224)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs before timing, each system (default 2)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--kernels", default="all", help="clcgen bench --kernels (default all)")
    arguments = parser.parse_args()

    python = python_with_torch()
    print("=> building clcgen and the ONNX Runtime peer (Release)", flush=True)
    for project in ["src/ClcNet.Cli", "bench/onnxruntime"]:
        run(["dotnet", "build", project, "-c", "Release", "-v", "quiet", "-nologo"], echo_lines=False)

    timing = ["--batch", str(arguments.batch), "--warmup", str(arguments.warmup), "--repeats", str(arguments.repeats)]
    with tempfile.TemporaryDirectory() as scratch:
        model = os.path.join(scratch, f"{arguments.net}.onnx")
        run([python, os.path.join(BENCH, "onnxruntime", "export_onnx.py"), *network_arguments(arguments),
             "--output", model])
        systems = [
            ("PyTorch eager", [python, os.path.join(BENCH, "pytorch", "bench.py"), *network_arguments(arguments), *timing]),
            ("ONNX Runtime", ["dotnet", "run", "--no-build", "-c", "Release", "--project", "bench/onnxruntime", "--",
                              "--model", model, *timing]),
            ("clcgen bench", ["dotnet", "run", "--no-build", "-c", "Release", "--project", "src/ClcNet.Cli", "--",
                              "bench", *network_arguments(arguments), "--kernels", arguments.kernels, *timing]),
        ]
        measured = {}
        for round_index in range(arguments.rounds):
            for name, command in systems[round_index % len(systems):] + systems[:round_index % len(systems)]:
                print(f"=> round {round_index + 1} of {arguments.rounds}: {name}", flush=True)
                for result in results(run(command)):
                    measured.setdefault((result["system"], int(result["batch"])), []).append(result)
    report(measured, arguments)


def median(rows, field):
    values = [float(row[field]) for row in rows if row[field] is not None]
    return statistics.median(values) if values else None


def report(measured, arguments) -> None:
    print(f"\n=> medians over {arguments.rounds} rounds: {arguments.net} {arguments.input_size}x{arguments.input_size}, "
          f"{os.cpu_count()} cores")
    print(f"{'system':<12} {'batch':>5} {'inference img/s':>16} {'ms/image':>9} {'peak MiB':>9}"
          f" {'training img/s':>15} {'ms/image':>9} {'peak MiB':>9}")
    medians = {}
    for (system, batch), rows in sorted(measured.items(), key=lambda item: (item[0][1] == 1, item[0])):
        row = {field: median(rows, field) for field in ["inference", "inference_peak", "training", "training_peak"]}
        # Time per image of the median throughput (not a median of its own, which could come from another round).
        for phase in ["inference", "training"]:
            row[f"{phase}_ms"] = 1000 / row[phase] if row[phase] is not None else None
        medians[(system, batch)] = row
        cells = [f"{row[field]:{width}.2f}" if row[field] is not None else f"{'-':>{width}}"
                 for field, width in [("inference", 16), ("inference_ms", 9), ("inference_peak", 9),
                                      ("training", 15), ("training_ms", 9), ("training_peak", 9)]]
        print(f"{system:<12} {batch:>5} " + " ".join(cells))

    print("\n=> ratios (throughput of the clcgen family / the peer's; at batch 1 that is the latency ratio)")
    peers = {"PyTorch", "OnnxRuntime"}
    for (system, batch), row in sorted(medians.items(), key=lambda item: (item[0][1] == 1, item[0])):
        if system in peers:
            continue
        parts = []
        for peer in ["PyTorch", "OnnxRuntime"]:
            other = medians.get((peer, batch))
            if other is None:
                continue
            for phase in ["inference", "training"]:
                if row[phase] is not None and other[phase] is not None:
                    parts.append(f"{phase} {row[phase] / other[phase]:.2f}x {peer}")
        print(f"{system:<12} batch {batch:>4}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
