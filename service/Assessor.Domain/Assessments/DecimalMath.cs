namespace Assessor.Domain.Assessments;

/// <summary>Roots in decimal, so reported rates do not pass through binary floating point.</summary>
public static class DecimalMath
{
    private const decimal Tolerance = 1e-24m;

    /// <summary>The real cube root (negative for a negative value), by Newton's method to decimal's precision.</summary>
    public static decimal CubeRoot(decimal value)
    {
        if (value == 0m)
        {
            return 0m;
        }

        if (value < 0m)
        {
            return -CubeRoot(-value);
        }

        // A double estimate only seeds the iteration; Newton then converges quadratically in decimal.
        var root = (decimal)Math.Cbrt((double)value);
        for (var i = 0; i < 20; i++)
        {
            var next = ((2m * root) + (value / (root * root))) / 3m;
            var step = Math.Abs(next - root);
            root = next;
            if (step <= Tolerance)
            {
                break;
            }
        }

        return root;
    }

    /// <summary>Rounds a rate for reporting; decisions never use the rounded value.</summary>
    public static decimal RoundRate(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
