using Helsefellesskap.App.Features.Access;
using Helsefellesskap.App.Features.Audit;
using Helsefellesskap.App.Features.Administration;
using Helsefellesskap.App.Features.Bodies;
using Helsefellesskap.App.Features.Cases;
using Helsefellesskap.App.Features.Cases.Attachments;
using Helsefellesskap.App.Features.Email;
using Helsefellesskap.App.Features.Meetings;
using Helsefellesskap.App.Shared.Markdown;
using Helsefellesskap.App.Shared.Store;

namespace Helsefellesskap.App.Features;

public static class FeatureServices
{
    private static IServiceCollection TryAddProviders(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services,
            new ExternalSignIn.OidcProviders([]));
        // One server unless the database's setup has linked it with others (PostgreSQL).
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Data.IServerLink, Data.SingleServerLink>(services);
        return services;
    }

    /// <summary>Each feature's queries and commands: concrete classes, one DbContext per operation.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services) => services
        .AddSingleton<MarkdownRenderer>()
        .AddSingleton<Shared.PartnershipName>()
        .AddSingleton<Components.Account.SessionSignals>()
        .AddSingleton(Components.Account.SessionSignals.FromOtherServers)
        .AddScoped<Actors>()
        .AddScoped<Shared.Dialogs.Confirmation>()
        .AddScoped<AuditChain>()
        .AddScoped<BodyQueries>()
        .AddScoped<BodySettings>()
        .AddScoped<CaseQueries>()
        .AddScoped<CaseRegistration>()
        .AddScoped<CaseRegister>()
        .AddScoped<CaseWork>()
        .AddScoped<CaseAttachments>()
        .AddSingleton<CaseNotifier>()
        .AddSingleton(CaseNotifier.FromOtherServers)
        .AddScoped<MeetingQueries>()
        .AddScoped<MeetingWork>()
        .AddScoped<Meetings.Documents.MeetingDocuments>()
        .AddSingleton<Meetings.Live.MeetingNotifier>()
        .AddSingleton<Feature<Meetings.Live.MeetingRoomState>, Meetings.Live.MeetingRoomFeature>()
        .AddScoped<IEffect<Meetings.Live.MeetingRoomState>, Meetings.Live.MeetingRoomEffects>()
        .AddScoped<Store<Meetings.Live.MeetingRoomState>>()
        .AddScoped<AnnualReport.AnnualReportQueries>()
        .AddScoped<FollowUp.FollowUpQueries>()
        .AddScoped<FollowUp.FollowUpWork>()
        .AddScoped<PublicRecord.PublicRecord>()
        .AddScoped<Ratifications.RatificationQueries>()
        .AddScoped<Ratifications.RatificationWork>()
        .AddScoped<Steering.SteeringData>()
        .AddScoped<UserAdministration>()
        .AddScoped<MyWork.MyWorkQueries>()
        .AddScoped<Mailings>()
        .AddScoped<ExternalSignIn.ExternalIdentities>()
        // Program registers the configured providers first; without configuration there are none.
        .TryAddProviders()
        .AddScoped<ExternalSignIn.LocalSignIn>()
        .AddEmail();
}
