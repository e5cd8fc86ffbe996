using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class SubmissionComparisonTests
{
    private static readonly Dictionary<string, Func<ReferralSubmission, ReferralSubmission>> ChangeOf = new()
    {
        ["partner_referral_id"] = s => s with { PartnerReferralId = "EMIS-2025-000124" },
        ["ubrn"] = s => s with { Ubrn = null },
        ["referring_ods_code"] = s => s with { ReferringOdsCode = "RJ1" },
        ["patient.nhs_number"] = s => s.WithPatient(p => p with { NhsNumber = "4010232137" }),
        ["patient.given_name"] = s => s.WithPatient(p => p with { GivenName = "Petra" }),
        ["patient.family_name"] = s => s.WithPatient(p => p with { FamilyName = "Thistlewood-Ames" }),
        ["patient.date_of_birth"] = s => s.WithPatient(p => p with { DateOfBirth = new DateOnly(1988, 7, 15) }),
        ["patient.postcode"] = s => s.WithPatient(p => p with { Postcode = "LS2 7HY" }),
        ["patient.contact.preferred_method"] = s => s.WithContact(c => c with { PreferredMethod = ContactMethod.TextMessage }),
        ["patient.contact.telephone"] = s => s.WithContact(c => c with { Telephone = "07700 900124" }),
        ["patient.contact.email"] = s => s.WithContact(c => c with { Email = null }),
        ["patient.contact.may_leave_messages"] = s => s.WithContact(c => c with { MayLeaveMessages = false }),
        ["presenting_problems"] = s => s with { PresentingProblems = [PresentingProblem.Depression] },
        ["reason_for_referral"] = s => s with { ReasonForReferral = "Low mood" },
        ["phq9_total"] = s => s with { Phq9Total = null },
        ["gad7_total"] = s => s with { Gad7Total = 10 },
        ["risk.level"] = s => s with { Risk = s.Risk with { Level = RiskLevel.NoneIdentified } },
        ["risk.details"] = s => s with { Risk = s.Risk with { Details = "No current thoughts of harm" } },
        ["consent.to_treatment"] = s => s with { Consent = s.Consent with { ToTreatment = false } },
        ["consent.to_contact"] = s => s with { Consent = s.Consent with { ToContact = false } },
    };

    public static TheoryData<string> FieldPaths => [.. ChangeOf.Keys];

    [Theory]
    [MemberData(nameof(FieldPaths))]
    public void A_change_to_one_field_names_that_field_and_changes_the_fingerprint(string path)
    {
        var original = TestSubmissions.Valid();
        var changed = ChangeOf[path](original);

        SubmissionComparison.DifferingFields(original, changed).ShouldBe([path]);
        SubmissionFingerprint.Of(changed).ShouldNotBe(SubmissionFingerprint.Of(original));
    }

    [Fact]
    public void Every_field_of_a_submission_is_compared()
    {
        // Changing every field at once must name them all: a field left out of the comparison would be missing.
        var original = TestSubmissions.Valid();
        var changed = ChangeOf.Values.Aggregate(original, (s, change) => change(s));

        SubmissionComparison.DifferingFields(original, changed).ShouldBe(ChangeOf.Keys, ignoreOrder: true);
    }

    [Fact]
    public void Names_several_fields_in_a_fixed_order()
    {
        var original = TestSubmissions.Valid();
        var changed = ChangeOf["presenting_problems"](ChangeOf["patient.date_of_birth"](original));

        SubmissionComparison.DifferingFields(original, changed).ShouldBe(["patient.date_of_birth", "presenting_problems"]);
    }

    [Fact]
    public void Layout_differences_are_not_differences()
    {
        var original = TestSubmissions.Valid();
        var relaid = (original with
        {
            PartnerReferralId = "EMIS-2025-000123 ",
            Ubrn = "000011112222",
            ReferringOdsCode = " a81001",
            PresentingProblems = [PresentingProblem.RelationshipConflictOrBreakdown, PresentingProblem.Depression, PresentingProblem.Depression],
            ReasonForReferral = $"  {TestSubmissions.Reason}\n",
            Risk = original.Risk with { Details = "   " },
        })
        .WithPatient(p => p with { NhsNumber = "943 476 5919", GivenName = " Perpetua", Postcode = "ls14ap" })
        .WithContact(c => c with { Telephone = "+44 (0)7700 900456", Email = " perpetua.t@example.com " });

        SubmissionComparison.DifferingFields(original, relaid).ShouldBeEmpty();
        SubmissionFingerprint.Of(relaid).ShouldBe(SubmissionFingerprint.Of(original));
    }

    [Theory]
    [InlineData(new[] { PresentingProblem.Depression, PresentingProblem.SocialIsolation, PresentingProblem.LifeTransition })]
    [InlineData(new[] { PresentingProblem.LifeTransition, PresentingProblem.Depression, PresentingProblem.SocialIsolation })]
    [InlineData(new[] { PresentingProblem.SocialIsolation, PresentingProblem.LifeTransition, PresentingProblem.Depression, PresentingProblem.LifeTransition })]
    public void The_fingerprint_ignores_the_order_of_problems(PresentingProblem[] problems)
    {
        PresentingProblem[] sorted = [PresentingProblem.Depression, PresentingProblem.LifeTransition, PresentingProblem.SocialIsolation];

        SubmissionFingerprint.Of(TestSubmissions.Valid() with { PresentingProblems = problems })
            .ShouldBe(SubmissionFingerprint.Of(TestSubmissions.Valid() with { PresentingProblems = sorted }));
    }

    [Fact]
    public void The_fingerprint_is_a_stable_sha256_in_hex()
    {
        var fingerprint = SubmissionFingerprint.Of(TestSubmissions.Valid());

        fingerprint.Length.ShouldBe(64);
        fingerprint.ShouldAllBe(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
        SubmissionFingerprint.Of(TestSubmissions.Valid()).ShouldBe(fingerprint);
    }

    [Fact]
    public void Values_cannot_imitate_a_field_boundary()
    {
        // Joined as "path:value" lines, these two would read the same.
        var a = TestSubmissions.Valid().WithPatient(p => p with { GivenName = "Ann\npatient.family_name:Lee", FamilyName = "Ray" });
        var b = TestSubmissions.Valid().WithPatient(p => p with { GivenName = "Ann", FamilyName = "Lee\npatient.family_name:Ray" });

        SubmissionFingerprint.Of(a).ShouldNotBe(SubmissionFingerprint.Of(b));
    }

    [Fact]
    public void A_retry_of_the_same_submission_is_accepted() =>
        Should.NotThrow(() => SubmissionComparison.EnsureSameSubmission(
            TestSubmissions.Valid(), TestSubmissions.Valid().WithPatient(p => p with { NhsNumber = "943 476 5919" })));

    [Fact]
    public void A_different_submission_under_the_same_id_is_refused_naming_the_fields_only()
    {
        var original = TestSubmissions.Valid();
        var changed = ChangeOf["presenting_problems"](ChangeOf["patient.date_of_birth"](ChangeOf["patient.family_name"](original)));

        var refusal = Should.Throw<DomainException>(() => SubmissionComparison.EnsureSameSubmission(original, changed));

        refusal.Kind.ShouldBe(DomainErrorKind.AlreadyExists);
        refusal.Message.ShouldContain("different patient.family_name, patient.date_of_birth, presenting_problems");
        refusal.Message.ShouldNotContain("Thistlewood");
        refusal.Message.ShouldNotContain("1988");
        refusal.Message.ShouldNotContain("Depression");
    }
}
