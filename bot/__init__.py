"""News briefing bot: analyses news articles and posts briefings to Discord, Slack or the console."""
