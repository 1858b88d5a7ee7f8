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
    /// <summary>Whether <paramref name="path"/> is a folder or a file (a zip); throws when it is neither.</summary>
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

    public static IEnumerable<OsvReadResult> ReadFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).ToList();
        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
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
                var length = (int)Math.Min(entry.Length, int.MaxValue);
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
