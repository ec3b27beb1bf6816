using Xunit;

namespace SiteStatus.Tests;

public sealed class SummaryBuilderTests
{
    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.95, 3.85)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void Percentile_InterpolatesBetweenRanks(double p, double expected) =>
        Assert.Equal(expected, ResponseTimeStatistics.Percentile([1.0, 2.0, 3.0, 4.0], p), precision: 10);

    [Fact]
    public void Percentile_OfOneValue_IsThatValue() => Assert.Equal(7.0, ResponseTimeStatistics.Percentile([7.0], 0.95));
}
