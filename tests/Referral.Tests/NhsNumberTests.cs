using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class NhsNumberTests
{
    // Check digits worked by hand with weights 10..2: e.g. 943476591 sums to 299, 299 mod 11 = 2, 11 - 2 = 9.
    [Theory]
    [InlineData("9434765919", "9434765919")]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("943-476-5919", "9434765919")]
    [InlineData(" 9434765919 ", "9434765919")]
    [InlineData("4010232137", "4010232137")]
    [InlineData("4505577104", "4505577104")]
    [InlineData("4857773457", "4857773457")]
    [InlineData("1234567881", "1234567881")]
    // Sum 330 is divisible by 11: 11 - 0 = 11, which means a check digit of 0.
    [InlineData("9876543210", "9876543210")]
    [InlineData("1000000060", "1000000060")]
    public void Accepts_numbers_whose_check_digit_holds(string input, string digits)
    {
        NhsNumber.TryParse(input, out var nhsNumber, out var failure).ShouldBeTrue(failure);
        nhsNumber!.Value.ShouldBe(digits);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData("943476591", "exactly 10 digits")]
    [InlineData("94347659190", "exactly 10 digits")]
    [InlineData("943476591X", "only digits")]
    [InlineData("943.476.5919", "only digits")]
    [InlineData("９４３４７６５９１９", "only digits")]
    [InlineData("9434765918", "Modulus 11")]
    [InlineData("9434765910", "Modulus 11")]
    [InlineData("4934765919", "Modulus 11")]
    // 123456789 gives 11 - (252 mod 11) = 10: no check digit can make it valid.
    [InlineData("1234567890", "Modulus 11")]
    [InlineData("1234567891", "Modulus 11")]
    [InlineData("1000000010", "Modulus 11")]
    [InlineData("0000000000", "placeholder")]
    [InlineData("9999999999", "placeholder")]
    [InlineData("1111111111", "placeholder")]
    public void Refuses_with_the_reason(string? input, string reason)
    {
        NhsNumber.TryParse(input, out var nhsNumber, out var failure).ShouldBeFalse();
        nhsNumber.ShouldBeNull();
        failure.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("943476591", 9)]
    [InlineData("401023213", 7)]
    [InlineData("987654321", 0)]
    [InlineData("000000001", 9)]
    [InlineData("123456789", null)]
    [InlineData("100000001", null)]
    public void Computes_the_check_digit_or_none_for_remainder_10(string firstNine, int? expected) =>
        NhsNumber.CheckDigitFor(firstNine).ShouldBe(expected);

    [Fact]
    public void Parse_refuses_with_invalid_argument_on_the_named_field_without_the_number()
    {
        var refusal = Should.Throw<DomainException>(() => NhsNumber.Parse("9434765918", "patient.nhs_number"));

        refusal.Kind.ShouldBe(DomainErrorKind.InvalidArgument);
        refusal.Violations.ShouldHaveSingleItem().Field.ShouldBe("patient.nhs_number");
        refusal.Message.ShouldNotContain("9434765918");
        refusal.Message.ShouldNotContain("943");
    }

    [Theory]
    [InlineData("9434765919")]
    [InlineData("4010232137")]
    public void ToString_is_masked(string input)
    {
        var nhsNumber = NhsNumber.Parse(input);

        nhsNumber.ToString().ShouldBe("*** *** ****");
        $"{nhsNumber}".ShouldNotContain(input[^4..]);
    }

    [Fact]
    public void Numbers_written_differently_are_equal() =>
        NhsNumber.Parse("943 476 5919").ShouldBe(NhsNumber.Parse("9434765919"));
}
