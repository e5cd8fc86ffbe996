using System.Globalization;
using DitCloud.Domain;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace DitCloud.Formulation.Api.Grpc.Validators;

internal sealed class SaveIpafDraftValidator : IRequestValidator<SaveIpafDraftRequest>
{
    public IEnumerable<FieldViolation> Validate(SaveIpafDraftRequest request) => Fields.Uuid("course_id", request.CourseId);
}

internal sealed class GetIpafValidator : IRequestValidator<GetIpafRequest>
{
    public IEnumerable<FieldViolation> Validate(GetIpafRequest request) =>
        Fields.Uuid("course_id", request.CourseId).Concat(Fields.AtLeast("version", request.Version, 0, "a version number, or 0 for the newest"));
}

internal sealed class ListIpafVersionsValidator : IRequestValidator<ListIpafVersionsRequest>
{
    public IEnumerable<FieldViolation> Validate(ListIpafVersionsRequest request) => Fields.Uuid("course_id", request.CourseId);
}

internal sealed class ShareIpafValidator : IRequestValidator<ShareIpafRequest>
{
    public IEnumerable<FieldViolation> Validate(ShareIpafRequest request) =>
        Fields.Uuid("course_id", request.CourseId).Concat(Fields.AtLeast("version", request.Version, 1, "the number of the draft version to share"));
}

internal sealed class AgreeIpafValidator(TimeProvider clock, IOptions<FormulationOptions> options) : IRequestValidator<AgreeIpafRequest>
{
    public IEnumerable<FieldViolation> Validate(AgreeIpafRequest request)
    {
        var violations = Fields.Uuid("course_id", request.CourseId)
            .Concat(Fields.AtLeast("version", request.Version, 1, "the number of the shared version the patient agreed"))
            .Concat(Fields.Between("session_number", request.SessionNumber, 1, 16, "the session in which the patient agreed"))
            .ToList();
        if (request.AgreedOn.Length > 0)
        {
            if (!DateOnly.TryParseExact(request.AgreedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var agreedOn))
            {
                violations.Add(new("agreed_on", "must be a date as YYYY-MM-DD, or empty for today"));
            }
            else if (agreedOn > Today(clock, options.Value))
            {
                violations.Add(new("agreed_on", "must not be in the future: the day the patient agreed"));
            }
        }

        return violations;
    }

    /// <summary>The clinic's today, for an agreement recorded without a date.</summary>
    public static DateOnly Today(TimeProvider clock, FormulationOptions options) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.ClinicTimeZone()).DateTime);
}

internal sealed class ReviseIpafValidator : IRequestValidator<ReviseIpafRequest>
{
    public IEnumerable<FieldViolation> Validate(ReviseIpafRequest request) => Fields.Uuid("course_id", request.CourseId);
}
