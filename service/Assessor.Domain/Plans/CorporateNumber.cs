namespace Assessor.Domain.Plans;

/// <summary>Japanese corporate number (法人番号): 13 digits, the first being a check digit.</summary>
public static class CorporateNumber
{
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 13 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        return value[0] - '0' == CheckDigit(value.AsSpan(1));
    }

    /// <summary>check = 9 − (Σ Pn·Qn mod 9), P1 the rightmost of the 12 base digits, Q = 1 for odd n, 2 for even n.</summary>
    public static int CheckDigit(ReadOnlySpan<char> baseDigits)
    {
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var digit = baseDigits[12 - n] - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }

        return 9 - (sum % 9);
    }
}
