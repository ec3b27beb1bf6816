using System;
using System.Collections;
using System.Linq;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Every condition of a site is judged and listed, whatever fails first; header conditions among them.</summary>
public sealed class ConditionTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private static readonly string[] TwoJsonConditions = ["status == UP", "version == 9.9.9"];

    private readonly TestSite _site = fixture.Site;

    private Uri WithHeader(string name, string value) =>
        new(_site.Http, $"/with-header?name={Uri.EscapeDataString(name)}&value={Uri.EscapeDataString(value)}");

    [Fact]
    public void EveryCondition_IsListed_WithWhatItFound_AlsoAfterOneFailed()
    {
        var result = PowerShellHost.CheckOne(WithHeader("Cache-Control", "max-age=60"), new Hashtable
        {
            ["ContentMatch"] = "UP",
            ["NotContentMatch"] = "maintenance",
            ["HeaderCondition"] = "Cache-Control =~ max-age",
            ["JsonCondition"] = TwoJsonConditions,
            ["MaximumResponseTimeMs"] = 60_000,
        });

        Assert.Equal((SiteState.Down, FailureKind.ConditionFailed), (result.Status, result.Failure));
        Assert.Equal(
            [
                ("Body =~ UP", true, "\"UP\""),
                ("Body !~ maintenance", true, "no match in the first 31 characters"),
                ("Cache-Control =~ max-age", true, "\"max-age=60\""),
                ("status == UP", true, "\"UP\""),
                ("version == 9.9.9", false, "\"2.1\""),
                ("ResponseTimeMs <= 60000", true, result.Conditions[5].Observed),
            ],
            result.Conditions.Select(c => (c.Condition, c.Passed, c.Observed)));
        Assert.Matches("^[0-9]+ ms$", result.Conditions[5].Observed);
        Assert.Equal("Condition 'version == 9.9.9' failed: found \"2.1\".", result.Reason);
    }

    [Fact]
    public void ResponseTime_IsJudged_AlsoWhenAJsonConditionFailed_AndTheReasonCountsEveryFailure()
    {
        var result = PowerShellHost.CheckOne(new Uri(_site.Http, "/delay/300"), new Hashtable
        {
            ["JsonCondition"] = "status == UP",
            ["MaximumResponseTimeMs"] = 100,
        });

        Assert.Equal(2, result.Conditions.Count);
        Assert.All(result.Conditions, c => Assert.False(c.Passed));
        Assert.StartsWith("The body is not JSON (", result.Reason, StringComparison.Ordinal);
        Assert.EndsWith("'status == UP' cannot hold (and 1 more of 2).", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentMismatch_StillSaysContentMismatch_AndTheOtherConditionsAreJudged()
    {
        var result = PowerShellHost.CheckOne(WithHeader("X-Mode", "live"), new Hashtable
        {
            ["NotContentMatch"] = "\"status\"",
            ["HeaderCondition"] = "X-Mode == maintenance",
        });

        Assert.Equal(FailureKind.ContentMismatch, result.Failure);
        Assert.Equal("The body matches '\"status\"', which it must not (and 1 more of 2).", result.Reason);
        Assert.Equal([false, false], result.Conditions.Select(c => c.Passed));
        Assert.Equal("\"live\"", result.Conditions[1].Observed);
    }

    [Theory]
    [InlineData("Cache-Control", "max-age=600", "Cache-Control =~ max-age", true, "\"max-age=600\"")]
    [InlineData("cache-control", "no-store", "Cache-Control =~ max-age", false, "\"no-store\"")]
    [InlineData("Age", "42", "Age < 600", true, "\"42\"")]
    [InlineData("Age", "4200", "Age < 600", false, "\"4200\"")]
    [InlineData("X-Version", "2.0", "X-Version == 2", true, "\"2.0\"")]
    [InlineData("X-Version", "2.10", "X-Version =~ ^2\\.10$", true, "\"2.10\"")]
    [InlineData("X-Version", "2.10", "X-Version == '2.10'", true, "\"2.10\"")]
    [InlineData("X-Id", "007", "X-Id =~ ^007$", true, "\"007\"")]
    [InlineData("X-Flag", "true", "X-Flag == true", true, "\"true\"")]
    [InlineData("X-Other", "1", "Cache-Control =~ max-age", false, "no Cache-Control header")]
    [InlineData("X-Other", "1", "Content-Type == application/json", true, "\"application/json\"")]
    public void HeaderCondition_ComparesTheAnswersHeader(string header, string value, string condition, bool passes, string observed)
    {
        var result = PowerShellHost.CheckOne(WithHeader(header, value), new Hashtable { ["HeaderCondition"] = condition });

        Assert.Equal(passes ? FailureKind.None : FailureKind.ConditionFailed, result.Failure);
        Assert.Equal((condition, passes, observed), Assert.Single(result.Conditions) is var c ? (c.Condition, c.Passed, c.Observed) : default);
    }

    [Fact]
    public void HeaderCondition_ComesFromACsvColumn_AndAskingWithHeadStillWorks()
    {
        var rows = new[] { $"Url,HeaderCondition,Method", $"{WithHeader("Cache-Control", "max-age=5").AbsoluteUri},Cache-Control =~ max-age;Content-Type =~ json,Head" };

        var (output, errors) = PowerShellHost.Run("$rows | ConvertFrom-Csv | Test-SiteStatus", ("rows", rows));

        Assert.Empty(errors);
        var result = (SiteStatusResult)Assert.Single(output).BaseObject;
        Assert.Equal((FailureKind.None, "HEAD"), (result.Failure, result.Method));
        Assert.Equal(["Cache-Control =~ max-age", "Content-Type =~ json"], result.Conditions.Select(c => c.Condition));
    }

    [Fact]
    public void AQuotedValueWithASemicolon_IsOneCondition_AsAParameterAndInACell()
    {
        var url = WithHeader("X-Type", "text/plain; charset=utf-8").AbsoluteUri;
        var rows = new[] { "Url,HeaderCondition", $"{url},X-Type == 'text/plain; charset=utf-8';X-Type =~ plain" };

        var parameter = PowerShellHost.CheckOne(new Uri(url), new Hashtable { ["HeaderCondition"] = "X-Type == 'text/plain; charset=utf-8'" });
        var (output, errors) = PowerShellHost.Run("$rows | ConvertFrom-Csv | Test-SiteStatus", ("rows", rows));

        Assert.Equal(FailureKind.None, parameter.Failure);
        Assert.Empty(errors);
        var cell = (SiteStatusResult)Assert.Single(output).BaseObject;
        Assert.Equal(["X-Type == 'text/plain; charset=utf-8'", "X-Type =~ plain"], cell.Conditions.Select(c => c.Condition));
        Assert.Equal(FailureKind.None, cell.Failure);
    }

    [Fact]
    public void AHeaderWithALineBreak_OrANameThatIsNone_IsNeverSent()
    {
        var url = new Uri(_site.Http, "/ok").AbsoluteUri;

        var (parameterOutput, parameterErrors) = PowerShellHost.Run("Test-SiteStatus $url -Headers @{ Authorization = \"Bearer s3cr3t`r`nX-Inj: z\" }", ("url", url));
        var (rowOutput, rowErrors) = PowerShellHost.Run(
            "[pscustomobject]@{ Url = $url; Headers = [pscustomobject]@{ Authorization = \"Bearer s3cr3t`nX-Inj: y\" } }, @{ Url = $url; Headers = @{ 'Bad Name' = 'v' } } | Test-SiteStatus",
            ("url", url));

        Assert.Empty(parameterOutput);
        Assert.StartsWith("InvalidHeader,", Assert.Single(parameterErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(rowOutput);
        Assert.Equal(2, rowErrors.Count);
        Assert.All(rowErrors, e => Assert.StartsWith("InvalidSiteSetting,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.All(parameterErrors.Concat(rowErrors), e => Assert.DoesNotContain("s3cr3t", e.Exception.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Cache-Control")]
    [InlineData("Age < old")]
    [InlineData("Bad Name == 1")]
    [InlineData("X =~ (")]
    public void BadHeaderCondition_IsAParameterError_AndABadCellAnInvalidSiteSetting(string condition)
    {
        var url = new Uri(_site.Http, "/ok").AbsoluteUri;

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -HeaderCondition $condition", ("url", url), ("condition", condition));
        var (rowOutput, rowErrors) = PowerShellHost.Run("@{ Url = $url; HeaderCondition = $condition } | Test-SiteStatus", ("url", url), ("condition", condition));

        Assert.Empty(output);
        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(rowOutput);
        Assert.StartsWith("InvalidSiteSetting,", Assert.Single(rowErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
