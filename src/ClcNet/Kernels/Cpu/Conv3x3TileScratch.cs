namespace ClcNet.Kernels.Cpu;

/// <summary>
/// One work item's scratch for the 3x3 convolution of one channel group over tiles of up to <c>rowsPerTile</c>
/// rows: the window (<see cref="Conv3x3Window"/>) of each of the group's channels, then the two column masks, carved
/// from the thread's <see cref="ThreadScratch"/> after the floats reserved for the caller (the fused block's
/// interlaced tile). A work item sets it up once, with the tap pointers into each channel's window, and copies
/// every group and tile it takes into it.
/// </summary>
internal readonly unsafe struct Conv3x3TileScratch<TSimd, TVector>
    where TSimd : struct, ISimd<TVector>
    where TVector : unmanaged
{
    private readonly FeatureMapGeometry map;
    private readonly int stride;
    private readonly int channels;
    private readonly int planeFloats;
    private readonly int windowFloats;
    private readonly float* windows;

    private Conv3x3TileScratch(FeatureMapGeometry map, int stride, int channels, int rowsPerTile, int width, int planes, bool rightTapsShift,
        int reservedFloats)
    {
        this.map = map;
        this.stride = stride;
        this.channels = channels;
        planeFloats = Conv3x3Window.PlaneFloats(rowsPerTile + 2, width, TSimd.Lanes);
        windowFloats = planes * planeFloats;
        int maskFloats = ThreadScratch.Round(rowsPerTile * width + TSimd.Lanes);
        Reserved = ThreadScratch.Get(reservedFloats + channels * windowFloats + 2 * maskFloats);
        windows = Reserved + reservedFloats;
        MaskLeft = windows + channels * windowFloats;
        MaskRight = MaskLeft + maskFloats;
        Conv3x3Window.ColumnMasks(maskFloats, width, rightTapsShift, MaskLeft, MaskRight);
    }

    /// <summary>The <c>reservedFloats</c> kept for the caller at the start of the scratch (64-byte aligned).</summary>
    public float* Reserved { get; }

    /// <summary>The mask that clears the taps left of the map (<see cref="Conv3x3Window.ColumnMasks"/>).</summary>
    public float* MaskLeft { get; }

    /// <summary>The mask that clears the taps right of the map.</summary>
    public float* MaskRight { get; }

    /// <summary>
    /// Phase windows of the input of a stride-<paramref name="stride"/> convolution, for its output rows (forward
    /// pass, weight gradient); writes the 9 taps of each channel a at <c>taps + a * 9</c>.
    /// </summary>
    public static Conv3x3TileScratch<TSimd, TVector> ForPhases(FeatureMapGeometry map, int stride, int channels, int rowsPerTile,
        int reservedFloats, float** taps)
    {
        int phases = Conv3x3Window.PhaseCount(stride);
        var scratch = new Conv3x3TileScratch<TSimd, TVector>(map, stride, channels, rowsPerTile, map.OutputWidth, phases * phases,
            Conv3x3Window.RightTapsShift(stride), reservedFloats);
        for (int a = 0; a < channels; a++)
        {
            Conv3x3Window.PhaseTaps(scratch.Window(a), stride, map.OutputWidth, scratch.planeFloats, taps + a * 9);
        }
        return scratch;
    }

    /// <summary>
    /// One stride-1 plane per channel on the input's grid, for the input rows (input gradient: the output gradient
    /// upsampled); writes the 9 taps of each channel j at <c>taps + j * 9</c>.
    /// </summary>
    public static Conv3x3TileScratch<TSimd, TVector> ForUpsampled(FeatureMapGeometry map, int stride, int channels, int rowsPerTile, float** taps)
    {
        var scratch = new Conv3x3TileScratch<TSimd, TVector>(map, stride, channels, rowsPerTile, map.InputWidth, planes: 1,
            rightTapsShift: true, reservedFloats: 0);
        for (int j = 0; j < channels; j++)
        {
            Conv3x3Window.StrideOneTaps(scratch.Window(j), map.InputWidth, taps + j * 9);
        }
        return scratch;
    }

    private float* Window(int channel) => windows + channel * windowFloats;

    /// <summary>
    /// Copies the phase windows of the group's consecutive input channels, the first at <paramref name="firstPlane"/>,
    /// for output rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rows"/>).
    /// </summary>
    public void CopyPhases(float* firstPlane, int firstRow, int rows)
    {
        for (int a = 0; a < channels; a++)
        {
            Conv3x3Window.CopyPhases<TSimd, TVector>(firstPlane + (long)a * map.InputPixels, map.InputHeight, map.InputWidth, stride,
                firstRow - 1, rows + 2, map.OutputWidth, planeFloats, Window(a));
        }
    }

    /// <summary>
    /// Copies output gradient channel <paramref name="plane"/> into channel <paramref name="channel"/>'s plane, upsampled,
    /// for input rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rows"/>).
    /// </summary>
    public void CopyUpsampled(int channel, float* plane, int firstRow, int rows) =>
        Conv3x3Window.CopyUpsampled<TSimd, TVector>(plane, map.OutputHeight, map.OutputWidth, stride, firstRow - 1, rows + 2, map.InputWidth,
            planeFloats, Window(channel));
}
