using System.Net;
using System.Text;

namespace Assessor.Service.Reports;

/// <summary>
/// How a string becomes inert text in each output format. Every string the templates receive has passed
/// through one of these, so a template cannot forget to escape.
/// </summary>
public static class ReportEscaping
{
    // Inline anywhere: code, emphasis, links (no "[" means no "](" and no "!["), table cells, strikethrough.
    private const string InlineMetacharacters = "\\`*_[]|~";

    // Only where a line starts: headings, lists, block quotes, setext underlines and thematic breaks.
    private const string LineStartMetacharacters = "#-+=";

    /// <summary>HTML text and attribute-safe: encodes <c>&lt; &gt; &amp; " '</c>.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Markdown that renders as the literal text and still reads as text: <c>&lt; &gt; &amp;</c> become entities (no
    /// raw HTML), the inline metacharacters are backslash-escaped (no code, emphasis, links or cell breaks), the block
    /// ones only where the value starts (no heading, list or rule), and line breaks become spaces so a value cannot end
    /// a table row. Dates, URLs, figures and parentheses stay as they are.
    /// </summary>
    public static string Markdown(string text)
    {
        // ReplaceLineEndings also catches CR, NEL and the Unicode line and paragraph separators.
        var flat = text.ReplaceLineEndings(" ");
        var builder = new StringBuilder(flat.Length + 16);
        // "1. " or "1) " at the start would begin an ordered list ("2.50" would not).
        var leadingDigits = flat.TakeWhile(char.IsAsciiDigit).Count();
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    var startsBlock = (i == 0 && LineStartMetacharacters.Contains(c)) || (i == leadingDigits && i > 0 && c is '.' or ')' && (i + 1 == flat.Length || flat[i + 1] == ' '));
                    if (startsBlock || InlineMetacharacters.Contains(c))
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
