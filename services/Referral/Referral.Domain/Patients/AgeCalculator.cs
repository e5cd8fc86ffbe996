namespace DitCloud.Referral.Domain;

/// <summary>Age in completed years, as UK law counts it.</summary>
public static class AgeCalculator
{
    /// <summary>
    /// Completed years on <paramref name="today"/>. A birthday counts from its own date; someone born
    /// on 29 February has their birthday on 1 March in a common year (Family Law Reform Act 1969, s.9),
    /// which comparing (month, day) pairs gives: 28 February is before 29 February, 1 March after it.
    /// </summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly today)
    {
        var age = today.Year - dateOfBirth.Year;
        var birthdayNotYetReached = (today.Month, today.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0;
        return birthdayNotYetReached ? age - 1 : age;
    }
}
