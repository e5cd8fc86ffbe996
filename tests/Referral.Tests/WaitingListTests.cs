using DitCloud.Referral.Domain;

namespace DitCloud.Referral.Tests;

public class WaitingListTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static WaitingReferral Waiting(int id, ReferralStatus status, DateTimeOffset receivedAt) =>
        new(new Guid(id, 0, 0, new byte[8]), status, receivedAt);

    [Fact]
    public void Oldest_first_with_days_waited()
    {
        var places = WaitingList.Rank(
        [
            Waiting(1, ReferralStatus.Accepted, Now.AddDays(-3)),
            Waiting(2, ReferralStatus.Received, Now.AddDays(-40)),
            Waiting(3, ReferralStatus.Screening, Now.AddHours(-1)),
        ], Now);

        places.Select(p => (p.ReferralId.ToString()[..8], p.Position, p.DaysWaited)).ShouldBe(
        [
            ("00000002", 1, 40),
            ("00000001", 2, 3),
            ("00000003", 3, 0),
        ]);
    }

    [Theory]
    [InlineData(ReferralStatus.Declined)]
    [InlineData(ReferralStatus.Withdrawn)]
    [InlineData(ReferralStatus.Discharged)]
    public void Closed_referrals_are_not_waiting(ReferralStatus closed)
    {
        var places = WaitingList.Rank(
        [
            Waiting(1, closed, Now.AddDays(-50)),
            Waiting(2, ReferralStatus.Received, Now.AddDays(-10)),
        ], Now);

        places.ShouldHaveSingleItem().ShouldBe(new WaitingListPlace(new Guid(2, 0, 0, new byte[8]), ReferralStatus.Received, 1, 10));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(23 * 60 + 59, 0)]
    [InlineData(24 * 60, 1)]
    [InlineData(42 * 24 * 60, 42)]
    [InlineData(-5, 0)] // received "after" now: another server's clock ran ahead
    public void Days_are_whole_elapsed_days(int minutesAgo, int days) =>
        WaitingList.Rank([Waiting(1, ReferralStatus.Received, Now.AddMinutes(-minutesAgo))], Now)
            .ShouldHaveSingleItem().DaysWaited.ShouldBe(days);

    [Fact]
    public void Offsets_do_not_change_the_count()
    {
        var receivedInBst = new DateTimeOffset(2025, 5, 31, 13, 0, 0, TimeSpan.FromHours(1)); // 12:00 UTC

        WaitingList.Rank([Waiting(1, ReferralStatus.Received, receivedInBst)], Now).ShouldHaveSingleItem().DaysWaited.ShouldBe(1);
    }

    [Fact]
    public void Equal_receipt_times_are_ordered_by_id_whatever_the_input_order()
    {
        var same = Now.AddDays(-2);
        WaitingReferral[] referrals = [Waiting(3, ReferralStatus.Received, same), Waiting(1, ReferralStatus.Received, same), Waiting(2, ReferralStatus.Accepted, same)];

        var forwards = WaitingList.Rank(referrals, Now);
        var backwards = WaitingList.Rank(referrals.Reverse(), Now);

        forwards.Select(p => p.Position).ShouldBe([1, 2, 3]);
        forwards.ShouldBe(backwards);
        forwards[0].ReferralId.ShouldBe(new Guid(1, 0, 0, new byte[8]));
    }

    [Fact]
    public void An_empty_list_is_empty() => WaitingList.Rank([], Now).ShouldBeEmpty();
}

public class WaitingListMembershipTests
{
    [Theory]
    [InlineData(ReferralStatus.Received, true)]
    [InlineData(ReferralStatus.Screening, true)]
    [InlineData(ReferralStatus.Accepted, true)]
    [InlineData(ReferralStatus.Declined, false)]
    [InlineData(ReferralStatus.Withdrawn, false)]
    [InlineData(ReferralStatus.Discharged, false)]
    public void Open_referrals_wait_and_closed_ones_do_not(ReferralStatus status, bool waiting)
    {
        WaitingList.IsWaiting(status).ShouldBe(waiting);
        WaitingList.WaitingStatuses.Contains(status).ShouldBe(waiting);
    }

    [Fact]
    public void Days_waited_are_whole_periods_of_24_hours_and_never_negative()
    {
        var received = new DateTimeOffset(2025, 3, 29, 23, 30, 0, TimeSpan.Zero);

        WaitingList.DaysWaited(received, received.AddHours(23.9)).ShouldBe(0);
        WaitingList.DaysWaited(received, received.AddHours(24)).ShouldBe(1);
        WaitingList.DaysWaited(received, received.AddDays(42).AddMinutes(1)).ShouldBe(42);
        WaitingList.DaysWaited(received, received.AddMinutes(-5)).ShouldBe(0);
    }
}
