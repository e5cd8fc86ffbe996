using DitCloud.Formulation.Api.Grpc.Validators;
using DitCloud.Formulation.Api.Records;
using DitCloud.Formulation.Api.Watch;
using DitCloud.Formulation.V1;
using DitCloud.ServiceDefaults.Grpc;
using DitCloud.ServiceDefaults.Redis;
using DitCloud.ServiceDefaults;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DitCloud.Formulation.Api;

public static class FormulationServiceExtensions
{
    /// <summary>The service's own parts: settings, Redis, the records door, the change feed and the request rules.</summary>
    public static IHostApplicationBuilder AddFormulationServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<FormulationOptions>(FormulationOptions.Section);
        builder.AddRedisConnection("cache");

        builder.Services.AddScoped<ClinicalRecords>();
        builder.Services.AddSingleton<FormulationChangeFeed>();
        builder.Services.AddSingleton<IInterceptor, FeedSaveInterceptor>();
        builder.Services.AddSingleton<IInterceptor, FeedTransactionInterceptor>();

        builder.Services.AddRequestValidator<GetInterpersonalInventoryRequest, GetInterpersonalInventoryValidator>();
        builder.Services.AddRequestValidator<AddInventoryRelationshipRequest, AddInventoryRelationshipValidator>();
        builder.Services.AddRequestValidator<UpdateInventoryRelationshipRequest, UpdateInventoryRelationshipValidator>();
        builder.Services.AddRequestValidator<ListInventoryRelationshipRevisionsRequest, ListInventoryRelationshipRevisionsValidator>();
        builder.Services.AddRequestValidator<SaveIpafDraftRequest, SaveIpafDraftValidator>();
        builder.Services.AddRequestValidator<GetIpafRequest, GetIpafValidator>();
        builder.Services.AddRequestValidator<ListIpafVersionsRequest, ListIpafVersionsValidator>();
        builder.Services.AddRequestValidator<ShareIpafRequest, ShareIpafValidator>();
        builder.Services.AddRequestValidator<AgreeIpafRequest, AgreeIpafValidator>();
        builder.Services.AddRequestValidator<ReviseIpafRequest, ReviseIpafValidator>();
        builder.Services.AddRequestValidator<WriteSessionNoteRequest, WriteSessionNoteValidator>();
        builder.Services.AddRequestValidator<GetSessionNoteRequest, GetSessionNoteValidator>();
        builder.Services.AddRequestValidator<ListSessionNotesRequest, ListSessionNotesValidator>();
        builder.Services.AddRequestValidator<SignSessionNoteRequest, SignSessionNoteValidator>();
        builder.Services.AddRequestValidator<AddSessionNoteAddendumRequest, AddSessionNoteAddendumValidator>();
        builder.Services.AddRequestValidator<SaveGoodbyeLetterDraftRequest, SaveGoodbyeLetterDraftValidator>();
        builder.Services.AddRequestValidator<GetGoodbyeLetterRequest, GetGoodbyeLetterValidator>();
        builder.Services.AddRequestValidator<IssueGoodbyeLetterRequest, IssueGoodbyeLetterValidator>();
        builder.Services.AddRequestValidator<WatchFormulationRequest, WatchFormulationValidator>();
        return builder;
    }
}
