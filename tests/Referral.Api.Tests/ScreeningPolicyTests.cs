using DitCloud.Referral.V1;
using DitCloud.Testing;
using static DitCloud.Referral.Api.Tests.TestSupport;

namespace DitCloud.Referral.Api.Tests;

/// <summary>A service that excludes substance misuse, never excludes for risk, and takes adults from 18.</summary>
public sealed class ScreeningPolicyTests(ScreeningPolicyTests.StricterService service) : IClassFixture<ScreeningPolicyTests.StricterService>
{
    public sealed class StricterService(TestServers servers) : ReferralServiceFixture(servers)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => new Dictionary<string, string?>
        {
            ["Referral:Screening:Exclusions:0"] = "Psychosis",
            ["Referral:Screening:Exclusions:1"] = "BipolarDisorder",
            ["Referral:Screening:Exclusions:2"] = "SubstanceMisuse",
            ["Referral:Screening:Cautions:0"] = "PersonalityDisorder",
            ["Referral:Screening:Cautions:1"] = "ComplexTrauma",
            ["Referral:Screening:Cautions:2"] = "EatingDisorder",
            ["Referral:Screening:ExcludeFromRisk"] = "",
            ["Referral:Eligibility:MinimumAge"] = "18",
        };
    }

    private readonly ReferralService.ReferralServiceClient partner = service.Client(TestCaller.Partner("partner-policy"));

    [Fact]
    public async Task The_services_own_exclusions_and_risk_rule_shape_the_advice()
    {
        var misuse = Requests.Submission().With(r => r.PresentingProblems.Add(PresentingProblem.SubstanceMisuse));
        var highRisk = Requests.Submission().With(r => r.Risk = new RiskInformation { Level = RiskLevel.High, Details = Requests.RiskDetails });

        var misuseAdvice = (await partner.SubmitReferralAsync(misuse, cancellationToken: Cancel)).Referral.Recommendation;
        var riskAdvice = (await partner.SubmitReferralAsync(highRisk, cancellationToken: Cancel)).Referral.Recommendation;

        misuseAdvice.Suitability.ShouldBe(Suitability.NotSuitable);
        misuseAdvice.Reasons.ShouldHaveSingleItem().Kind.ShouldBe(ScreeningReasonKind.ExcludedProblem);
        riskAdvice.Suitability.ShouldBe(Suitability.SuitableWithCaution, "high risk cautions (from moderate) but no longer excludes");
        riskAdvice.Reasons.ShouldHaveSingleItem().Kind.ShouldBe(ScreeningReasonKind.RiskNeedsCaution);
    }

    [Fact]
    public async Task The_minimum_age_is_the_services_own()
    {
        var seventeen = Requests.Submission().With(r => r.Patient.DateOfBirth = DateTime.UtcNow.AddYears(-17).AddDays(-10).ToString("yyyy-MM-dd"));

        await partner.SubmitReferralAsync(seventeen, cancellationToken: Cancel).RefusesField("patient.date_of_birth", "minimum age of 18");
    }

    [Theory]
    [InlineData("Referral:Screening:Cautions:0", "Psychosis", "Referral:Screening:Exclusions", "Psychosis is in both Cautions and Exclusions")]
    [InlineData("Referral:Screening:Suitable:0", "Astrology", "Referral:Screening:Suitable", "'Astrology', which is not a presenting problem")]
    [InlineData("Referral:Screening:ExcludeFromRisk", "Low", "Referral:Screening:CautionFromRisk", "must not be above ExcludeFromRisk (Low)")]
    [InlineData("Referral:Eligibility:MaximumAge", "15", "Referral:Eligibility:MaximumAge", "must not be below MinimumAge")]
    [InlineData("Referral:Eligibility:TimeZone", "Mars/Olympus_Mons", "Referral:Eligibility:TimeZone", "IANA")]
    [InlineData("Referral:Watch:PollInterval", "00:10:00", "Referral:Watch:PollInterval", "")]
    public async Task A_bad_setting_stops_the_service_naming_it(string key, string value, string named, string says)
    {
        var settings = new Dictionary<string, string?>(ReferralServiceFixture.Settings(service.Database, service.Broker))
        {
            [key] = value,
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{DitCloud.Hosting.Servers.LoopbackPort.Free()}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        };
        var app = ReferralApp.Build([], settings);

        // Disposed whatever happens: a host that failed to start still holds its signal handlers.
        var failure = await Should.ThrowAsync<Exception>(async () =>
        {
            await using (app) await app.StartAsync(Cancel);
        });

        // An options failure, or the configuration binder's for a value of the wrong type: either names the setting.
        var text = failure is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(e => e.Message)) : failure.Message;
        text.ShouldContain(named);
        text.ShouldContain(says);
    }
}
