// TorchSharp's random generator is process-wide: tests that seed and build networks must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
