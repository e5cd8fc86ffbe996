using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class OdsCodeTests
{
    [Theory]
    [InlineData("RJ1", "RJ1")]
    [InlineData("15E", "15E")]
    [InlineData("RTK01", "RTK01")]
    [InlineData("A81001", "A81001")]
    [InlineData("a81001", "A81001")]
    [InlineData(" rj1 ", "RJ1")]
    public void Accepts_3_to_6_letters_or_digits_in_upper_case(string input, string expected)
    {
        OdsCode.TryParse(input, out var code, out var failure).ShouldBeTrue(failure);
        code!.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("RJ", "3 to 6 characters")]
    [InlineData("A810012", "3 to 6 characters")]
    [InlineData("A81-01", "only letters and digits")]
    [InlineData("A81 01", "only letters and digits")]
    [InlineData("RÉ1", "only letters and digits")]
    public void Refuses_with_the_reason(string? input, string reason)
    {
        OdsCode.TryParse(input, out _, out var failure).ShouldBeFalse();
        failure.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Parse_names_the_field() =>
        Should.Throw<DomainException>(() => OdsCode.Parse("R")).Violations.ShouldHaveSingleItem().Field.ShouldBe("referring_ods_code");
}

public class UbrnTests
{
    [Theory]
    [InlineData("000011112222", "000011112222")]
    [InlineData("0000 1111 2222", "000011112222")]
    [InlineData("0000-1111-2222", "000011112222")]
    public void Accepts_12_digits_with_separators(string input, string expected)
    {
        Ubrn.TryParse(input, out var ubrn, out var failure).ShouldBeTrue(failure);
        ubrn!.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00001111222")]
    [InlineData("0000111122223")]
    [InlineData("00001111222A")]
    public void Refuses_anything_else(string input)
    {
        Ubrn.TryParse(input, out _, out var failure).ShouldBeFalse();
        failure.ShouldNotBeNull().ShouldContain("exactly 12 digits");
    }
}

public class PostcodeTests
{
    [Theory]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData(" ls1  4ap ", "LS1 4AP")]
    [InlineData("GIR 0AA", "GIR 0AA")]
    public void Accepts_uk_postcodes_in_standard_form(string input, string expected)
    {
        Postcode.TryParse(input, out var postcode, out var failure).ShouldBeTrue(failure);
        postcode!.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("LS1", "not a UK postcode")]
    [InlineData("1S1 4AP", "not a UK postcode")]
    [InlineData("LS1 4A1", "not a UK postcode")]
    [InlineData("LS1-4AP", "not a UK postcode")]
    [InlineData("75008", "not a UK postcode")]
    public void Refuses_with_the_reason(string input, string reason)
    {
        Postcode.TryParse(input, out _, out var failure).ShouldBeFalse();
        failure.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void ToString_is_masked() => Postcode.Parse("LS1 4AP").ToString().ShouldNotContain("LS1");
}

public class UkTelephoneNumberTests
{
    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("07700-900-123", "+447700900123")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("+44 (0)7700 900123", "+447700900123")]
    [InlineData("(020) 7946 0000", "+442079460000")]
    [InlineData("0113 496 0000", "+441134960000")]
    public void Normalises_to_e164(string input, string expected)
    {
        UkTelephoneNumber.TryNormalise(input, out var e164).ShouldBeTrue();
        e164.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7700 900123")]
    [InlineData("07700 90012")]
    [InlineData("07700 9001234")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("00 7700 900123")]
    [InlineData("07700 900123 ext 2")]
    public void Refuses_what_is_not_a_uk_number(string? input) =>
        UkTelephoneNumber.TryNormalise(input, out _).ShouldBeFalse();

    [Theory]
    [InlineData("+447700900123", true)]
    [InlineData("+442079460000", false)]
    public void Knows_mobiles(string e164, bool mobile) => UkTelephoneNumber.IsMobile(e164).ShouldBe(mobile);
}
