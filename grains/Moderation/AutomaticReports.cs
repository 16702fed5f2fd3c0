using ChitLaq.Grains.Abstractions.Moderation;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Moderation;

/// <summary>
/// Opens the reports a "report" keyword rule asks for, once the matching post or message is
/// written (one report per rule and subject: an edit that still matches finds the same one). The
/// write has already been acknowledged, so a failure here is logged, never passed to the author.
/// </summary>
public sealed class AutomaticReports(IGrainFactory grains, ILogger<AutomaticReports> logger)
{
    public async Task FileAsync(RuleVerdict verdict, ReportSubject subject)
    {
        foreach (var (ruleId, phrase) in verdict.ReportingRules)
        {
            try
            {
                await grains.GetGrain<IReportGrain>(IReportGrain.IdFor("rule:" + ruleId, subject)).FileAutomatic(ruleId, phrase, subject);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Keyword rule {RuleId} matched {Kind} {Id}, but its report could not be opened", ruleId, subject.Kind, subject.Id);
            }
        }
    }
}
