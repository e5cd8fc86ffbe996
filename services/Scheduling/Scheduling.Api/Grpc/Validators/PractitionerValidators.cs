using DitCloud.Domain;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.Scheduling.V1;

namespace DitCloud.Scheduling.Api.Grpc.Validators;

internal sealed class RegisterPractitionerValidator : IRequestValidator<RegisterPractitionerRequest>
{
    public IEnumerable<FieldViolation> Validate(RegisterPractitionerRequest request)
    {
        foreach (var v in Fields.Text(request.DisplayName, "display_name", 200, required: true)) yield return v;
        foreach (var v in Fields.Text(request.RegistrationNumber, "registration_number", 32, required: true)) yield return v;
        if (!string.IsNullOrWhiteSpace(request.RegistrationNumber) && !request.RegistrationNumber.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/'))
        {
            yield return new("registration_number", "may hold only letters, digits, '-' and '/'");
        }

        foreach (var v in Fields.Enum(request.Role, "role")) yield return v;
        foreach (var v in Fields.Id(request.SupervisorPractitionerId, "supervisor_practitioner_id", required: false)) yield return v;
        foreach (var v in DeliveryModes(request.DeliveryModes, "delivery_modes", required: true)) yield return v;
        foreach (var v in Fields.Range(request.MaxCaseload, "max_caseload", 0, 40)) yield return v;
        foreach (var v in Fields.Range(request.SupervisedPsychodynamicHours, "supervised_psychodynamic_hours", 0, 100_000)) yield return v;
    }

    public static IEnumerable<FieldViolation> DeliveryModes(IReadOnlyCollection<DeliveryMode> modes, string field, bool required)
    {
        if (required && modes.Count == 0) yield return new(field, "offer at least one of video or face to face");
        if (modes.Any(m => m == DeliveryMode.Unspecified || !Enum.IsDefined(m)))
        {
            yield return new(field, "list only VIDEO or FACE_TO_FACE (DIT is not offered by telephone)");
        }
        else if (modes.Distinct().Count() != modes.Count)
        {
            yield return new(field, "list each mode once");
        }
    }
}

internal sealed class GetPractitionerValidator : IRequestValidator<GetPractitionerRequest>
{
    public IEnumerable<FieldViolation> Validate(GetPractitionerRequest request) => Fields.Id(request.PractitionerId, "practitioner_id");
}

internal sealed class ListPractitionersValidator : IRequestValidator<ListPractitionersRequest>
{
    public IEnumerable<FieldViolation> Validate(ListPractitionersRequest request) =>
    [
        .. Fields.Enum(request.DeliveryMode, "delivery_mode", required: false),
        .. Fields.Range(request.PageSize, "page_size", 0, 100),
        .. Fields.Id(request.SupervisorPractitionerId, "supervisor_practitioner_id", required: false),
    ];
}

internal sealed class UpdatePractitionerValidator : IRequestValidator<UpdatePractitionerRequest>
{
    public IEnumerable<FieldViolation> Validate(UpdatePractitionerRequest request)
    {
        foreach (var v in Fields.Id(request.PractitionerId, "practitioner_id")) yield return v;
        if (request.HasMaxCaseload)
        {
            foreach (var v in Fields.Range(request.MaxCaseload, "max_caseload", 1, 40)) yield return v;
        }

        if (!request.HasMaxCaseload && !request.HasActive)
        {
            yield return new("max_caseload", "give max_caseload or active (or both): the request changes nothing");
        }
    }
}

internal sealed class SetWeeklyAvailabilityValidator : IRequestValidator<SetWeeklyAvailabilityRequest>
{
    public const int MaxWindows = 50;

    public IEnumerable<FieldViolation> Validate(SetWeeklyAvailabilityRequest request)
    {
        foreach (var v in Fields.Id(request.PractitionerId, "practitioner_id")) yield return v;
        if (request.Windows.Count > MaxWindows) yield return new("windows", $"must hold at most {MaxWindows} windows");
        for (var i = 0; i < request.Windows.Count; i++)
        {
            var window = request.Windows[i];
            foreach (var v in Fields.Enum(window.Weekday, $"windows[{i}].weekday")) yield return v;
            if (!Fields.TryParseTime(window.StartTime, out _)) yield return new($"windows[{i}].start_time", "must be a local time \"HH:MM\" (24-hour)");
            if (!Fields.TryParseTime(window.EndTime, out _)) yield return new($"windows[{i}].end_time", "must be a local time \"HH:MM\" (24-hour)");
            foreach (var v in RegisterPractitionerValidator.DeliveryModes(window.DeliveryModes, $"windows[{i}].delivery_modes", required: false)) yield return v;
        }

        if (request.EffectiveDate.Length > 0 && !Fields.TryParseDate(request.EffectiveDate, out _))
        {
            yield return new("effective_date", "must be a date \"YYYY-MM-DD\", or empty for today");
        }
    }
}

internal sealed class AddTimeOffValidator : IRequestValidator<AddTimeOffRequest>
{
    public IEnumerable<FieldViolation> Validate(AddTimeOffRequest request)
    {
        foreach (var v in Fields.Id(request.PractitionerId, "practitioner_id")) yield return v;
        foreach (var v in Fields.Required(request.StartTime, "start_time")) yield return v;
        foreach (var v in Fields.Required(request.EndTime, "end_time")) yield return v;
        if (request.StartTime is null || request.EndTime is null) yield break;
        var length = request.EndTime.ToDateTimeOffset() - request.StartTime.ToDateTimeOffset();
        if (length <= TimeSpan.Zero) yield return new("end_time", "must be after start_time");
        else if (length > TimeSpan.FromDays(366)) yield return new("end_time", "must be at most 366 days after start_time; add longer leave in parts");
    }
}
