namespace ClcNet.Kernels.Cpu;

/// <summary>A kernel call written once over <see cref="ISimd{TVector}"/>, run at the active level by <see cref="CpuSimd.Run"/>.</summary>
internal interface ISimdJob
{
    /// <summary>Runs the call with the vector operations of <typeparamref name="TSimd"/>.</summary>
    void Run<TSimd, TVector>()
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged;
}
