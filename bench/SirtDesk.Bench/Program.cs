using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SirtDesk.Bench.CvssBenchmarks).Assembly).Run(args);
