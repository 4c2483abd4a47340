using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

public static class OpenApiExtensions
{
    private const string SchemeId = "Bearer";

    /// <summary>
    /// /openapi/v1.json: descriptions from the API types' XML doc comments (plus <see cref="FrameworkSchemaDescriptions"/>),
    /// <c>required</c> by <see cref="RequiredMembersTransformer"/>, and the API-key bearer scheme required on exactly
    /// the operations that need a key (<see cref="BearerRequirementTransformer"/>); the answers every operation can give
    /// (<see cref="CrossCuttingResponsesTransformer"/>), typed members (<see cref="MemberSchemasTransformer"/>,
    /// <see cref="ComponentSchemasTransformer"/>), and info, tags and operation descriptions (<see cref="DocumentInfoTransformer"/>).
    /// </summary>
    public static IServiceCollection AddAssessorOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer(new RequiredMembersTransformer());
            options.AddSchemaTransformer(new FrameworkSchemaDescriptions());
            options.AddSchemaTransformer(new MemberSchemasTransformer());
            options.AddOperationTransformer(new BearerRequirementTransformer(SchemeId));
            options.AddOperationTransformer(new CrossCuttingResponsesTransformer());
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [SchemeId] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API key issued by an admin: Authorization: Bearer <key>.",
                    },
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer(new DocumentInfoTransformer());
            options.AddDocumentTransformer(new ComponentSchemasTransformer());
            options.AddDocumentTransformer(new DescriptionLayoutTransformer());
        });
}
