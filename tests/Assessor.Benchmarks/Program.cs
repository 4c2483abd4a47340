using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Assessor.Benchmarks.TypicalPlanBenchmark).Assembly).Run(args);
