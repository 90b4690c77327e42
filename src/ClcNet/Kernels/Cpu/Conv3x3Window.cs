namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The input rows that one tile of the 3x3 convolution reads, copied into a zero-padded scratch buffer laid out so
/// that every tap of every output pixel is a plain load: the tap (ky, kx) of the tile's flattened output pixel q
/// reads <c>taps[ky * 3 + kx][q]</c>. Rows above and below the map read zeros; the columns left and right of it
/// wrap to the neighbouring row and are cleared by <see cref="ColumnMasks"/>.
/// </summary>
/// <remarks>
/// A stride-S input is split into phases, plane (py, px) holding <c>input[S*y + py][S*x + px]</c> on the output's
/// grid, so that tap k of an axis reads phase <c>(k - 1) mod S</c> shifted by <c>floor((k - 1) / S)</c> in {-1, 0, 1}:
/// a strided convolution becomes a stride-1 one over at most 3x3 phase planes. Each plane is
/// <c>[1 guard zero][rows x width][zeros]</c>, rows being the tile's output rows plus one above and one below.
/// </remarks>
internal static unsafe class Conv3x3Window
{
    /// <summary>Phase planes per axis of a stride-<paramref name="stride"/> input: the distinct phases the 3 taps read.</summary>
    public static int PhaseCount(int stride) => Math.Min(stride, 3);

    /// <summary>Floats of one plane for <paramref name="rows"/> rows of <paramref name="width"/> read by vectors of <paramref name="lanes"/>.</summary>
    public static int PlaneFloats(int rows, int width, int lanes) => ThreadScratch.Round(rows * width + lanes + 2);

    /// <summary>
    /// Copies the phase planes of one input channel <paramref name="plane"/> [height, width] for output rows
    /// [firstRow + 1, firstRow + rows - 1) of a stride-<paramref name="stride"/> convolution with output width
    /// <paramref name="outputWidth"/>: <c>PhaseCount^2</c> planes of <paramref name="planeFloats"/> each.
    /// </summary>
    public static void CopyPhases<TSimd, TVector>(float* plane, int height, int width, int stride, int firstRow, int rows, int outputWidth,
        int planeFloats, float* destination)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        if (stride == 1)
        {
            CopyRows(plane, height, width, firstRow, rows, planeFloats, destination);
            return;
        }
        if (stride == 2)
        {
            CopyHalves<TSimd, TVector>(plane, height, width, firstRow, rows, outputWidth, planeFloats, destination);
            return;
        }
        int phases = PhaseCount(stride);
        for (int phaseY = 0; phaseY < phases; phaseY++)
        {
            for (int phaseX = 0; phaseX < phases; phaseX++)
            {
                float* target = destination + (phaseY * phases + phaseX) * planeFloats;
                int rowPhase = PhaseValue(phaseY, stride);
                int columnPhase = PhaseValue(phaseX, stride);
                target[0] = 0;
                for (int row = 0; row < rows; row++)
                {
                    float* line = target + 1 + row * outputWidth;
                    int y = stride * (firstRow + row) + rowPhase;
                    if (y < 0 || y >= height)
                    {
                        new Span<float>(line, outputWidth).Clear();
                    }
                    else
                    {
                        float* source = plane + y * width + columnPhase;
                        int inside = Math.Min(outputWidth, (width - columnPhase + stride - 1) / stride);
                        for (int x = 0; x < inside; x++)
                        {
                            line[x] = source[x * stride];
                        }
                        new Span<float>(line + inside, outputWidth - inside).Clear();
                    }
                }
                ClearSlack(target, rows * outputWidth, planeFloats);
            }
        }
    }

    /// <summary>
    /// Copies one channel of the output gradient <paramref name="plane"/> [height, width] of a stride-<paramref name="stride"/>
    /// convolution onto the input's grid, zeros between (the gradient as a stride-1 convolution sees it), for input
    /// rows [firstRow + 1, firstRow + rows - 1) of width <paramref name="inputWidth"/>: one plane.
    /// </summary>
    public static void CopyUpsampled<TSimd, TVector>(float* plane, int height, int width, int stride, int firstRow, int rows, int inputWidth,
        int planeFloats, float* destination)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        if (stride == 1)
        {
            // The gradient is already on the input's grid: the one phase plane of a stride-1 input.
            CopyPhases<TSimd, TVector>(plane, height, width, stride, firstRow, rows, inputWidth, planeFloats, destination);
            return;
        }
        destination[0] = 0;
        for (int row = 0; row < rows; row++)
        {
            float* line = destination + 1 + row * inputWidth;
            int y = firstRow + row;
            if (y < 0 || y % stride != 0 || y / stride >= height)
            {
                new Span<float>(line, inputWidth).Clear();
            }
            else
            {
                float* source = plane + y / stride * width;
                int x = 0;
                if (stride == 2)
                {
                    // Each gradient value and a zero, side by side: two vectors of the row per vector of gradient.
                    for (; 2 * (x + TSimd.Lanes) <= inputWidth && x + TSimd.Lanes <= width; x += TSimd.Lanes)
                    {
                        TSimd.Interleave(TSimd.Load(source + x), TSimd.Zero, out TVector first, out TVector second);
                        TSimd.Store(line + 2 * x, first);
                        TSimd.Store(line + 2 * x + TSimd.Lanes, second);
                    }
                }
                new Span<float>(line + x * stride, inputWidth - x * stride).Clear();
                int inside = Math.Min(width, (inputWidth + stride - 1) / stride);
                for (; x < inside; x++)
                {
                    line[x * stride] = source[x];
                }
            }
        }
        ClearSlack(destination, rows * inputWidth, planeFloats);
    }

    // Stride 2: every input row gives one row of the two column-phase planes of its row phase, split by vector.
    private static void CopyHalves<TSimd, TVector>(float* plane, int height, int width, int firstRow, int rows, int outputWidth,
        int planeFloats, float* destination)
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        for (int rowPhase = 0; rowPhase < 2; rowPhase++)
        {
            float* even = destination + rowPhase * 2 * planeFloats;
            float* odd = even + planeFloats;
            even[0] = 0;
            odd[0] = 0;
            for (int row = 0; row < rows; row++)
            {
                float* evenLine = even + 1 + row * outputWidth;
                float* oddLine = odd + 1 + row * outputWidth;
                int y = 2 * (firstRow + row) + rowPhase;
                if (y < 0 || y >= height)
                {
                    new Span<float>(evenLine, outputWidth).Clear();
                    new Span<float>(oddLine, outputWidth).Clear();
                    continue;
                }
                float* source = plane + y * width;
                int x = 0;
                for (; 2 * (x + TSimd.Lanes) <= width; x += TSimd.Lanes)
                {
                    TSimd.Deinterleave(TSimd.Load(source + 2 * x), TSimd.Load(source + 2 * x + TSimd.Lanes), out TVector evens, out TVector odds);
                    TSimd.Store(evenLine + x, evens);
                    TSimd.Store(oddLine + x, odds);
                }
                for (; x < outputWidth; x++)
                {
                    evenLine[x] = 2 * x < width ? source[2 * x] : 0f;
                    oddLine[x] = 2 * x + 1 < width ? source[2 * x + 1] : 0f;
                }
            }
            ClearSlack(even, rows * outputWidth, planeFloats);
            ClearSlack(odd, rows * outputWidth, planeFloats);
        }
    }

    // Stride 1: the window's rows are the map's, so the rows inside the map are one block copy, zeros around it.
    private static void CopyRows(float* plane, int height, int width, int firstRow, int rows, int planeFloats, float* destination)
    {
        int top = Math.Clamp(-firstRow, 0, rows);
        int end = Math.Clamp(height - firstRow, top, rows);
        destination[0] = 0;
        new Span<float>(destination + 1, top * width).Clear();
        new Span<float>(plane + (firstRow + top) * width, (end - top) * width).CopyTo(new Span<float>(destination + 1 + top * width, (end - top) * width));
        new Span<float>(destination + 1 + end * width, (rows - end) * width).Clear();
        ClearSlack(destination, rows * width, planeFloats);
    }

    /// <summary>The 9 tap pointers into the phase planes <see cref="CopyPhases"/> wrote at <paramref name="window"/>.</summary>
    public static void PhaseTaps(float* window, int stride, int outputWidth, int planeFloats, float** taps)
    {
        int phases = PhaseCount(stride);
        for (int ky = 0; ky < 3; ky++)
        {
            for (int kx = 0; kx < 3; kx++)
            {
                float* plane = window + (PhaseIndex(ky, stride) * phases + PhaseIndex(kx, stride)) * planeFloats;
                taps[ky * 3 + kx] = plane + 1 + (1 + Shift(ky, stride)) * outputWidth + Shift(kx, stride);
            }
        }
    }

    /// <summary>The 9 tap pointers into one stride-1 plane (<see cref="CopyUpsampled"/>) of width <paramref name="width"/>.</summary>
    public static void StrideOneTaps(float* window, int width, float** taps)
    {
        for (int tap = 0; tap < 9; tap++)
        {
            taps[tap] = window + 1 + tap / 3 * width + tap % 3 - 1;
        }
    }

    /// <summary>
    /// Lane masks (all bits set, or zero) for <paramref name="pixels"/> flattened output pixels of rows of
    /// <paramref name="width"/>: <paramref name="left"/> clears column 0, where taps kx = 0 read left of the map;
    /// <paramref name="right"/> clears the last column when <paramref name="rightTapsShift"/> (stride 1, where taps kx = 2
    /// read right of it).
    /// </summary>
    public static void ColumnMasks(int pixels, int width, bool rightTapsShift, float* left, float* right)
    {
        float set = BitConverter.Int32BitsToSingle(-1);
        for (int q = 0, x = 0; q < pixels; q++, x = x + 1 == width ? 0 : x + 1)
        {
            left[q] = x == 0 ? 0f : set;
            right[q] = rightTapsShift && x == width - 1 ? 0f : set;
        }
    }

    /// <summary>Whether taps kx = 2 of a stride-<paramref name="stride"/> convolution read one column right of the output's.</summary>
    public static bool RightTapsShift(int stride) => Shift(2, stride) == 1;

    // Tap k of an axis reads input S*o - 1 + k = S*(o + Shift) + Phase.
    private static int Phase(int tap, int stride) => ((tap - 1) % stride + stride) % stride;

    private static int Shift(int tap, int stride) => (tap - 1 - Phase(tap, stride)) / stride;

    // Planes are ordered by phase 0, 1, and (stride 3 and more) stride - 1.
    private static int PhaseIndex(int tap, int stride) => stride <= 2 ? Phase(tap, stride) : (tap + 2) % 3;

    private static int PhaseValue(int index, int stride) => stride <= 2 || index < 2 ? index : stride - 1;

    private static void ClearSlack(float* plane, int values, int planeFloats) =>
        new Span<float>(plane + 1 + values, planeFloats - 1 - values).Clear();
}
