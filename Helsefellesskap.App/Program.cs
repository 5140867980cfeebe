using Helsefellesskap.App.Features.PublicRecord;
using Helsefellesskap.App;
using Helsefellesskap.App.Components;
using Helsefellesskap.App.Components.Account;
using Helsefellesskap.App.Data;
using Helsefellesskap.App.Features;
using Helsefellesskap.App.Features.AnnualReport;
using Helsefellesskap.App.Features.Email;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Helsefellesskap.App.Shared.Localization;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    // A circuit message carries a click or a whole field's text, JSON-escaped twice (the event's arguments travel as
    // a JSON string inside the hub message). The longest field (Plausible.LongTextMaxLength, 20 000 characters) can
    // take up to ~7 bytes a character that way (a control character escaped as \\u0001), about 140 KB; a message
    // above the limit is dropped and the circuit reconnects, losing the text, so the limit leaves room for the worst.
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
// Only the sign-in and sign-out forms post to HTTP endpoints; attachments stream over the circuit.
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddMudServices().AddNorwegianMudLabels();

var database = builder.Services.AddAppDatabase(builder.Configuration);
// `dotnet run --project Helsefellesskap.App -- backup <file>`: a checked copy of the database, then exit.
if (args is ["backup", var backupFile])
{
    if (database.Provider != DatabaseProvider.Sqlite)
    {
        Console.WriteLine("backup kopierer en SQLite-fil; ta kopi av PostgreSQL med pg_dump.");
        Environment.ExitCode = 2;
        return;
    }
    Console.WriteLine($"Sikkerhetskopi skrevet og kontrollert: {await DatabaseSetup.BackupAsync(database.ConnectionString, backupFile)}");
    return;
}
// `dotnet run --project Helsefellesskap.App -- verify-record [--checkpoints PATH]`: the record's check, exit 1 on a finding.
if (Helsefellesskap.App.Features.Audit.VerifyRecordCommand.Matches(args))
{
    Environment.ExitCode = await Helsefellesskap.App.Features.Audit.VerifyRecordCommand.RunAsync(args, database, builder.Configuration, Console.Out);
    return;
}
// The keys that sign cookies live in the database, under one application name: every app server on the database
// reads the same keys, so a cookie one server issued is valid on the other, and a restored backup keeps sign-ins.
DatabaseKeyRepository.AddTo(builder.Services);

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
var authentication = builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    });
authentication.AddIdentityCookies();
authentication.AddOidcProviders(builder.Configuration);
builder.Services.AddAuthorization();
builder.Services.AddAppIdentity().AddSignInManager();
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Account/Login";
    options.AccessDeniedPath = "/Account/AccessDenied";
});
builder.Services.AddAppSessions(builder.Configuration);

// MapStaticAssets serves the app's own files precompressed, but MudBlazor's fingerprinted CSS and JS (627 kB + 70 kB)
// went out uncompressed: seconds on a slow mobile line. Static CSS and JS only; pages carry secrets (BREACH).
// ResponseCompression__Enabled=false turns it off, only to measure the difference (bench/README.md).
var compress = builder.Configuration.GetValue("ResponseCompression:Enabled", true);
if (compress) builder.Services.AddResponseCompression(options =>
{
    options.EnableForHttps = true;
    options.MimeTypes = ["text/css", "text/javascript", "application/javascript"];
    options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
    options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
});
builder.Services.AddReverseProxy(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddFeatures();
// The audit chain's head leaves the database daily (and at every approval of minutes, in MeetingWork).
builder.Services.AddHostedService<Helsefellesskap.App.Data.Audit.DailyAuditCheckpoint>();
builder.Services.AddEmailWorker(builder.Configuration);

var app = builder.Build();
// `dotnet run --project Helsefellesskap.App -- recompute-status`: the register's stored status and outcome recomputed, then exit.
if (RecomputeStatusCommand.Matches(args))
{
    Environment.ExitCode = await RecomputeStatusCommand.RunAsync(app.Services, Console.Out);
    return;
}

await app.Services.MigrateAndSeedAsync();

// First, so that everything after it sees the scheme and address the browser used.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
if (compress) app.UseResponseCompression();
app.UseStatusCodePagesWithReExecute("/ikke-funnet", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapExternalSignIn();
app.MapMinutesFeed();
app.MapGet("/moter/{id:guid}/kalender.ics", async (Guid id, HttpRequest request,
        Helsefellesskap.App.Features.Meetings.Documents.MeetingDocuments documents) =>
        await documents.CalendarAsync(id, $"{request.Scheme}://{request.Host}/moter/{id}/innkalling") is { } ics
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"mote-{id:N}.ics")
            : Results.NotFound())
    .RequireAuthorization();
app.MapGet("/vedlegg/{id:guid}", async (Guid id, System.Security.Claims.ClaimsPrincipal user,
        Helsefellesskap.App.Features.Cases.Attachments.CaseAttachments attachments) =>
        user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId &&
        await attachments.OpenAsync(id, userId) is { } file
            ? Results.File(file.Content, file.ContentType, fileDownloadName: file.FileName)
            : Results.NotFound())
    .RequireAuthorization();
app.MapAnnualReportEndpoints();

app.Run();

public partial class Program;
