using Assessor.Domain.Assessments;

namespace Assessor.Domain.Tests;

public class DecimalMathTests
{
    [Theory]
    [InlineData("1.061208", "1.02")]
    [InlineData("27", "3")]
    [InlineData("-8", "-2")]
    [InlineData("0", "0")]
    [InlineData("0.001", "0.1")]
    public void Cube_root_of_exact_cubes_is_exact(string value, string root)
    {
        var result = DecimalMath.CubeRoot(TestPlans.Dec(value));

        Assert.Equal(TestPlans.Dec(root), Math.Round(result, 20));
    }
}
