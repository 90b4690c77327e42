// TorchSharp's random generator and thread count are process-wide: tests that seed, build and train networks
// (and the CLI, which sets the thread count) must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
