using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Assessor.Domain.Checklists;

/// <summary>
/// Turns the text of one checklist file into a validated definition. The host reads the file; this class
/// only sees its text and name, so that the rules stay free of IO.
/// </summary>
public static partial class ChecklistLoader
{
    /// <exception cref="ChecklistFormatException">The text is not a valid checklist; says where and why.</exception>
    public static ChecklistDefinition Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);

        var locations = new Dictionary<object, Mark>(ReferenceEqualityComparer.Instance);
        ChecklistDefinition? definition;
        try
        {
            definition = BuildDeserializer(locations).Deserialize<ChecklistDefinition?>(yaml);
        }
        catch (YamlException error)
        {
            throw new ChecklistFormatException(fileName, error.Start.Line, error.Start.Column, ReasonOf(error), error);
        }

        if (definition is null)
        {
            throw new ChecklistFormatException(fileName, 1, 1, "The file holds no checklist.");
        }

        new ChecklistValidator(fileName, locations).Validate(definition);
        return definition;
    }

    private static IDeserializer BuildDeserializer(Dictionary<object, Mark> locations) =>
        new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithEnforceRequiredMembers()
            .WithDuplicateKeyChecking()
            .WithEnforceNullability()
            .WithNodeTypeResolver(new ReadOnlyListAsListResolver())
            .WithNodeDeserializer(
                objectDeserializer => new LocationRecordingNodeDeserializer(objectDeserializer, locations),
                where => where.InsteadOf<ObjectNodeDeserializer>())
            .Build();

    /// <summary>
    /// YamlDotNet puts the position into the message and often wraps the real cause (a bad number, an
    /// unknown field) in a generic "Exception during deserialization"; keep only the words that help.
    /// </summary>
    private static string ReasonOf(YamlException error)
    {
        var reason = PositionPrefix().Replace(error.Message, "");
        return error.InnerException is { } cause && cause is not YamlException
            ? $"{reason}: {cause.Message}"
            : reason;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    /// <summary>The model exposes read-only lists; YamlDotNet fills them as lists.</summary>
    private sealed class ReadOnlyListAsListResolver : INodeTypeResolver
    {
        public bool Resolve(NodeEvent? nodeEvent, ref Type currentType)
        {
            if (!currentType.IsGenericType || currentType.GetGenericTypeDefinition() != typeof(IReadOnlyList<>))
            {
                return false;
            }

            currentType = typeof(List<>).MakeGenericType(currentType.GetGenericArguments());
            return true;
        }
    }

    /// <summary>
    /// Remembers where each object of the checklist model started in the text, so that rules checked after
    /// deserialisation can still name the line to fix.
    /// </summary>
    private sealed class LocationRecordingNodeDeserializer(INodeDeserializer inner, Dictionary<object, Mark> locations)
        : INodeDeserializer
    {
        public bool Deserialize(
            IParser reader,
            Type expectedType,
            Func<IParser, Type, object?> nestedObjectDeserializer,
            out object? value,
            ObjectDeserializer rootDeserializer)
        {
            var start = reader.Current?.Start;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }

            if (value is not null && start is { } mark)
            {
                locations[value] = mark;
            }

            return true;
        }
    }
}
