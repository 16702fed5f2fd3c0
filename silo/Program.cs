using ChitLaq.Api;
using ChitLaq.Grains.Accounts;
using ChitLaq.Grains.Social;
using ChitLaq.Grains.Media;
using ChitLaq.Grains.Moderation;
using ChitLaq.Silo.Media;
using ChitLaq.Silo.WebClient;
using ChitLaq.Silo.Realtime;
using ChitLaq.Silo.Mail;
using ChitLaq.Silo.Health;
using ChitLaq.Silo.Hosting;
using ChitLaq.Silo.Observability;
using ChitLaq.Silo.Persistence;
using ChitLaq.Silo.Search;
using Scalar.AspNetCore;

if (SearchRebuildCommand.Matches(args)) return await SearchRebuildCommand.RunAsync(args);

// appsettings*.json sit beside the executable; use them when started from another folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});
var node = NodeSettings.From(builder.Configuration);
builder.Services.AddSingleton<NodeExitCode>();

builder.AddChitLaqLogging();
builder.AddChitLaqDatabase(node);   // migrations run before the silo starts
builder.AddChitLaqOrleans(node);
builder.AddChitLaqDashboard();       // admin-only port, when enabled
builder.AddChitLaqTelemetry();
builder.AddChitLaqHealthChecks(node);
builder.AddChitLaqMail();
builder.Services.AddAccountGrainServices(builder.Configuration);
builder.Services.AddSocialGrainServices(builder.Configuration);
builder.Services.AddMediaGrainServices(builder.Configuration);
ChitLaq.Grains.Privacy.PrivacyServices.AddPrivacyServices(builder.Services, builder.Configuration);
builder.Services.AddSingleton<ChitLaq.Api.Privacy.IExportArchives, ChitLaq.Silo.Privacy.ExportArchives>();
// Chat images are served through signed links, keyed off the token signing key (same on every node).
builder.Services.AddSingleton(sp => new ChitLaq.Grains.Chat.ChatMediaLinks(
    ChitLaq.Api.Auth.SigningKeys.Resolve(builder.Configuration, builder.Environment), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddModerationGrainServices();
ChitLaq.Grains.Push.PushServices.AddPushServices(builder.Services, builder.Configuration);
builder.AddChitLaqSearch(node);
builder.Services.AddSingleton<IUserEvents, HubUserEvents>();
builder.Services.AddSingleton<ChitLaq.Grains.Chat.RealtimeFanout>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ChitLaq.Grains.Chat.RealtimeFanout>());
builder.Services.AddSingleton<LocalConnections>();
builder.Services.AddSingleton<NodeObserver>();
builder.Services.AddSingleton<NodeConnections>();
builder.Services.AddSingleton<ChitLaq.Api.Realtime.IConnectionTracker>(sp => sp.GetRequiredService<NodeConnections>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeConnections>());
builder.Services.AddHostedService<ResyncOnNodeLoss>();
builder.Services.AddChitLaqApi(builder.Configuration, builder.Environment);

var app = builder.Build();

app.UseChitLaqApi(app.Environment);
app.UseChitLaqWebClient();
app.MapChitLaqApi();
app.MapChitLaqHealth();
app.MapChitLaqMetrics();
app.MapMediaFiles();
app.MapChatMedia();
app.MapChitLaqDashboard();
if (app.Environment.IsDevelopment())
    app.MapScalarApiReference("/docs");

var exitCode = app.Services.GetRequiredService<NodeExitCode>();   // the container is disposed once Run returns
app.Run();
return exitCode.Value;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
