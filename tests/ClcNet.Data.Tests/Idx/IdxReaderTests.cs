using ClcNet.Data.Idx;
using ClcNet.Data.Tests.Support;

namespace ClcNet.Data.Tests.Idx;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_raw_and_gzip_files_by_content(bool gzip)
    {
        var images = IdxBytes.Images(count: 2, rows: 3, columns: 4);
        var labels = IdxBytes.Labels(7, 1);
        // The .bin names show that compression is recognised from the bytes, not the extension.
        var imagesPath = folder.Write("images.bin", gzip ? IdxBytes.Gzip(images) : images);
        var labelsPath = folder.Write("labels.bin", gzip ? IdxBytes.Gzip(labels) : labels);

        IdxImages read = IdxReader.ReadImages(imagesPath);

        Assert.Equal((2, 3, 4), (read.Count, read.Rows, read.Columns));
        Assert.Equal(Enumerable.Range(12, 12).Select(i => (byte)i), read.Image(1).ToArray());
        Assert.Equal([7, 1], IdxReader.ReadLabels(labelsPath));
    }

    public static TheoryData<string, byte[], string> BrokenImageFiles => new()
    {
        { "empty", [], "too short to be an IDX file" },
        { "bad magic", [0x12, 0x34, 0x08, 0x03, .. new byte[12]], "is not an IDX file (magic number 12340803" },
        { "float elements", IdxBytes.File(0x0D, [1, 1, 1], new byte[4]), "element type 0x0D" },
        { "labels given as images", IdxBytes.Labels(1, 2, 3), "has 1 dimensions but an image file has 3; are the images and labels files swapped?" },
        { "zero rows", IdxBytes.File(0x08, [5, 0, 28], []), "declares dimension 1 as 0" },
        { "negative count", IdxBytes.File(0x08, [-1, 28, 28], []), "declares dimension 0 as -1" },
        { "header cut", IdxBytes.Images(1, 2, 2)[..9], "truncated inside its header" },
        { "data cut", IdxBytes.Images(3, 2, 2)[..^5], "is truncated: 3 x 2 x 2 needs 12 data bytes but only 7 follow the header" },
        { "trailing bytes", [.. IdxBytes.Images(1, 2, 2), 0], "has bytes after the 1 x 2 x 2 data it declares" },
        { "oversized", IdxBytes.File(0x08, [60000, 60000, 60000], []), "too large to load" },
        { "broken gzip", [0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], "not a valid gzip file" },
        { "gzip of a cut file", IdxBytes.Gzip(IdxBytes.Images(3, 2, 2)[..^1]), "is truncated" },
    };

    [Theory]
    [MemberData(nameof(BrokenImageFiles))]
    public void Rejects_a_broken_image_file_with_a_one_line_error_naming_it(string name, byte[] bytes, string problem)
    {
        var path = folder.Write(name.Replace(' ', '-'), bytes);

        DatasetException error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Rejects_images_given_as_labels()
    {
        var path = folder.Write("images", IdxBytes.Images(1, 2, 2));

        DatasetException error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("has 3 dimensions but a label file has 1", error.Message);
    }

    [Fact]
    public void Reports_a_missing_file_as_a_dataset_error()
    {
        var path = Path.Combine(folder.Path, "absent");

        DatasetException error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("cannot be read", error.Message);
    }
}
