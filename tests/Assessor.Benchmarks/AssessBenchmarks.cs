using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using BenchmarkDotNet.Attributes;

namespace Assessor.Benchmarks;

/// <summary>PlanAssessor.Assess on a typical plan: 20 assets, 10 linkages, 4 years. Target &lt; 50 µs.</summary>
[MemoryDiagnoser]
public class TypicalPlanBenchmark
{
    private readonly PlanDocument _plan = BenchmarkPlans.Create(assetCount: 20, linkageCount: 10);

    [Benchmark]
    public Assessment AssessTypical() => PlanAssessor.Assess(_plan, Regimes.ConnectedIndustries2018, SecurityStatus.Pending);
}

/// <summary>PlanAssessor.Assess on N assets and N linkages. Target: linear in N, 10,000 under 20 ms.</summary>
[MemoryDiagnoser]
public class ScalingBenchmark
{
    private PlanDocument _plan = null!;

    [Params(10, 1_000, 10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _plan = BenchmarkPlans.Create(Size, Size);

    [Benchmark]
    public Assessment AssessSized() => PlanAssessor.Assess(_plan, Regimes.ConnectedIndustries2018, SecurityStatus.Pending);
}
