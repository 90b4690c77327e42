namespace ClcNet.Kernels.Cpu;

/// <summary>
/// A map's rows cut into <see cref="Count"/> tiles of at most <see cref="Rows"/> rows (the last may be shorter), as
/// many rows as fit <c>maxPixels</c>, in tiles of near-equal height.
/// </summary>
internal readonly record struct RowTiles(int Count, int Rows)
{
    /// <summary>Tiles of a <paramref name="height"/> x <paramref name="width"/> map, at most <paramref name="maxPixels"/> pixels each (one row at least).</summary>
    public static RowTiles For(int height, int width, int maxPixels)
    {
        int maxRows = Math.Clamp(maxPixels / width, 1, height);
        int count = (height + maxRows - 1) / maxRows;
        return new RowTiles(count, (height + count - 1) / count);
    }

    /// <summary>The first row of tile <paramref name="tile"/>.</summary>
    public int First(int tile) => tile * Rows;

    /// <summary>The rows of tile <paramref name="tile"/> in a map of <paramref name="height"/> rows.</summary>
    public int RowsOf(int tile, int height) => Math.Min(Rows, height - tile * Rows);
}
