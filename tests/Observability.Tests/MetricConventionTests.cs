using DitCloud.ServiceDefaults.Telemetry;

namespace DitCloud.Observability.Tests;

/// <summary>Labels come from closed sets, in the OpenTelemetry style.</summary>
public sealed class MetricConventionTests
{
    private enum Attendance { Attended, DidNotAttend, CancelledByPatient }

    [Fact]
    public void Enum_labels_are_snake_case_names_made_once()
    {
        var tag = new EnumTag<Attendance>("dit.scheduling.attendance");

        tag[Attendance.DidNotAttend].ShouldBe(new KeyValuePair<string, object?>("dit.scheduling.attendance", "did_not_attend"));
        tag[Attendance.Attended].Value.ShouldBe("attended");
        ReferenceEquals(tag[Attendance.CancelledByPatient].Value, tag[Attendance.CancelledByPatient].Value).ShouldBeTrue();
        DitMetrics.MeterName("Scheduling").ShouldBe("DitCloud.Scheduling");
    }

    [Fact]
    public void A_value_outside_the_enum_cannot_become_a_label()
    {
        var tag = new EnumTag<Attendance>("dit.scheduling.attendance");

        Should.Throw<ArgumentOutOfRangeException>(() => tag[(Attendance)42]).Message.ShouldContain("only named values can be labels");
    }
}
