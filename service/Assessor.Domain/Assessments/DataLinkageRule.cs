using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>R1: at least one linkage of a qualifying kind.</summary>
public sealed class DataLinkageRule : IRequirementRule
{
    public string Id => RequirementIds.DataLinkage;

    public RequirementResult Evaluate(AssessmentContext context)
    {
        var reasons = new List<Reason>();
        var qualifying = new List<string>();
        var notQualifying = new List<LinkageExclusion>();
        foreach (var linkage in context.Plan.Linkages)
        {
            var reason = Judge(linkage);
            reasons.Add(reason);
            if (reason.Code == ReasonCodes.LinkageQualifies)
            {
                qualifying.Add(linkage.Id);
            }
            else
            {
                notQualifying.Add(new LinkageExclusion(linkage.Id, reason.Code));
            }
        }

        if (qualifying.Count == 0)
        {
            reasons.Add(Reasons.NoQualifyingLinkage());
        }

        return RequirementResult.Decide(Id, qualifying.Count > 0, reasons, new DataLinkageFigures(qualifying, notQualifying));
    }

    private static Reason Judge(Linkage linkage) => linkage.Kind switch
    {
        LinkageKind.InternalOnly => Reasons.LinkageInternalOnly(linkage),
        LinkageKind.NewData when linkage.NewlyAcquired != true => Reasons.LinkageDataNotNew(linkage),
        _ => Reasons.LinkageQualifies(linkage),
    };
}

/// <summary>Ids of the qualifying linkages, and each other linkage with the code that says why it does not qualify.</summary>
/// <param name="Qualifying">The ids of the linkages that qualify as data linkage under the measure.</param>
/// <param name="NotQualifying">Every other linkage, with the reason code that says why it does not qualify.</param>
public sealed record DataLinkageFigures(IReadOnlyList<string> Qualifying, IReadOnlyList<LinkageExclusion> NotQualifying);

/// <summary>A linkage that does not qualify, and why.</summary>
/// <param name="LinkageId">The linkage's id in the plan.</param>
/// <param name="Reason">The reason code (see docs/assessment-codes.md).</param>
public sealed record LinkageExclusion(string LinkageId, string Reason);
