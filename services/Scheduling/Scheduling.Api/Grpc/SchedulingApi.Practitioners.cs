using DitCloud.Domain;
using DitCloud.Scheduling.Api.Data;
using DitCloud.Scheduling.Domain;
using DitCloud.Scheduling.Domain.Availability;
using DitCloud.Scheduling.Domain.Practitioners;
using DitCloud.Scheduling.V1;
using DitCloud.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using DeliveryMode = DitCloud.Scheduling.V1.DeliveryMode;

namespace DitCloud.Scheduling.Api.Grpc;

public sealed partial class SchedulingApi
{
    private static readonly Dictionary<string, string> RegistrationFields = new()
    {
        ["supervisor_id"] = "supervisor_practitioner_id",
        ["dit_status"] = "role",
    };

    private static readonly Dictionary<string, string> WindowFields = new() { ["day"] = "weekday" };

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<RegisterPractitionerResponse> RegisterPractitioner(RegisterPractitionerRequest request, ServerCallContext context)
    {
        context.GetCaller().EnsureCanManagePractitioners();
        var cancellationToken = context.CancellationToken;
        var supervisorId = OptionalIdOf(request.SupervisorPractitionerId);
        var supervisor = supervisorId is { } named ? await practitioners.GetAsync(named, cancellationToken, "supervisor_practitioner_id") : null;
        var role = (DitRole)(int)request.Role;
        var row = new PractitionerRow
        {
            Id = Guid.CreateVersion7(),
            DisplayName = request.DisplayName.Trim(),
            RegistrationNumber = request.RegistrationNumber,
            Role = role,
            SupervisorId = supervisorId,
            PsychodynamicBackground = request.PsychodynamicBackground,
            SupervisedPsychodynamicHours = request.SupervisedPsychodynamicHours,
            OffersVideo = request.DeliveryModes.Contains(DeliveryMode.Video),
            OffersInPerson = request.DeliveryModes.Contains(DeliveryMode.FaceToFace),
            MaxCaseload = request.MaxCaseload == 0 ? options.Value.DefaultMaxCaseload : request.MaxCaseload,
            Active = true,
            RegisteredAt = clock.GetUtcNow(),
        };
        try
        {
            PractitionerRegistration.Validate(row.ToDomain(caseload: 0), supervisor?.ToDomain(caseload: 0));
        }
        catch (DomainException refusal)
        {
            throw Renamed(refusal, RegistrationFields);
        }

        db.Practitioners.Add(row);
        await SaveAndAllocateAsync(context, "practitioner");
        return new RegisterPractitionerResponse { Practitioner = row.ToProto(await CaseloadAsync(row.Id, cancellationToken)) };
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<UpdatePractitionerResponse> UpdatePractitioner(UpdatePractitionerRequest request, ServerCallContext context)
    {
        context.GetCaller().EnsureCanManagePractitioners();
        var row = await practitioners.GetAsync(IdOf(request.PractitionerId), context.CancellationToken);
        EnsureEtag(request.Etag, row.Version, "practitioner");
        if (request.HasMaxCaseload) row.MaxCaseload = request.MaxCaseload;
        if (request.HasActive) row.Active = request.Active;
        row.Version++;
        await SaveAndAllocateAsync(context, "practitioner");
        return new UpdatePractitionerResponse { Practitioner = row.ToProto(await CaseloadAsync(row.Id, context.CancellationToken)) };
    }

    [RequireScope(Scopes.SchedulingRead)]
    public override async Task<GetPractitionerResponse> GetPractitioner(GetPractitionerRequest request, ServerCallContext context)
    {
        var row = await practitioners.GetAsync(IdOf(request.PractitionerId), context.CancellationToken);
        var today = ClinicTimeZone.London.LocalDate(clock.GetUtcNow());
        var timeline = await practitioners.TimelineAsync(row.Id, today, today, context.CancellationToken);
        var response = new GetPractitionerResponse { Practitioner = row.ToProto(await CaseloadAsync(row.Id, context.CancellationToken)) };
        response.WeeklyAvailability.AddRange(timeline.PatternOn(today)?.Windows.Select(w => w.ToProto()) ?? []);
        return response;
    }

    [RequireScope(Scopes.SchedulingRead)]
    public override async Task<ListPractitionersResponse> ListPractitioners(ListPractitionersRequest request, ServerCallContext context)
    {
        var pageSize = request.PageSize == 0 ? 25 : request.PageSize;
        var query = db.Practitioners.AsNoTracking();
        if (!request.IncludeInactive) query = query.Where(p => p.Active);
        if (request.DeliveryMode == DeliveryMode.Video) query = query.Where(p => p.OffersVideo);
        if (request.DeliveryMode == DeliveryMode.FaceToFace) query = query.Where(p => p.OffersInPerson);
        if (OptionalIdOf(request.SupervisorPractitionerId) is { } supervisor) query = query.Where(p => p.SupervisorId == supervisor);
        if (PageToken.Read(request.PageToken) is var (name, lastId))
        {
            query = query.Where(p => string.Compare(p.DisplayName, name) > 0 || (p.DisplayName == name && p.Id.CompareTo(lastId) > 0));
        }

        var page = await query.OrderBy(p => p.DisplayName).ThenBy(p => p.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var shown = page.Take(pageSize).ToList();
        var caseloads = await practitioners.CaseloadsAsync([.. shown.Select(p => p.Id)], context.CancellationToken);
        var response = new ListPractitionersResponse
        {
            NextPageToken = page.Count > pageSize ? PageToken.Create(shown[^1].DisplayName, shown[^1].Id) : "",
        };
        response.Practitioners.AddRange(shown.Select(p => p.ToProto(caseloads.GetValueOrDefault(p.Id))));
        return response;
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<SetWeeklyAvailabilityResponse> SetWeeklyAvailability(SetWeeklyAvailabilityRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var row = await practitioners.GetAsync(IdOf(request.PractitionerId), context.CancellationToken);
        caller.EnsureCanManageAvailability(row.Id);
        var today = ClinicTimeZone.London.LocalDate(clock.GetUtcNow());
        var effective = request.EffectiveDate.Length == 0 ? today : DateOnly.ParseExact(request.EffectiveDate, "yyyy-MM-dd");
        if (effective < today)
        {
            throw DomainException.Invalid("effective_date", "must be today or later: past availability is kept as it was");
        }

        List<PatternWindow> windows = [.. request.Windows.Select(w => new PatternWindow(
            new Domain.Availability.AvailabilityWindow(w.Weekday.ToDayOfWeek(), TimeOnly.ParseExact(w.StartTime, "HH:mm"), TimeOnly.ParseExact(w.EndTime, "HH:mm")),
            new HashSet<Domain.Practitioners.DeliveryMode>(w.DeliveryModes.Select(m => m.ToDomain()!.Value))))];
        try
        {
            AvailabilityPattern.Validate(windows, row.DeliveryModes);
        }
        catch (DomainException refusal)
        {
            throw Renamed(refusal, WindowFields);
        }

        db.AvailabilityPatterns.Add(new AvailabilityPatternRow
        {
            PractitionerId = row.Id,
            EffectiveFrom = effective,
            Windows = AvailabilityPatternRow.Serialize(windows),
            SetAt = clock.GetUtcNow(),
            SetBy = caller.ToString(),
        });
        await db.SaveChangesAsync(context.CancellationToken);

        var response = new SetWeeklyAvailabilityResponse { EffectiveDate = effective.ToString("yyyy-MM-dd") };
        response.Windows.AddRange(windows.OrderBy(w => ((int)w.Window.Day + 6) % 7).ThenBy(w => w.Window.Start).Select(w => w.ToProto()));
        return response;
    }

    [RequireScope(Scopes.SchedulingManage)]
    public override async Task<AddTimeOffResponse> AddTimeOff(AddTimeOffRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var row = await practitioners.GetAsync(IdOf(request.PractitionerId), context.CancellationToken);
        caller.EnsureCanManageAvailability(row.Id);
        var period = new TimeRange(request.StartTime.ToDateTimeOffset(), request.EndTime.ToDateTimeOffset());
        var clashes = await db.Appointments
            .Where(a => a.PractitionerId == row.Id && a.Status == Domain.Booking.AppointmentStatus.Booked && a.StartsAt < period.End && a.EndsAt > period.Start)
            .OrderBy(a => a.StartsAt)
            .Select(a => a.Id)
            .ToListAsync(context.CancellationToken);
        if (clashes.Count > 0)
        {
            throw DomainException.Precondition(
                $"{clashes.Count} booked appointment(s) fall in this period; reschedule or cancel them first: {string.Join(", ", clashes)}");
        }

        var timeOff = new TimeOffRow
        {
            Id = Guid.CreateVersion7(),
            PractitionerId = row.Id,
            StartsAt = period.Start,
            EndsAt = period.End,
            AddedAt = clock.GetUtcNow(),
            AddedBy = caller.ToString(),
        };
        db.TimeOff.Add(timeOff);
        await db.SaveChangesAsync(context.CancellationToken);
        return new AddTimeOffResponse { TimeOffId = timeOff.Id.ToString() };
    }

    private async Task<int> CaseloadAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        (await practitioners.CaseloadsAsync([practitionerId], cancellationToken)).GetValueOrDefault(practitionerId);

    /// <summary>Saves a change that may make room, then gives any waiting patients their practitioner, in one transaction.</summary>
    private async Task SaveAndAllocateAsync(ServerCallContext context, string what)
    {
        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesOrExplainAsync(what, cancellationToken);
        await allocator.AllocateAsync(context.GetCaller().Actor(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
