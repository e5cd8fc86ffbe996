using DitCloud.Messaging;
using DitCloud.Persistence;
using DitCloud.Referral.Api.Data;
using DitCloud.Referral.Api.Grpc;
using DitCloud.Referral.Api.Messaging;
using DitCloud.Referral.Api.Options;
using DitCloud.Referral.Api.Referrals;
using DitCloud.Referral.Domain;
using DitCloud.ServiceDefaults;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace DitCloud.Referral.Api;

/// <summary>The referral service, built the same way for its own process (Program.cs) and for tests hosting it.</summary>
public static class ReferralApp
{
    /// <param name="settings">Added over the usual configuration sources (tests pass connection strings and options here).</param>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGrpcDefaults();
        builder.AddCallerAuthentication();
        builder.AddReferralServices();

        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<ReferralApi>();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>The referral service's own parts: database, events, settings, use cases and request rules.</summary>
    public static IHostApplicationBuilder AddReferralServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReferralDbContext>("referraldb");
        // A failed save is an exception the caller handles: an expected race (identical submissions
        // meeting at the unique index) becomes an answer, anything else INTERNAL with an error id that
        // the gRPC defaults log once. EF's own error line would only repeat it (AddServiceDatabase
        // does the same for failed commands).
        builder.Services.ConfigureDbContext<ReferralDbContext>(options =>
            options.ConfigureWarnings(warnings => warnings.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        builder.AddMessaging<ReferralDbContext>("referral");

        builder.AddValidatedOptions<EligibilityOptions>(EligibilityOptions.Section);
        builder.AddValidatedOptions<ScreeningOptions>(ScreeningOptions.Section);
        builder.AddValidatedOptions<WatchOptions>(WatchOptions.Section);

        var services = builder.Services;
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<EligibilityOptions>>().Value.ToPolicy());
        services.AddSingleton(provider => new SubmissionValidator(provider.GetRequiredService<EligibilityPolicy>()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ScreeningOptions>>().Value.ToPolicy());
        services.AddSingleton<ReferralClock>();
        services.AddSingleton<ReferralMetrics>();
        services.AddSingleton<PatientPseudonyms>();
        services.AddSingleton<WaitingListPositions>();
        services.AddSingleton<ReferralViews>();
        services.AddSingleton<ReferralChangeFeed>();
        services.AddSingleton<ReferralChangeSignal>();
        services.AddHostedService<ReferralEventsListener>();

        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralQueries>();
        services.AddScoped<ReferralWorkflow>();
        services.AddScoped<ReferralWatch>();

        services.AddRequestValidator<V1.SubmitReferralRequest, SubmitReferralValidator>();
        services.AddRequestValidator<V1.GetReferralRequest, GetReferralValidator>();
        services.AddRequestValidator<V1.ListReferralsRequest, ListReferralsValidator>();
        services.AddRequestValidator<V1.ScreenReferralRequest, ScreenReferralValidator>();
        services.AddRequestValidator<V1.AcceptReferralRequest, AcceptReferralValidator>();
        services.AddRequestValidator<V1.DeclineReferralRequest, DeclineReferralValidator>();
        services.AddRequestValidator<V1.WithdrawReferralRequest, WithdrawReferralValidator>();
        services.AddRequestValidator<V1.WatchReferralsRequest, WatchReferralsValidator>();
        return builder;
    }
}
