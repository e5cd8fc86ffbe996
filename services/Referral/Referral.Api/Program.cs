using DitCloud.Referral.Api;

// Settings come from the environment as the AppHost writes them (ConnectionStrings__referraldb,
// ConnectionStrings__bus, Kestrel__Endpoints__*, Auth__*); ReferralApp.Build is also what the tests host.
var app = ReferralApp.Build(args);
app.Run();
