namespace Assessor.Service.WebConsole;

/// <summary>The console's only stylesheet, served from <c>/console/console.css</c> (the CSP allows styles from the service itself, none inline).</summary>
public static class ConsoleStyles
{
    public static readonly string Css = ReadResource();

    private static string ReadResource()
    {
        using var stream = typeof(ConsoleStyles).Assembly.GetManifestResourceStream("Assessor.Service.WebConsole.console.css")
            ?? throw new InvalidOperationException("The console stylesheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
