"""Story updates as thread replies: an update goes under the message that first showed its story.

The scheduler hands a digest by story to `post_by_story` inside its ledger delivery (claimed before,
marked sent after), so an update is posted exactly as often as its digest. A platform that can thread
(Discord threads, Slack thread_ts) implements `ThreadPoster`: `post` returns a reference to the first
message it posted and `post_reply` posts under such a reference. The store remembers, per channel, which
message showed each article; an update whose story has such a message is posted in its thread, and
everything else (and every update on a platform without threads) stays in the digest message.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from bot.replies import ChannelPoster, Delivery, Reply, post_digest
from bot.store import Store

log = logging.getLogger(__name__)

# Delivery part numbers of thread replies start here, after any digest's own message parts.
THREAD_PARTS = 1000


@runtime_checkable
class ThreadPoster(Protocol):
    """A poster that can reply in a thread under a message it posted."""

    platform: str

    async def post(self, channel_id: str, reply: Reply) -> str | None:
        """Post the reply; return a reference to its first message (a thread parent), if known."""
        ...

    async def post_reply(self, channel_id: str, parent_ref: str, reply: Reply) -> None:
        """Post the reply in the thread under the message `parent_ref` (starting the thread if needed)."""
        ...


def entry_article_ids(entry: Mapping[str, Any]) -> list[str]:
    """The articles a digest entry shows: a story's sources, or the one article."""
    story = entry.get("story")
    if isinstance(story, Mapping):
        return [str(s["article_id"]) for s in story.get("sources", [])]
    return [str(entry["article"]["id"])]


def _earlier_ids(entry: Mapping[str, Any]) -> list[str]:
    update = entry["story_update"]
    earlier = set(update.get("earlier_sources", []))
    return [str(s["article_id"]) for s in entry["story"]["sources"] if s["label"] in earlier]


async def post_by_story(
    poster: ChannelPoster, store: Store, platform: str, channel_id: str, reply: Reply, delivery: Delivery
) -> None:
    """Post a digest by story: updates under their story's message where the platform threads.

    The digest's messages are the delivery's first parts and the n-th thread reply is part
    THREAD_PARTS + n, so a retried delivery posts only what did not go out before."""
    if reply.kind != "digest" or not isinstance(poster, ThreadPoster):
        await post_digest(poster, channel_id, reply, delivery)
        return
    main: list[Mapping[str, Any]] = []
    threaded: list[tuple[Mapping[str, Any], str]] = []
    for entry in reply.data.get("briefings", []):
        parent = None
        if "story_update" in entry:
            parent = store.thread_parent(platform, channel_id, _earlier_ids(entry))
        if parent is None:
            main.append(entry)
        else:
            threaded.append((entry, parent))
    if main:
        main_reply = Reply("digest", {**reply.data, "briefings": main})
        ref = None
        if hasattr(poster, "post_digest"):  # the platform's idempotent, part-by-part path
            ref = await poster.post_digest(channel_id, main_reply, delivery)
        elif 0 not in delivery.parts_sent:
            ref = await poster.post(channel_id, main_reply)
            delivery.part_sent(0)
        if ref:
            shown = [a for entry in main for a in entry_article_ids(entry)]
            store.put_thread_parent(platform, channel_id, shown, ref)
    for part, (entry, parent) in enumerate(threaded, start=THREAD_PARTS):
        if part in delivery.parts_sent:
            continue
        await poster.post_reply(channel_id, parent, Reply("digest", {**reply.data, "briefings": [entry]}))
        delivery.part_sent(part)
        # the update's new articles belong to the same thread, so a later update goes there too
        store.put_thread_parent(platform, channel_id, entry_article_ids(entry), parent)
        log.info("story update posted in the thread of %s on %s:%s", parent, platform, channel_id)
