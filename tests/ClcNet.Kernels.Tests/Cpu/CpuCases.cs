using ClcNet.Kernels.Cpu;

namespace ClcNet.Kernels.Tests.Cpu;

/// <summary>The shapes and instruction-set levels the CPU kernel tests run.</summary>
public static class CpuCases
{
    /// <summary>
    /// (in, out, stride, g1, g2, input size, batch): the tiny <see cref="BlockCases"/> plus the published layouts from
    /// 32 to 1024 channels on sizes that are not multiples of any vector width (7, 13), odd 3x3 groups, stride 3, and
    /// a map large enough to be cut into several row tiles. Small maps and batches keep the large ones fast.
    /// </summary>
    public static TheoryData<int, int, int, int, int, int, int> Shapes
    {
        get
        {
            TheoryData<int, int, int, int, int, int, int> cases = BlockCases.All;
            cases.Add(32, 64, 1, 16, 2, 13, 3);     // clcNet stage 0 layout, batch 3
            cases.Add(64, 128, 2, 32, 2, 13, 1);    // stride 2, odd size
            cases.Add(128, 128, 1, 64, 2, 7, 3);
            cases.Add(256, 512, 2, 128, 2, 14, 1);  // stride 2, even size
            cases.Add(512, 512, 1, 256, 2, 7, 1);
            cases.Add(1024, 1024, 1, 512, 2, 7, 1);
            cases.Add(9, 6, 1, 3, 3, 5, 1);         // 3-channel groups: an output pair and a single one
            cases.Add(6, 6, 3, 3, 3, 8, 2);         // stride 3: three phases per axis
            cases.Add(32, 32, 1, 16, 2, 57, 1);     // 57 x 57: several row tiles, the last one shorter
            return cases;
        }
    }

    /// <summary>Every <see cref="SimdLevel"/> this machine can run, by name (the enum is internal).</summary>
    public static TheoryData<string> Levels
    {
        get
        {
            var levels = new TheoryData<string>();
            foreach (string level in LevelNames)
            {
                levels.Add(level);
            }
            return levels;
        }
    }

    private static IEnumerable<string> LevelNames =>
        Enum.GetValues<SimdLevel>().Where(level => level <= CpuSimd.Best).Select(level => level.ToString());

    /// <summary>Forces the named level until disposed.</summary>
    internal static IDisposable Force(string level) => CpuSimd.Force(Enum.Parse<SimdLevel>(level));

    /// <summary>Every shape at every level.</summary>
    public static TheoryData<string, int, int, int, int, int, int, int> ShapesAtEveryLevel
    {
        get
        {
            var cases = new TheoryData<string, int, int, int, int, int, int, int>();
            foreach (string level in LevelNames)
            {
                foreach (object?[] shape in Shapes)
                {
                    cases.Add(level, (int)shape[0]!, (int)shape[1]!, (int)shape[2]!, (int)shape[3]!, (int)shape[4]!, (int)shape[5]!, (int)shape[6]!);
                }
            }
            return cases;
        }
    }
}
