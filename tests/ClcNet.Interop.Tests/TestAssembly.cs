// TorchSharp's random generator, thread count and allocator are process-wide, and the fuzz test measures this
// thread's allocations: tests must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
