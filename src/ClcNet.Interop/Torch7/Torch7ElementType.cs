namespace ClcNet.Interop.Torch7;

/// <summary>The element type of a Torch7 tensor or storage (the <c>real</c> of TH's generic code).</summary>
public enum Torch7ElementType
{
    /// <summary><c>unsigned char</c>: torch.ByteTensor, torch.CudaByteTensor.</summary>
    Byte,

    /// <summary><c>char</c> (signed): torch.CharTensor, torch.CudaCharTensor.</summary>
    Char,

    /// <summary><c>short</c>: torch.ShortTensor, torch.CudaShortTensor.</summary>
    Short,

    /// <summary><c>int</c>: torch.IntTensor, torch.CudaIntTensor.</summary>
    Int,

    /// <summary><c>long</c> (8 bytes in files written on 64-bit Linux and macOS): torch.LongTensor, torch.CudaLongTensor.</summary>
    Long,

    /// <summary><c>float</c>: torch.FloatTensor, torch.CudaTensor.</summary>
    Float,

    /// <summary><c>double</c>: torch.DoubleTensor, torch.CudaDoubleTensor.</summary>
    Double,

    /// <summary>IEEE half precision: torch.HalfTensor, torch.CudaHalfTensor.</summary>
    Half,
}
