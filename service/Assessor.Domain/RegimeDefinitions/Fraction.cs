using System.Globalization;
using System.Numerics;

namespace Assessor.Domain.RegimeDefinitions;

/// <summary>
/// An exact rational number over big integers: thresholds such as "≥ 2/3" or "LP_k ≥ LP_base × 1.01" are
/// decided on it without any rounding, whatever the size of the figures. Rounding happens only when a figure is
/// shown (<see cref="Round"/>).
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    private static readonly BigInteger DecimalMaxMantissa = (BigInteger.One << 96) - 1;

    /// <summary>A fraction in lowest terms with a positive denominator.</summary>
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction's denominator must not be zero.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = gcd.IsOne || gcd.IsZero ? numerator : numerator / gcd;
        Denominator = gcd.IsOne || gcd.IsZero ? denominator : denominator / gcd;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public int Sign => Numerator.Sign;

    public static Fraction Zero { get; } = new(0, 1);

    public static Fraction One { get; } = new(1, 1);

    public static Fraction Of(long value) => new(value, 1);

    /// <summary>The exact value of a <see cref="decimal"/> (its 96-bit mantissa over a power of ten).</summary>
    public static Fraction Of(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return new Fraction(bits[3] < 0 ? -mantissa : mantissa, BigInteger.Pow(10, scale));
    }

    public static Fraction operator +(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>The largest whole number not above the value (whole yen "truncated" for the non-negative amounts of a grant).</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// The value rounded half away from zero to <paramref name="places"/> decimals, for display only; null when it does not
    /// fit a <see cref="decimal"/>.
    /// </summary>
    public decimal? Round(int places)
    {
        var scaled = Numerator * BigInteger.Pow(10, places);
        var quotient = BigInteger.DivRem(BigInteger.Abs(scaled), Denominator, out var remainder);
        if (remainder * 2 >= Denominator)
        {
            quotient += 1;
        }

        if (quotient > DecimalMaxMantissa)
        {
            return null;
        }

        var bytes = quotient.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bytes, 12);
        return new decimal(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8), scaled.Sign < 0, (byte)places);
    }

    /// <summary>"1/2", "2/3": the wire form of a rate.</summary>
    public override string ToString() =>
        Denominator.IsOne
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
