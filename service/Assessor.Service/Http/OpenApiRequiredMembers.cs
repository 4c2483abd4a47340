using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Assessor.Service.Attestations;
using Assessor.Service.Decisions;
using Assessor.Service.Identity;
using Assessor.Service.Specialists;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>
/// Sets each object schema's <c>required</c> to the members that are always there. The framework's own guess
/// (every constructor parameter, every C# <c>required</c> member) is wrong both ways for this API: members written
/// only when not null (the JSON options ignore nulls on writing) were listed, and members that are always written
/// but set by an initializer (e.g. <c>taxBenefit.moneyRounding</c>) were not.
/// </summary>
/// <remarks>
/// A schema here serves one direction, but nothing in the schema context says which, so one rule covers both:
/// a member is required when it is always written, i.e. it is not ignored on writing, or it is ignored only
/// when null and cannot be null. For the request documents bound by the serializer (the plan document, the DSSE
/// envelope) that is exactly their C# <c>required</c> members, which the serializer enforces. The request records
/// that are validated by hand (nullable members, so that a missing member is a validation problem naming it
/// rather than a binding failure) are listed in <see cref="HandValidatedRequests"/> instead.
/// </remarks>
internal sealed class RequiredMembersTransformer : IOpenApiSchemaTransformer
{
    /// <summary>
    /// The members that the endpoints' own validation insists on, for the request records it validates by hand.
    /// Members needed only in some cases (e.g. <c>corporateNumber</c> for an applicant) are not required; their
    /// descriptions say when they are needed.
    /// </summary>
    internal static readonly IReadOnlyDictionary<Type, string[]> HandValidatedRequests = new Dictionary<Type, string[]>
    {
        [typeof(CreatePrincipalRequest)] = [nameof(CreatePrincipalRequest.Name), nameof(CreatePrincipalRequest.Role)],
        [typeof(CreateSpecialistRequest)] =
        [
            nameof(CreateSpecialistRequest.RegistrationNumber), nameof(CreateSpecialistRequest.Kind), nameof(CreateSpecialistRequest.Name),
            nameof(CreateSpecialistRequest.EmployerCorporateNumber), nameof(CreateSpecialistRequest.ValidFrom),
        ],
        [typeof(AddSpecialistKeyRequest)] = [nameof(AddSpecialistKeyRequest.PublicKeyPem)],
        [typeof(StartRunRequest)] = [nameof(StartRunRequest.ChecklistId), nameof(StartRunRequest.Version)],
        [typeof(AnswerRequest)] = [nameof(AnswerRequest.Answer)],
        [typeof(EvidenceRequest)] = [nameof(EvidenceRequest.Name), nameof(EvidenceRequest.Sha256)],
        [typeof(DecisionRequest)] = [nameof(DecisionRequest.Decision)],
        [typeof(SelfChecks.SelfCheckAnswerRequest)] = [nameof(SelfChecks.SelfCheckAnswerRequest.Answer)],
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        HandValidatedRequests.TryGetValue(type.Type, out var handValidated);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.Properties.Where(p => properties.ContainsKey(p.Name)))
        {
            if (handValidated is null ? IsAlwaysWritten(property, type.Options) : handValidated.Contains(MemberName(property)))
            {
                required.Add(property.Name);
            }
        }

        if (handValidated is not null)
        {
            // A null for a member the validation insists on is refused like a missing one: the schema says so.
            foreach (var name in required)
            {
                if (properties[name] is OpenApiSchema { Type: { } jsonType } member)
                {
                    member.Type = jsonType & ~JsonSchemaType.Null;
                }
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }

    private static bool IsAlwaysWritten(JsonPropertyInfo property, JsonSerializerOptions options)
    {
        if (property.Get is null)
        {
            return false;
        }

        // The member's own [JsonIgnore] condition, else the options' default (which ignores nulls on writing).
        var condition = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().FirstOrDefault()?.Condition ?? options.DefaultIgnoreCondition;
        return condition switch
        {
            JsonIgnoreCondition.Never or JsonIgnoreCondition.WhenReading => true,
            JsonIgnoreCondition.WhenWritingNull => !CanBeNull(property),
            _ => false,
        };
    }

    private static bool CanBeNull(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsGetNullable);

    private static string MemberName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
}
