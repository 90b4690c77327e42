using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Xunit.Abstractions;

namespace ClcNet.Kernels.Tests;

/// <summary>
/// Compiles every kernel to PTX, as the CUDA accelerator would, without a GPU. The CPU accelerator runs the
/// kernels' .NET code directly, so only this shows that they are valid ILGPU kernels for CUDA, and what a
/// constant shape changes in the device code.
/// </summary>
public sealed partial class KernelSpecializationTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> Kernels => new()
    {
        { nameof(FusedClcBlockKernel), true },
        { nameof(InterlacedConv3x3ForwardKernel), false },
        { nameof(InterlacedConv3x3InputGradientKernel), false },
        { nameof(InterlacedConv3x3WeightGradientKernel), true },
    };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Constant_shape_compiles_to_ptx_with_fewer_divisions_by_run_time_values(string kernel, bool explicitlyGrouped)
    {
        MethodInfo generic = typeof(ClcBlockShape).Assembly.GetType($"ClcNet.Kernels.{kernel}")!.GetMethod("Kernel", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;

        string runTime = CompileToPtx(generic.MakeGenericMethod(typeof(ClcBlockShape)), explicitlyGrouped);
        string constant = CompileToPtx(generic.MakeGenericMethod(typeof(GeneratedStyleShape)), explicitlyGrouped);

        int runTimeDivisions = RegisterDivisions().Count(runTime);
        int constantDivisions = RegisterDivisions().Count(constant);
        output.WriteLine($"{kernel}: integer div/rem by a register, run-time shape {runTimeDivisions}, constant shape {constantDivisions}");
        Assert.Contains(".entry", constant);
        // What remains in the constant version divides by the spatial sizes, which stay run-time values.
        Assert.True(constantDivisions < runTimeDivisions,
            $"{kernel}: the constant shape left {constantDivisions} divisions by registers, the run-time shape {runTimeDivisions}");
    }

    private static string CompileToPtx(MethodInfo kernel, bool explicitlyGrouped)
    {
        using var context = Context.Create(builder => builder.Optimize(OptimizationLevel.O2));
        var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_70),
            CudaArchitecture.SM_70, CudaInstructionSet.ISA_70, nvvmAPI: null);
        EntryPointDescription entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        return ((PTXCompiledKernel)backend.Compile(entry, default(KernelSpecialization))).PTXAssembly;
    }

    // Signed or unsigned 32-bit division or remainder whose divisor is a register, e.g. "rem.s32 %r8, %r2, %r5;".
    [GeneratedRegex(@"\b(div|rem)\.[su]32\s+%r\d+,\s*%r\d+,\s*%r\d+;")]
    private static partial Regex RegisterDivisions();
}
