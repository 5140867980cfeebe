using Helsefellesskap.App.Data;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.App.Features.Email;

public static class EmailServices
{
    /// <summary>
    /// The outbox and what sends it. The transport is SMTP when <c>Email:Smtp:Host</c> is set, else .eml files in
    /// <c>mail/</c> beside the database. The worker itself is started by <see cref="AddEmailWorker"/> (the app only).
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().PostConfigure<Shared.PartnershipName>((o, partnership) =>
        {
            if (string.IsNullOrWhiteSpace(o.FromName)) o.FromName = partnership.Value;
        });
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ReminderRun>();
        services.AddSingleton<IMailTransport>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<EmailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
                ? new PickupFolderTransport(Path.Combine(provider.GetRequiredService<DatabaseLocation>().Directory, "mail"))
                : new SmtpMailTransport(options);
        });
        return services;
    }

    public static IServiceCollection AddEmailWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        return services.AddHostedService<OutboxWorker>();
    }
}
