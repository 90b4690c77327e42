// ILGPU compiles kernels into a dynamic assembly named ILGPURuntime, which must see the shape structs the
// kernels are instantiated with; generated code that keeps its shapes internal emits the same line.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ILGPURuntime")]
