using DitCloud.Domain;
using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class SubmissionValidatorTests
{
    private static readonly SubmissionValidator Validator = new(new EligibilityPolicy());

    private static readonly Dictionary<string, Func<ReferralSubmission, ReferralSubmission>> Breakages = new()
    {
        ["no partner id"] = s => s with { PartnerReferralId = " " },
        ["partner id with space"] = s => s with { PartnerReferralId = "EMIS 123" },
        ["partner id too long"] = s => s with { PartnerReferralId = new string('x', 65) },
        ["short ubrn"] = s => s with { Ubrn = "1234" },
        ["no ods code"] = s => s with { ReferringOdsCode = "" },
        ["bad ods code"] = s => s with { ReferringOdsCode = "A8/001" },
        ["nhs check digit"] = s => s.WithPatient(p => p with { NhsNumber = "9434765918" }),
        ["nhs length"] = s => s.WithPatient(p => p with { NhsNumber = "943476591" }),
        ["no given name"] = s => s.WithPatient(p => p with { GivenName = "" }),
        ["long family name"] = s => s.WithPatient(p => p with { FamilyName = new string('a', 101) }),
        ["family name with line break"] = s => s.WithPatient(p => p with { FamilyName = "Thistle\nwood" }),
        ["no date of birth"] = s => s.WithPatient(p => p with { DateOfBirth = null }),
        ["born tomorrow"] = s => s.WithPatient(p => p with { DateOfBirth = TestSubmissions.Today.AddDays(1) }),
        ["aged 15"] = s => s.WithPatient(p => p with { DateOfBirth = TestSubmissions.Today.AddYears(-16).AddDays(1) }),
        ["bad postcode"] = s => s.WithPatient(p => p with { Postcode = "LS1" }),
        ["no preferred method"] = s => s.WithContact(c => c with { PreferredMethod = 0 }),
        ["telephone preferred, none given"] = s => s.WithContact(c => c with { Telephone = null }),
        ["text preferred, landline given"] = s => s.WithContact(c => c with { PreferredMethod = ContactMethod.TextMessage, Telephone = "0113 496 0000" }),
        ["foreign telephone"] = s => s.WithContact(c => c with { Telephone = "+33 6 12 34 56 78" }),
        ["email preferred, none given"] = s => s.WithContact(c => c with { PreferredMethod = ContactMethod.Email, Email = " " }),
        ["email without at"] = s => s.WithContact(c => c with { Email = "perpetua.example.com" }),
        ["email without domain dot"] = s => s.WithContact(c => c with { Email = "perpetua@example" }),
        ["no problems"] = s => s with { PresentingProblems = [] },
        ["unknown problem"] = s => s with { PresentingProblems = [PresentingProblem.Depression, (PresentingProblem)99] },
        ["no reason"] = s => s with { ReasonForReferral = "  " },
        ["long reason"] = s => s with { ReasonForReferral = new string('r', 4001) },
        ["phq9 28"] = s => s with { Phq9Total = 28 },
        ["phq9 -1"] = s => s with { Phq9Total = -1 },
        ["gad7 22"] = s => s with { Gad7Total = 22 },
        ["no risk level"] = s => s with { Risk = new RiskInformation(0, null) },
        ["moderate risk without details"] = s => s with { Risk = new RiskInformation(RiskLevel.Moderate, null) },
        ["high risk without details"] = s => s with { Risk = new RiskInformation(RiskLevel.High, "") },
        ["no treatment consent"] = s => s with { Consent = new Consent(ToTreatment: false, ToContact: true) },
    };

    [Fact]
    public void A_complete_submission_has_no_violations() =>
        Validator.FindViolations(TestSubmissions.Valid(), TestSubmissions.Today).ShouldBeEmpty();

    [Theory]
    [InlineData("no partner id", "partner_referral_id", "is required")]
    [InlineData("partner id with space", "partner_referral_id", "without spaces")]
    [InlineData("partner id too long", "partner_referral_id", "1 to 64")]
    [InlineData("short ubrn", "ubrn", "exactly 12 digits")]
    [InlineData("no ods code", "referring_ods_code", "is required")]
    [InlineData("bad ods code", "referring_ods_code", "only letters and digits")]
    [InlineData("nhs check digit", "patient.nhs_number", "Modulus 11")]
    [InlineData("nhs length", "patient.nhs_number", "exactly 10 digits")]
    [InlineData("no given name", "patient.given_name", "is required")]
    [InlineData("long family name", "patient.family_name", "at most 100")]
    [InlineData("family name with line break", "patient.family_name", "control characters")]
    [InlineData("no date of birth", "patient.date_of_birth", "is required")]
    [InlineData("born tomorrow", "patient.date_of_birth", "in the future")]
    [InlineData("aged 15", "patient.date_of_birth", "minimum age of 16")]
    [InlineData("bad postcode", "patient.postcode", "not a UK postcode")]
    [InlineData("no preferred method", "patient.contact.preferred_method", "is required")]
    [InlineData("telephone preferred, none given", "patient.contact.telephone", "is required when")]
    [InlineData("text preferred, landline given", "patient.contact.telephone", "mobile")]
    [InlineData("foreign telephone", "patient.contact.telephone", "UK number")]
    [InlineData("email preferred, none given", "patient.contact.email", "is required when")]
    [InlineData("email without at", "patient.contact.email", "email address")]
    [InlineData("email without domain dot", "patient.contact.email", "email address")]
    [InlineData("no problems", "presenting_problems", "at least one")]
    [InlineData("unknown problem", "presenting_problems[1]", "not a known presenting problem")]
    [InlineData("no reason", "reason_for_referral", "is required")]
    [InlineData("long reason", "reason_for_referral", "at most 4000")]
    [InlineData("phq9 28", "phq9_total", "0 to 27")]
    [InlineData("phq9 -1", "phq9_total", "0 to 27")]
    [InlineData("gad7 22", "gad7_total", "0 to 21")]
    [InlineData("no risk level", "risk.level", "is required")]
    [InlineData("moderate risk without details", "risk.details", "moderate or high")]
    [InlineData("high risk without details", "risk.details", "moderate or high")]
    [InlineData("no treatment consent", "consent.to_treatment", "must be given")]
    public void Each_broken_rule_names_its_field_and_the_fix(string breakage, string field, string fix)
    {
        var violation = Validator.FindViolations(Breakages[breakage](TestSubmissions.Valid()), TestSubmissions.Today).ShouldHaveSingleItem();

        violation.Field.ShouldBe(field);
        violation.Description.ShouldContain(fix);
    }

    [Fact]
    public void Every_breakage_is_tested() =>
        typeof(SubmissionValidatorTests).GetMethod(nameof(Each_broken_rule_names_its_field_and_the_fix))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(data => (string)data.Data[0]!).Order()
            .ShouldBe(Breakages.Keys.Order());

    [Fact]
    public void Reports_every_violation_at_once_in_field_order()
    {
        string[] breakages =
        [
            "no partner id", "short ubrn", "bad ods code", "nhs check digit", "no given name", "family name with line break",
            "born tomorrow", "bad postcode", "foreign telephone", "email without at", "unknown problem", "no reason",
            "phq9 28", "gad7 22", "high risk without details", "no treatment consent",
        ];
        var submission = breakages.Aggregate(TestSubmissions.Valid(), (s, breakage) => Breakages[breakage](s));

        var refusal = Should.Throw<DomainException>(() => Validator.EnsureValid(submission, TestSubmissions.Today));

        refusal.Kind.ShouldBe(DomainErrorKind.InvalidArgument);
        refusal.Violations.Select(v => v.Field).ShouldBe(
        [
            "partner_referral_id", "ubrn", "referring_ods_code", "patient.nhs_number", "patient.given_name",
            "patient.family_name", "patient.date_of_birth", "patient.postcode", "patient.contact.telephone",
            "patient.contact.email", "presenting_problems[1]", "reason_for_referral", "phq9_total", "gad7_total",
            "risk.details", "consent.to_treatment",
        ]);
        foreach (var violation in refusal.Violations)
        {
            refusal.Message.ShouldContain(violation.Description);
        }
    }

    [Theory]
    [InlineData(RiskLevel.NoneIdentified, null)]
    [InlineData(RiskLevel.Low, null)]
    [InlineData(RiskLevel.Moderate, "Some risk; plan in place")]
    [InlineData(RiskLevel.High, "Some risk; plan in place")]
    public void Risk_details_are_needed_from_moderate_up(RiskLevel level, string? details) =>
        Validator.FindViolations(TestSubmissions.Valid() with { Risk = new RiskInformation(level, details) }, TestSubmissions.Today)
            .ShouldBeEmpty();

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, 0)]
    [InlineData(27, 21)]
    public void Scores_are_optional_and_bounded_inclusively(int? phq9, int? gad7) =>
        Validator.FindViolations(TestSubmissions.Valid() with { Phq9Total = phq9, Gad7Total = gad7 }, TestSubmissions.Today)
            .ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Ubrn_is_optional(string? ubrn) =>
        Validator.FindViolations(TestSubmissions.Valid() with { Ubrn = ubrn }, TestSubmissions.Today).ShouldBeEmpty();

    [Theory]
    [InlineData(ContactMethod.Letter, null, null)]
    [InlineData(ContactMethod.TextMessage, "07700 900123", null)]
    [InlineData(ContactMethod.Email, null, "p@example.nhs.uk")]
    [InlineData(ContactMethod.Telephone, "+44 20 7946 0000", null)]
    public void Contact_details_follow_the_preferred_method(ContactMethod method, string? telephone, string? email) =>
        Validator.FindViolations(
                TestSubmissions.Valid().WithContact(_ => new ContactPreferences(method, telephone, email, MayLeaveMessages: false)),
                TestSubmissions.Today)
            .ShouldBeEmpty();

    [Fact]
    public void Contact_consent_is_not_required() =>
        Validator.FindViolations(TestSubmissions.Valid() with { Consent = new Consent(true, false) }, TestSubmissions.Today).ShouldBeEmpty();

    [Fact]
    public void Uses_the_configured_minimum_age()
    {
        var seventeen = TestSubmissions.Valid().WithPatient(p => p with { DateOfBirth = TestSubmissions.Today.AddYears(-17) });

        new SubmissionValidator(new EligibilityPolicy(minimumAge: 18)).FindViolations(seventeen, TestSubmissions.Today)
            .ShouldHaveSingleItem().Description.ShouldContain("minimum age of 18");
        Validator.FindViolations(seventeen, TestSubmissions.Today).ShouldBeEmpty();
    }

    [Fact]
    public void A_valid_submission_comes_back_in_canonical_form_with_its_identifiers_read()
    {
        var messy = TestSubmissions.Valid() with
        {
            PartnerReferralId = " EMIS-2025-000123 ",
            ReferringOdsCode = "a81001",
            PresentingProblems = [PresentingProblem.RelationshipConflictOrBreakdown, PresentingProblem.Depression, PresentingProblem.Depression],
        };
        messy = messy.WithPatient(p => p with { NhsNumber = "943-476-5919", Postcode = "ls14ap" });

        var valid = Validator.EnsureValid(messy, TestSubmissions.Today);

        valid.NhsNumber.Value.ShouldBe("9434765919");
        valid.ReferringOrganisation.Value.ShouldBe("A81001");
        valid.Ubrn.ShouldNotBeNull().Value.ShouldBe("000011112222");
        valid.Content.PartnerReferralId.ShouldBe("EMIS-2025-000123");
        valid.Content.Patient.Postcode.ShouldBe("LS1 4AP");
        valid.Content.Patient.Contact.Telephone.ShouldBe("+447700900456");
        valid.Content.PresentingProblems.ShouldBe([PresentingProblem.Depression, PresentingProblem.RelationshipConflictOrBreakdown]);
        valid.Fingerprint.ShouldBe(SubmissionFingerprint.Of(TestSubmissions.Valid()));
    }
}
