// clcgen sets TorchSharp's process-wide thread count, and training seeds its process-wide random generator:
// commands must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
