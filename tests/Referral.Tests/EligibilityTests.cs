using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class AgeCalculatorTests
{
    [Theory]
    [InlineData("2009-06-01", "2025-06-01", 16)] // the 16th birthday itself
    [InlineData("2009-06-02", "2025-06-01", 15)] // the day before it
    [InlineData("2009-05-31", "2025-06-01", 16)]
    [InlineData("2009-12-31", "2025-01-01", 15)]
    [InlineData("2000-01-01", "2000-01-01", 0)]
    // Born on 29 February: in a common year the birthday is 1 March, so 28 February is still the year before.
    [InlineData("2008-02-29", "2024-02-28", 15)]
    [InlineData("2008-02-29", "2024-02-29", 16)]
    [InlineData("2008-02-29", "2025-02-28", 16)]
    [InlineData("2009-02-28", "2025-02-28", 16)]
    [InlineData("2008-02-29", "2023-02-28", 14)]
    [InlineData("2008-02-29", "2023-03-01", 15)]
    public void Counts_completed_years(string dateOfBirth, string today, int age) =>
        AgeCalculator.AgeOn(DateOnly.Parse(dateOfBirth), DateOnly.Parse(today)).ShouldBe(age);
}

public class EligibilityPolicyTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData("2009-06-01")] // 16 today
    [InlineData("1950-01-01")]
    [InlineData("1905-06-02")] // 119
    public void Admits_adults_by_default(string dateOfBirth) =>
        new EligibilityPolicy().Check(DateOnly.Parse(dateOfBirth), Today).ShouldBeEmpty();

    [Theory]
    [InlineData("2009-06-02", "minimum age of 16")] // 16 tomorrow
    [InlineData("2025-06-02", "in the future")]
    [InlineData("2030-01-01", "in the future")]
    [InlineData("1904-06-01", "over 120")]
    public void Refuses_with_the_reason(string dateOfBirth, string reason)
    {
        var violation = new EligibilityPolicy().Check(DateOnly.Parse(dateOfBirth), Today).ShouldHaveSingleItem();

        violation.Field.ShouldBe("patient.date_of_birth");
        violation.Description.ShouldContain(reason);
        violation.Description.ShouldNotContain(dateOfBirth[..4]);
    }

    [Fact]
    public void Leap_day_births_turn_16_on_1_march_in_a_common_year()
    {
        var policy = new EligibilityPolicy();
        var bornOnLeapDay = new DateOnly(2008, 2, 29);

        policy.Check(bornOnLeapDay, new DateOnly(2024, 2, 28)).ShouldNotBeEmpty();
        policy.Check(bornOnLeapDay, new DateOnly(2024, 2, 29)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(18, null, "2007-06-01", true)]
    [InlineData(18, null, "2007-06-02", false)]
    [InlineData(18, 65, "1960-06-01", true)]
    [InlineData(18, 65, "1959-06-01", false)]
    [InlineData(0, null, "2025-06-01", true)]
    public void Uses_the_configured_ages(int minimum, int? maximum, string dateOfBirth, bool eligible) =>
        new EligibilityPolicy(minimum, maximum).Check(DateOnly.Parse(dateOfBirth), Today).Count.ShouldBe(eligible ? 0 : 1);

    [Theory]
    [InlineData(-1, null)]
    [InlineData(121, null)]
    [InlineData(18, 17)]
    [InlineData(18, 121)]
    public void Refuses_impossible_configurations(int minimum, int? maximum) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new EligibilityPolicy(minimum, maximum));
}
