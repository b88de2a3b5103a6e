from bot.errors import BotError
from bot.replies import PostError, Reply, notice


def test_notice_is_a_private_message_unless_posted() -> None:
    assert notice("Subscribed.") == Reply("notice", {"text": "Subscribed.", "level": "info"}, ephemeral=True)
    posted = notice("Feed gone", "warning", ephemeral=False)
    assert posted.data == {"text": "Feed gone", "level": "warning"} and not posted.ephemeral


def test_a_refused_post_is_one_of_the_bots_errors() -> None:
    assert issubclass(PostError, BotError)
