// Compiled twice: as an MSBuild inline task by ClcNet.Build.targets (RoslynCodeTaskFactory),
// and into the tests. Keep it to one file with no dependencies beyond MSBuild and the BCL.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;

namespace ClcNet.Build;

/// <summary>
/// Makes TorchSharp's native glue load on hosts whose libstdc++ predates GCC 13.
/// </summary>
/// <remarks>
/// <c>libLibTorchSharp.so</c> needs <c>GLIBCXX_3.4.32</c> only for
/// <c>std::ios_base_library_init()</c>, a marker symbol that is never called. Marking that
/// one version need weak (<c>VER_FLG_WEAK</c> on its <c>Vernaux</c> entry) lets the dynamic
/// loader accept an older libstdc++. Only the copy in an output folder is patched, never
/// the NuGet cache; build output only when the host's libstdc++ lacks the version, output
/// for other machines (<see cref="ForAnyHost"/>) always.
/// </remarks>
public sealed class WeakenGlibcxxVersionNeed : ITask
{
    public const string Version = "GLIBCXX_3.4.32";

    public IBuildEngine BuildEngine { get; set; } = null!;

    public ITaskHost HostObject { get; set; } = null!;

    /// <summary>The copy of libLibTorchSharp.so in an output folder.</summary>
    [Required]
    public string LibraryPath { get; set; } = "";

    /// <summary>
    /// Mark the need weak whatever this host's libstdc++ has: for output that runs on other
    /// machines (a published folder, a tool package).
    /// </summary>
    public bool ForAnyHost { get; set; }

    public bool Execute()
    {
        try
        {
            string? hostLibrary = ElfVersions.FindHostLibStdCxx();
            bool hostHasVersion = hostLibrary != null && ElfVersions.DefinesVersion(hostLibrary, Version);
            if (hostHasVersion && !ForAnyHost)
            {
                return true;
            }
            if (ElfVersions.MarkVersionNeedWeak(LibraryPath, Version))
            {
                string reason = hostHasVersion ? "output for other hosts" : $"host libstdc++ '{hostLibrary ?? "not found"}' lacks it";
                Log($"ClcNet: marked {Version} weak in {LibraryPath} ({reason}).");
            }
            return true;
        }
        catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
        {
            BuildEngine.LogErrorEvent(new BuildErrorEventArgs(
                "ClcNet", "CLCBUILD001", LibraryPath, 0, 0, 0, 0,
                $"Could not patch {LibraryPath} for older libstdc++: {e.Message}. Delete the output folder and rebuild.",
                null, nameof(WeakenGlibcxxVersionNeed)));
            return false;
        }
    }

    private void Log(string message) =>
        BuildEngine.LogMessageEvent(new BuildMessageEventArgs(message, null, nameof(WeakenGlibcxxVersionNeed), MessageImportance.Normal));
}

/// <summary>Reads and edits the GNU symbol-versioning sections of 64-bit little-endian ELF files.</summary>
public static class ElfVersions
{
    public const ushort WeakFlag = 0x2;

    private const uint SectionTypeVersionDefinitions = 0x6ffffffd;
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;

    private static readonly string[] LibraryDirectories =
    {
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
    };

    /// <summary>The libstdc++.so.6 the dynamic loader would pick: LD_LIBRARY_PATH first, then the system folders.</summary>
    public static string? FindHostLibStdCxx()
    {
        var directories = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            directories.AddRange(fromEnvironment!.Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries));
        }
        directories.AddRange(LibraryDirectories);
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, "libstdc++.so.6");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Whether the library defines (exports) the symbol version <paramref name="version"/>.</summary>
    public static bool DefinesVersion(string path, string version)
    {
        byte[] elf = File.ReadAllBytes(path);
        IReadOnlyList<Section> sections = ReadSections(elf);
        foreach (Section section in sections)
        {
            if (section.Type != SectionTypeVersionDefinitions)
            {
                continue;
            }
            Section strings = sections[(int)section.Link];
            long definition = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                long auxiliary = definition + ReadUInt32(elf, definition + 12);
                if (ReadString(elf, strings.Offset + ReadUInt32(elf, auxiliary)) == version)
                {
                    return true;
                }
                uint next = ReadUInt32(elf, definition + 16);
                if (next == 0)
                {
                    break;
                }
                definition += next;
            }
        }
        return false;
    }

    /// <summary>File offsets of the <c>vna_flags</c> fields of every need of <paramref name="version"/>.</summary>
    public static IReadOnlyList<long> FindVersionNeedFlags(byte[] elf, string version)
    {
        var offsets = new List<long>();
        IReadOnlyList<Section> sections = ReadSections(elf);
        foreach (Section section in sections)
        {
            if (section.Type != SectionTypeVersionNeeds)
            {
                continue;
            }
            Section strings = sections[(int)section.Link];
            long need = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort auxiliaryCount = ReadUInt16(elf, need + 2);
                long auxiliary = need + ReadUInt32(elf, need + 8);
                for (int j = 0; j < auxiliaryCount; j++)
                {
                    if (ReadString(elf, strings.Offset + ReadUInt32(elf, auxiliary + 8)) == version)
                    {
                        offsets.Add(auxiliary + 4);
                    }
                    auxiliary += ReadUInt32(elf, auxiliary + 12);
                }
                uint next = ReadUInt32(elf, need + 12);
                if (next == 0)
                {
                    break;
                }
                need += next;
            }
        }
        return offsets;
    }

    /// <summary>
    /// Sets <c>VER_FLG_WEAK</c> on every need of <paramref name="version"/>; returns whether the
    /// file changed. Writes a temporary file and renames it, so a hard-linked source is never touched.
    /// </summary>
    public static bool MarkVersionNeedWeak(string path, string version)
    {
        byte[] elf = File.ReadAllBytes(path);
        bool changed = false;
        foreach (long flags in FindVersionNeedFlags(elf, version))
        {
            ushort value = ReadUInt16(elf, flags);
            if ((value & WeakFlag) == 0)
            {
                value |= WeakFlag;
                elf[flags] = (byte)value;
                elf[flags + 1] = (byte)(value >> 8);
                changed = true;
            }
        }
        if (changed)
        {
            string temporary = path + ".clcnet-tmp";
            File.WriteAllBytes(temporary, elf);
            File.Delete(path);
            File.Move(temporary, path);
        }
        return changed;
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static IReadOnlyList<Section> ReadSections(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }
        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        }
        long tableOffset = (long)ReadUInt64(elf, 0x28);
        ushort entrySize = ReadUInt16(elf, 0x3a);
        ushort count = ReadUInt16(elf, 0x3c);
        var sections = new Section[count];
        for (int i = 0; i < count; i++)
        {
            long header = tableOffset + (long)i * entrySize;
            sections[i] = new Section(
                ReadUInt32(elf, header + 4), (long)ReadUInt64(elf, header + 24),
                ReadUInt32(elf, header + 40), ReadUInt32(elf, header + 44));
        }
        return sections;
    }

    private static void CheckRange(byte[] elf, long offset, int length)
    {
        if (offset < 0 || offset + length > elf.Length)
        {
            throw new InvalidDataException($"truncated ELF file (offset {offset} beyond {elf.Length} bytes)");
        }
    }

    private static ushort ReadUInt16(byte[] elf, long offset)
    {
        CheckRange(elf, offset, 2);
        return (ushort)(elf[offset] | elf[offset + 1] << 8);
    }

    private static uint ReadUInt32(byte[] elf, long offset)
    {
        CheckRange(elf, offset, 4);
        return (uint)(elf[offset] | elf[offset + 1] << 8 | elf[offset + 2] << 16 | elf[offset + 3] << 24);
    }

    private static ulong ReadUInt64(byte[] elf, long offset) =>
        ReadUInt32(elf, offset) | (ulong)ReadUInt32(elf, offset + 4) << 32;

    private static string ReadString(byte[] elf, long offset)
    {
        CheckRange(elf, offset, 1);
        long end = offset;
        while (end < elf.Length && elf[end] != 0)
        {
            end++;
        }
        return Encoding.ASCII.GetString(elf, (int)offset, (int)(end - offset));
    }
}
