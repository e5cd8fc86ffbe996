using DitCloud.Scheduling.V1;
using DitCloud.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using static DitCloud.Scheduling.Api.Tests.SchedulingService;

namespace DitCloud.Scheduling.Api.Tests;

/// <summary>No double-booking under concurrency: the Redis hold, and the database's exclusion constraints behind it.</summary>
public sealed class ConcurrencyTests(SchedulingBroker broker) : IClassFixture<SchedulingBroker>
{
    private const int Bookings = 50;

    [Fact]
    public async Task Fifty_concurrent_bookings_of_one_slot_make_exactly_one_booking()
    {
        await using var service = await StartAsync(broker);
        var outcomes = await RaceForOneSlotAsync(service, [service.Host]);

        AssertOneWinner(outcomes);
    }

    [Fact]
    public async Task Fifty_concurrent_bookings_of_one_slot_through_two_instances_make_exactly_one_booking()
    {
        await using var service = await StartAsync(broker);
        var second = await service.StartReplicaAsync();
        var outcomes = await RaceForOneSlotAsync(service, [service.Host, second]);

        AssertOneWinner(outcomes);
        outcomes.Select(o => o.Host).Distinct().Count().ShouldBe(2, "both instances took requests");
    }

    [Fact]
    public async Task The_database_refuses_overlapping_appointments_that_bypass_the_service()
    {
        await using var service = await StartAsync(broker);
        await service.RegisterAsync();
        var course = await service.AcceptReferralAsync();
        var booked = await service.BookAsync(course, service.Next(DayOfWeek.Monday, 10));
        await using var connection = new NpgsqlConnection(service.Database);
        await connection.OpenAsync(Cancel);

        // The same practitioner and patient, twenty minutes later, straight into the table.
        var overlapping = await Should.ThrowAsync<PostgresException>(CopyAsync(connection, booked, TimeSpan.FromMinutes(20), "Booked"));
        (overlapping.SqlState, overlapping.ConstraintName).ShouldBe((PostgresErrorCodes.ExclusionViolation, "appointments_no_practitioner_overlap"));
        (await CopyAsync(connection, booked, TimeSpan.FromMinutes(20), "Cancelled")).ShouldBe(1, "a cancelled appointment takes up no time");
        (await CopyAsync(connection, booked, TimeSpan.FromMinutes(50), "Booked")).ShouldBe(1, "back to back does not overlap");
    }

    /// <summary>
    /// Fifty courses, each asking for the same practitioner at the same time, all at once, spread over
    /// the hosts. Courses belong to two practitioners (a caseload is at most 40), so half are covered.
    /// </summary>
    private static async Task<List<(ServiceHost Host, StatusCode Status, string Detail)>> RaceForOneSlotAsync(SchedulingService service, ServiceHost[] hosts)
    {
        var target = await service.RegisterAsync(maxCaseload: 40);
        await service.RegisterAsync(maxCaseload: 40);
        var referrals = Enumerable.Range(0, Bookings).Select(_ => service.Accepted()).ToList();
        await Task.WhenAll(referrals.Select(r => service.Broker.PublishAsync(r)));
        var courses = await Task.WhenAll(referrals.Select(r => service.CourseOfReferralAsync(r.ReferralId, seconds: 90)));
        courses.ShouldAllBe(c => c.PractitionerId.Length > 0);
        var slot = Timestamp.FromDateTimeOffset(service.Next(DayOfWeek.Wednesday, 14));
        var clients = hosts.Select(h => (Host: h, Client: service.Client(AdminToken(), h))).ToArray();

        using var start = new SemaphoreSlim(0);
        var racers = courses.Select(async (course, i) =>
        {
            var (host, client) = clients[i % clients.Length];
            var request = new BookAppointmentRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                CourseId = course.CourseId,
                PractitionerId = target.PractitionerId,
                StartTime = slot,
            };
            await start.WaitAsync(Cancel);
            try
            {
                await client.BookAppointmentAsync(request, cancellationToken: Cancel);
                return (host, StatusCode.OK, "");
            }
            catch (RpcException e)
            {
                return (host, e.StatusCode, e.Status.Detail);
            }
        }).ToList();
        start.Release(Bookings);
        var outcomes = (await Task.WhenAll(racers)).ToList();

        (await service.ScalarAsync<long>("SELECT count(*) FROM appointments WHERE practitioner_id = $1 AND status <> 'Cancelled'", Guid.Parse(target.PractitionerId)))
            .ShouldBe(1);
        return outcomes;
    }

    private static void AssertOneWinner(List<(ServiceHost Host, StatusCode Status, string Detail)> outcomes)
    {
        outcomes.Count(o => o.Status == StatusCode.OK).ShouldBe(1, string.Join("\n", outcomes.Where(o => o.Status != StatusCode.OK).Select(o => $"{o.Status}: {o.Detail}").Distinct()));
        foreach (var loser in outcomes.Where(o => o.Status != StatusCode.OK))
        {
            loser.Status.ShouldBeOneOf(StatusCode.Aborted, StatusCode.AlreadyExists);
            loser.Detail.ShouldBeOneOf(
                "another booking for this practitioner at this time is being confirmed right now; find slots again",
                "the slot was taken meanwhile: the practitioner now has an overlapping appointment; find slots again",
                "the practitioner already has an appointment overlapping this time; choose another slot");
        }
    }

    private static async Task<int> CopyAsync(NpgsqlConnection connection, Appointment booked, TimeSpan later, string status)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO appointments (id, request_id, course_id, patient_reference, practitioner_id, starts_at, ends_at, delivery_mode,
                                      status, session_number, phase, booked_at, version)
            SELECT gen_random_uuid(), gen_random_uuid(), course_id, patient_reference, practitioner_id, starts_at + $2, ends_at + $2,
                   delivery_mode, $3, session_number, phase, booked_at, 0
            FROM appointments WHERE id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(booked.AppointmentId) });
        command.Parameters.Add(new NpgsqlParameter { Value = later });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        return await command.ExecuteNonQueryAsync(Cancel);
    }
}
