using Assessor.Benchmarks.Load;
using BenchmarkDotNet.Running;

// "load" runs the HTTP load benchmark (load/LoadBenchmark.cs); anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "load")
{
    return await LoadBenchmark.RunAsync(args[1..]);
}

// Not typeof(Program): the service, which the log benchmarks reference, has a Program of its own.
BenchmarkSwitcher.FromAssembly(typeof(Assessor.Benchmarks.TypicalPlanBenchmark).Assembly).Run(args);
return 0;
