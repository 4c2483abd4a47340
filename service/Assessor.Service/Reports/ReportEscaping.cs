using System.Net;
using System.Text;

namespace Assessor.Service.Reports;

/// <summary>
/// How a string becomes inert text in each output format. Every string the templates receive has passed
/// through one of these, so a template cannot forget to escape.
/// </summary>
internal static class ReportEscaping
{
    private const string MarkdownMetacharacters = "\\`*_{}[]()#+-.!|~";

    /// <summary>HTML text and attribute-safe: encodes <c>&lt; &gt; &amp; " '</c>.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Markdown that renders as the literal text: <c>&lt; &gt; &amp;</c> become entities (no raw HTML), the other
    /// metacharacters are backslash-escaped (no emphasis, links or headings), and line breaks become spaces so
    /// a value cannot end a table row.
    /// </summary>
    public static string Markdown(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        // ReplaceLineEndings also catches CR, NEL and the Unicode line and paragraph separators.
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    if (MarkdownMetacharacters.Contains(c))
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
