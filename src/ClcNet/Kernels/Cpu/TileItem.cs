namespace ClcNet.Kernels.Cpu;

/// <summary>
/// One work item of a kernel that cuts each sample's map into <see cref="RowTiles"/> and each tile's work into
/// parts (runs of channel groups, chunks of output channels): the sample, the tile's rows, which part, and the
/// most rows any tile has (what the item's scratch is sized for).
/// </summary>
internal readonly record struct TileItem(int Sample, int FirstRow, int Rows, int Part, int RowsPerTile)
{
    /// <summary>
    /// Runs <paramref name="body"/> on <see cref="CpuWorkers"/> once for every (sample, tile, part) of
    /// <paramref name="batch"/> samples of a map of <paramref name="height"/> rows cut into <paramref name="tiles"/>,
    /// each tile into <paramref name="parts"/> parts.
    /// </summary>
    public static void ForEach(int batch, RowTiles tiles, int height, int parts, Action<TileItem> body) =>
        CpuWorkers.For(batch * tiles.Count * parts, item =>
        {
            int tile = item / parts % tiles.Count;
            body(new TileItem(item / parts / tiles.Count, tiles.First(tile), tiles.RowsOf(tile, height), item % parts, tiles.Rows));
        });
}
