using System.Diagnostics;
using SirtDesk.SbomBench;
using SirtDesk.Standards.CycloneDx;
using SirtDesk.Standards.Osv;
using SirtDesk.Standards.Sbom;

// Issue 8 figures: parse+index 200,000 OSV advisories (zip and folder), match a 10,000-component SBOM, peak memory.
//   SirtDesk.SbomBench --generate DIR [COMPONENTS ADVISORIES]   write the synthetic data only
//   SirtDesk.SbomBench DIR [COMPONENTS ADVISORIES]              generate when DIR/sbom.json is missing, then measure
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SirtDesk.SbomBench [--generate] DIR [COMPONENTS ADVISORIES]");
    return 64;
}
var generateOnly = args[0] == "--generate";
var rest = generateOnly ? args[1..] : args;
var dir = rest[0];
var components = rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var advisories = rest.Length > 2 ? int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000;

var files = SbomBenchFiles.In(dir);
if (generateOnly || !File.Exists(files.Sbom))
{
    var g = Stopwatch.StartNew();
    files = SbomBenchData.Generate(dir, components, advisories);
    Console.WriteLine($"generated {components:N0} components and {advisories:N0} advisories in {g.Elapsed.TotalSeconds:F1} s " +
        $"(folder {FolderBytes(files.OsvFolder) / 1e6:F0} MB, zip {new FileInfo(files.OsvZip).Length / 1e6:F0} MB, sbom {new FileInfo(files.Sbom).Length / 1e6:F1} MB)");
    if (generateOnly)
    {
        return 0;
    }
}

Console.WriteLine($"cores: {Environment.ProcessorCount}, GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, .NET {Environment.Version}");

OsvIndex Import(string path, string label, bool parallel)
{
    var cpu0 = Cpu();
    var sw = Stopwatch.StartNew();
    var read = 0;
    var bad = 0;
    var index = OsvIndex.Build((parallel ? OsvSource.ReadParallel(path) : OsvSource.Read(path)).Where(r =>
    {
        read++;
        bad += r.Advisory is null ? 1 : 0;
        return r.Advisory is not null;
    }).Select(r => r.Advisory!));
    var seconds = sw.Elapsed.TotalSeconds;
    var cpu = Cpu() - cpu0;
    Console.WriteLine($"import {label,-22}: {read:N0} records ({bad} invalid, {read - bad - index.Count:N0} withdrawn) parsed+indexed in {seconds:F2} s wall = {read / seconds:N0} advisories/s " +
        $"({cpu:F2} s CPU = {read / cpu:N0} advisories per CPU-second); " +
        $"managed heap {GC.GetTotalMemory(false) / 1e6:F0} MB, peak working set so far {PeakMb():F0} MB");
    return index;
}

// Warm the code paths on a small slice so the first measured import is not a JIT measurement.
OsvIndex.Build(OsvSource.Read(files.OsvZip).Take(2000).Where(r => r.Advisory is not null).Select(r => r.Advisory!));

var sequential = Import(files.OsvZip, "zip, one thread", parallel: false);
sequential = null;
GC.Collect();
var fromZip = Import(files.OsvZip, "zip, parallel parse", parallel: true);
fromZip = null;
GC.Collect();
OsvIndex? index = Import(files.OsvFolder, "folder, parallel parse", parallel: true);

var parseCpu0 = Cpu();
var parse = Stopwatch.StartNew();
var parsed = CycloneDxParser.Parse(File.OpenRead(files.Sbom));
var parseCold = parse.Elapsed.TotalSeconds;
parse.Restart();
parsed = CycloneDxParser.Parse(File.OpenRead(files.Sbom));
var parseWarm = parse.Elapsed.TotalSeconds;
var parseCpu = Cpu() - parseCpu0;
if (parsed.Bom is not { } bom)
{
    Console.Error.WriteLine($"generated SBOM is invalid: {parsed.Error}");
    return 1;
}
Console.WriteLine($"sbom parse+schema validation: {bom.Components.Count:N0} components in {parseCold:F2} s (first, includes building the 1.6 schema), {parseWarm:F2} s (again); both together {parseCpu:F2} s CPU");

var matchCpu0 = Cpu();
var times = new List<double>();
IReadOnlyList<byte[]> lines = [];
for (var i = 0; i < 5; i++)
{
    var sw = Stopwatch.StartNew();
    lines = SbomMatchCommand.Match(bom, index);
    times.Add(sw.Elapsed.TotalSeconds);
}
var first = times[0];
var matchCpu = (Cpu() - matchCpu0) / times.Count;
times.Sort();
var affected = lines.Select(l => System.Text.Encoding.UTF8.GetString(l).Split('\t')[0]).Distinct(StringComparer.Ordinal).Count();
Console.WriteLine($"match: {bom.Components.Count:N0} components against {index.Count:N0} advisories: {lines.Count:N0} lines ({affected:N0} affected components); " +
    $"first {first:F3} s, min {times[0]:F3} s, median {times[2]:F3} s of 5 runs (mean CPU {matchCpu:F3} s per run)");
var info = GC.GetGCMemoryInfo(GCKind.Any);
Console.WriteLine($"peak working set {PeakMb():F0} MB; managed heap now {GC.GetTotalMemory(false) / 1e6:F0} MB; " +
    $"GC heap at last GC {info.HeapSizeBytes / 1e6:F0} MB; collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; allocated total {GC.GetTotalAllocatedBytes() / 1e9:F1} GB");
GC.KeepAlive(index);
index = null;
GC.Collect();
SplitParseAndIndex(files.OsvZip);
return 0;

// How the import time splits: reading and parsing alone (records kept), then indexing that list. Run last, so its
// second copy of the data does not raise the peak reported above.
static void SplitParseAndIndex(string zip)
{
    var cpu0 = Cpu();
    var sw = Stopwatch.StartNew();
    var all = OsvSource.Read(zip).Where(r => r.Advisory is not null).Select(r => r.Advisory!).ToList();
    var parseOnlyCpu = Cpu() - cpu0;
    Console.WriteLine($"split: parse only, zip, one thread: {all.Count:N0} records in {sw.Elapsed.TotalSeconds:F2} s wall ({parseOnlyCpu:F2} s CPU = {all.Count / parseOnlyCpu:N0} per CPU-second), kept in a list");
    cpu0 = Cpu();
    sw.Restart();
    var indexOnly = OsvIndex.Build(all);
    Console.WriteLine($"split: index only (from that list): {indexOnly.Count:N0} advisories in {sw.Elapsed.TotalSeconds:F2} s wall ({Cpu() - cpu0:F2} s CPU)");
}

static double PeakMb()
{
    using var p = Process.GetCurrentProcess();
    p.Refresh();
    return p.PeakWorkingSet64 / 1e6;
}

static double Cpu()
{
    using var p = Process.GetCurrentProcess();
    return p.TotalProcessorTime.TotalSeconds;
}

static long FolderBytes(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
