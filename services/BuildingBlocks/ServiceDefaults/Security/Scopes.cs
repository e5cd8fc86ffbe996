namespace DitCloud.ServiceDefaults.Security;

/// <summary>
/// Every scope a DitCloud access token can carry, in one place. Partners are registered with the ones
/// they need; a method names the one it requires (<see cref="RequireScopeAttribute"/> or
/// <see cref="CallerContextExtensions.RequireScope"/>) and the gateway checks the same table.
/// </summary>
public static class Scopes
{
    /// <summary>Submit (and resubmit) referrals.</summary>
    public const string ReferralSubmit = "referral.submit";

    /// <summary>Read referrals and their status (a partner: only its own).</summary>
    public const string ReferralRead = "referral.read";

    /// <summary>Screen, accept, decline and signpost referrals; manage the waiting list (clinicians).</summary>
    public const string ReferralManage = "referral.manage";

    public const string SchedulingRead = "scheduling.read";

    public const string SchedulingManage = "scheduling.manage";

    public const string FormulationRead = "formulation.read";

    public const string FormulationWrite = "formulation.write";

    public const string OutcomesRead = "outcomes.read";

    public const string OutcomesWrite = "outcomes.write";

    /// <summary>Every scope above, e.g. to check a partner's registration names only real scopes.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ReferralSubmit, ReferralRead, ReferralManage, SchedulingRead, SchedulingManage,
        FormulationRead, FormulationWrite, OutcomesRead, OutcomesWrite,
    };
}

/// <summary>The roles a clinician's token can carry.</summary>
public static class Roles
{
    public const string Clinician = "clinician";

    public const string Supervisor = "supervisor";

    public const string Admin = "admin";
}
