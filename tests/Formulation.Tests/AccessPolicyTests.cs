using DitCloud.Domain;
using DitCloud.Formulation.Domain.Access;
using DitCloud.Formulation.Domain.Ipaf;
using static DitCloud.Formulation.Tests.TestCourse;

namespace DitCloud.Formulation.Tests;

public class AccessPolicyTests
{
    [Theory]
    [InlineData(PractitionerId, CareTeamRole.Practitioner)]
    [InlineData(SupervisorId, CareTeamRole.Supervisor)]
    public void Care_team_members_are_allowed_to_read_and_write(string userId, CareTeamRole role)
    {
        foreach (var kind in new[] { ClinicalAccessKind.Read, ClinicalAccessKind.Write })
        {
            var decision = ClinicalAccessPolicy.Decide(CareTeam, userId, ClinicalRecordKind.SessionNote, kind);

            decision.Allowed.ShouldBeTrue();
            decision.Role.ShouldBe(role);
            var access = decision.Demand();
            access.UserId.ShouldBe(userId);
            access.CourseId.ShouldBe(CourseId);
            access.Role.ShouldBe(role);
            access.Kind.ShouldBe(kind);
        }
    }

    [Theory]
    [InlineData(StrangerId)]
    [InlineData("PRACTITIONER-A")]
    [InlineData("")]
    [InlineData(null)]
    public void Anyone_else_is_refused_with_permission_denied(string? userId)
    {
        var decision = ClinicalAccessPolicy.Decide(CareTeam, userId, ClinicalRecordKind.Formulation, ClinicalAccessKind.Read);

        decision.Allowed.ShouldBeFalse();
        decision.Role.ShouldBeNull();
        var refusal = Refused(() => decision.Demand(), DomainErrorKind.PermissionDenied);
        refusal.Message.ShouldContain("practitioner and their supervisor");
    }

    [Fact]
    public void A_refused_decision_carries_what_the_audit_trail_needs()
    {
        var decision = ClinicalAccessPolicy.Decide(CareTeam, StrangerId, ClinicalRecordKind.GoodbyeLetter, ClinicalAccessKind.Read);

        decision.CourseId.ShouldBe(CourseId);
        decision.UserId.ShouldBe(StrangerId);
        decision.Record.ShouldBe(ClinicalRecordKind.GoodbyeLetter);
        decision.Kind.ShouldBe(ClinicalAccessKind.Read);
        decision.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void An_unsupervised_course_opens_only_to_its_practitioner()
    {
        var team = new CourseCareTeam(CourseId, PractitionerId, supervisorId: "");

        team.SupervisorId.ShouldBeNull();
        ClinicalAccessPolicy.Decide(team, PractitionerId, ClinicalRecordKind.Formulation, ClinicalAccessKind.Read).Allowed.ShouldBeTrue();
        ClinicalAccessPolicy.Decide(team, SupervisorId, ClinicalRecordKind.Formulation, ClinicalAccessKind.Read).Allowed.ShouldBeFalse();
        ClinicalAccessPolicy.Decide(team, "", ClinicalRecordKind.Formulation, ClinicalAccessKind.Read).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void A_care_team_needs_a_course_and_a_practitioner_who_is_not_their_own_supervisor()
    {
        var refusal = Refused(() => new CourseCareTeam(Guid.Empty, " ", null), DomainErrorKind.InvalidArgument);
        refusal.Violations.Select(v => v.Field).ShouldBe(["course_id", "practitioner_id"]);

        Refused(() => new CourseCareTeam(CourseId, PractitionerId, PractitionerId), DomainErrorKind.InvalidArgument)
            .Violations.Single().Field.ShouldBe("supervisor_practitioner_id");
    }

    [Fact]
    public void Read_access_cannot_change_clinical_records()
    {
        var formulation = IpafFormulation.ForCourse(CourseId);

        var refusal = Refused(() => formulation.Draft(ReadAccess(PractitionerId), CompleteIpaf(), Now), DomainErrorKind.PermissionDenied);
        refusal.Message.ShouldContain("reading only");
        formulation.Versions.ShouldBeEmpty();
    }

    [Fact]
    public void Access_decided_for_one_course_does_not_open_another()
    {
        var otherCourse = IpafFormulation.ForCourse(Guid.NewGuid());

        Refused(() => otherCourse.Draft(Practitioner, CompleteIpaf(), Now), DomainErrorKind.PermissionDenied)
            .Message.ShouldContain("different course");
    }
}
