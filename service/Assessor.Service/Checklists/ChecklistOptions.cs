using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Checklists;

/// <summary>Bound from <c>Assessor:Checklists</c>; checked at start.</summary>
public sealed class ChecklistOptions : IValidatableObject
{
    public const string Section = "Assessor:Checklists";

    /// <summary>Folder of <c>*.yaml</c> definitions; by default the copy shipped beside the service binary.</summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "checklists");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Directory.Exists(Path))
        {
            yield return new ValidationResult($"{Section}:Path: the checklist folder '{Path}' does not exist.", [nameof(Path)]);
        }
    }
}
