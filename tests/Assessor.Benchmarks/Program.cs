using Assessor.Benchmarks.Load;
using BenchmarkDotNet.Running;

// "load" runs the HTTP load benchmark (load/LoadBenchmark.cs); anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "load")
{
    return await LoadBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
