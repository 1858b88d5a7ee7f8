using System.Buffers;
using System.IO.Compression;

namespace SirtDesk.Standards.Osv;

/// <summary>One record read from a source: the advisory, or the reason the entry was not one.</summary>
public sealed record OsvReadResult(string Entry, OsvAdvisory? Advisory, string? Error);

/// <summary>
/// Streams OSV records from a folder of <c>*.json</c> files (searched recursively) or from a zip of them, as
/// osv.dev publishes per ecosystem (<c>gs://osv-vulnerabilities/npm/all.zip</c>). Entries are read in ordinal
/// name order, one at a time, so memory holds one file's bytes beside what the caller keeps.
/// </summary>
public static class OsvSource
{
    /// <summary>Larger entries are reported as errors rather than read (the largest osv.dev records are a few MB).</summary>
    public const long MaxRecordBytes = 32 * 1024 * 1024;

    private const string TooLarge = "larger than 32 MiB; not read";

    // Symbolic links are not followed: a link loop cannot make the walk endless, nothing outside the folder is read.
    private static readonly EnumerationOptions Walk = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };

    /// <summary>Reads a folder or a zip (whichever <paramref name="path"/> is); throws when it is neither.</summary>
    public static IEnumerable<OsvReadResult> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return ReadFolder(path);
        }
        if (File.Exists(path))
        {
            return ReadZip(path);
        }
        throw new FileNotFoundException($"no folder or zip at {path}", path);
    }

    /// <summary>
    /// Like <see cref="Read"/>, in the same order, but parses on every core while one thread reads files or
    /// inflates zip entries (a zip stream cannot be read in parallel).
    /// </summary>
    public static IEnumerable<OsvReadResult> ReadParallel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IEnumerable<(string Entry, byte[]? Bytes)> raw = Directory.Exists(path) ? RawFolder(path)
            : File.Exists(path) ? RawZip(path)
            : throw new FileNotFoundException($"no folder or zip at {path}", path);
        return raw.AsParallel().AsOrdered()
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(r => r.Bytes is null ? new OsvReadResult(r.Entry, null, TooLarge) : new OsvReadResult(r.Entry, OsvParser.Parse(r.Bytes, out var error), error));
    }

    private static IEnumerable<(string, byte[]?)> RawFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.json", Walk).ToList();
        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var tooLarge = new FileInfo(file).Length > MaxRecordBytes;
            yield return (Path.GetRelativePath(folder, file), tooLarge ? null : File.ReadAllBytes(file));
        }
    }

    private static IEnumerable<(string, byte[]?)> RawZip(string zipPath)
    {
        using var stream = File.OpenRead(zipPath);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        foreach (var entry in entries)
        {
            if (entry.Length > MaxRecordBytes)
            {
                yield return (entry.FullName, null);
                continue;
            }
            var bytes = new byte[entry.Length];
            using (var s = entry.Open())
            {
                var read = s.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                if (read < bytes.Length)
                {
                    Array.Resize(ref bytes, read);
                }
            }
            yield return (entry.FullName, bytes);
        }
    }

    public static IEnumerable<OsvReadResult> ReadFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.json", Walk).ToList();
        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (new FileInfo(file).Length > MaxRecordBytes)
            {
                yield return new OsvReadResult(Path.GetRelativePath(folder, file), null, TooLarge);
                continue;
            }
            var bytes = File.ReadAllBytes(file);
            var advisory = OsvParser.Parse(bytes, out var error);
            yield return new OsvReadResult(Path.GetRelativePath(folder, file), advisory, error);
        }
    }

    public static IEnumerable<OsvReadResult> ReadZip(string zipPath)
    {
        using var stream = File.OpenRead(zipPath);
        foreach (var result in ReadZip(stream))
        {
            yield return result;
        }
    }

    /// <summary>Reads the <c>*.json</c> entries of a zip; a stream that is not a zip throws <see cref="InvalidDataException"/>.</summary>
    public static IEnumerable<OsvReadResult> ReadZip(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var entries = archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !e.FullName.EndsWith('/')).ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var entry in entries)
            {
                if (entry.Length > MaxRecordBytes)
                {
                    yield return new OsvReadResult(entry.FullName, null, TooLarge);
                    continue;
                }
                var length = (int)entry.Length;
                if (buffer.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }
                int read;
                using (var s = entry.Open())
                {
                    read = s.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
                }
                var advisory = OsvParser.Parse(buffer.AsSpan(0, read), out var error);
                yield return new OsvReadResult(entry.FullName, advisory, error);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
