using System.Globalization;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Silo.Mail;

/// <summary>The words of the email that tells a student about a moderator's decision.</summary>
public static class ModerationNotice
{
    public static (string Subject, string Text) Compose(DecisionView decision, bool appealDecided)
    {
        if (appealDecided && decision.Appeal is { } appeal)
            return appeal.Status == AppealOutcomes.Overturned
                ? ("Your ChitLaq appeal was accepted",
                    $"A moderator reviewed your appeal and overturned the decision ({What(decision)}). What it took has been given back where possible. Their reason: {appeal.Reason}")
                : ("Your ChitLaq appeal was reviewed",
                    $"A moderator reviewed your appeal and upheld the decision ({What(decision)}). Their reason: {appeal.Reason}");

        var until = decision.Until is { } end ? " until " + end.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";
        var text = decision.Action switch
        {
            DecisionActions.ContentRemoved => "A moderator removed something you wrote because it breaks the community rules.",
            DecisionActions.Warning => "A moderator has sent you a warning about your activity on ChitLaq.",
            DecisionActions.Limit => $"A moderator has limited your account{until}: you can read, but not post, reply, message or upload.",
            DecisionActions.Suspension => $"A moderator has suspended your account{until}. You can still sign in to read the decision and appeal it.",
            DecisionActions.Ban => "A moderator has banned your account. You can still sign in to read the decision and appeal it.",
            DecisionActions.Lifted => "A moderator has lifted the restriction on your account. Welcome back.",
            _ => "A moderator made a decision about your account.",
        };
        var appealNote = DecisionActions.IsAppealable(decision.Action) ? " If you think this is wrong, you can appeal within 20 days." : "";
        return ("A ChitLaq moderation decision about your account", $"{text} Reason: {decision.Reason}.{appealNote}");
    }

    private static string What(DecisionView decision) => decision.Action.Replace('_', ' ');
}
