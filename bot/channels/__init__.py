"""Chat platform adapters: console, Discord, Slack (thin layers over bot.commands)."""
