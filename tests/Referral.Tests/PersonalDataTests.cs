using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

/// <summary>Personal data must never reach messages or ToString (and so logs and traces).</summary>
public class PersonalDataTests
{
    private static readonly string[] PersonalData =
    [
        TestSubmissions.NhsNumber, "943 476 5919", TestSubmissions.GivenName, TestSubmissions.FamilyName,
        "1988", "LS1", "4AP", "900456", "perpetua.t", TestSubmissions.Reason, "Passive thoughts",
    ];

    private static ReferralSubmission WithEveryPersonalField() =>
        (TestSubmissions.Valid() with
        {
            Risk = new RiskInformation(RiskLevel.Moderate, TestSubmissions.RiskDetails),
        })
        .WithPatient(p => p with { NhsNumber = "943 476 5919" });

    private static void ShouldHoldNoPersonalData(string text)
    {
        foreach (var item in PersonalData)
        {
            text.ShouldNotContain(item, Case.Insensitive);
        }
    }

    [Fact]
    public void Validation_messages_hold_no_personal_data()
    {
        // Break each personal field in a way that keeps the personal data in the input.
        var submission = WithEveryPersonalField()
            .WithPatient(p => p with
            {
                NhsNumber = "943 476 5918",
                GivenName = TestSubmissions.GivenName + new string('x', 100),
                FamilyName = TestSubmissions.FamilyName + "\t",
                DateOfBirth = new DateOnly(2088, 7, 14),
                Postcode = "LS1 4AP 9",
            })
            .WithContact(c => c with { PreferredMethod = ContactMethod.TextMessage, Telephone = "0113 496 0456", Email = "perpetua.t@example" })
            with
            { ReasonForReferral = TestSubmissions.Reason + new string('.', 4000), Risk = new RiskInformation(RiskLevel.High, TestSubmissions.RiskDetails + new string('.', 4000)) };

        var refusal = Should.Throw<DomainException>(() => new SubmissionValidator(new EligibilityPolicy()).EnsureValid(submission, TestSubmissions.Today));

        refusal.Violations.Count.ShouldBe(9);
        ShouldHoldNoPersonalData(refusal.Message);
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("943 476 5918")]
    [InlineData("943476591")]
    [InlineData("94347659A9")]
    [InlineData("0000000000")]
    public void Nhs_number_refusals_do_not_repeat_the_number(string input)
    {
        var message = Should.Throw<DomainException>(() => NhsNumber.Parse(input)).Message;

        message.ShouldNotContain(input);
        message.ShouldNotContain(input.Replace(" ", "")[..6]);
    }

    [Fact]
    public void The_idempotency_refusal_names_fields_only()
    {
        var original = WithEveryPersonalField();
        var changed = original.WithPatient(p => p with { GivenName = "Prudence", DateOfBirth = new DateOnly(1988, 7, 15) });

        var refusal = Should.Throw<DomainException>(() => SubmissionComparison.EnsureSameSubmission(original, changed));

        ShouldHoldNoPersonalData(refusal.Message);
        refusal.Message.ShouldNotContain("Prudence");
    }

    [Fact]
    public void ToString_of_everything_holding_personal_data_is_redacted()
    {
        var submission = WithEveryPersonalField();
        var validated = TestSubmissions.Validated(submission);
        var referral = PatientReferral.Receive(Guid.NewGuid(), "p", validated, "p", DateTimeOffset.UnixEpoch);

        object[] holders =
        [
            submission, submission.Patient, submission.Patient.Contact, submission.Risk, validated,
            validated.NhsNumber, Postcode.Parse(TestSubmissions.Postcode), referral.ToSnapshot(),
        ];

        foreach (var holder in holders)
        {
            ShouldHoldNoPersonalData(holder.ToString()!);
        }
    }
}
