"""Use cases of the pages the server renders for anyone: the published stories (a
page of cards, one story), "Dit hielp me", and the stories a search engine may list.
A visitor's reads run in a SELECT-only unit of work."""

from __future__ import annotations

from peersupport.services import stories
from peersupport.services.stories import PublishedStory, StoryCard
from peersupport.services.story_findability import SharedStory, shared_stories
from peersupport.settings import server_secret
from peersupport.usecases.door import EVERYONE, Call, use_case


@use_case(EVERYONE, reads_only=True)
def published_page(
    call: Call, theme: object, language: object, cursor: object
) -> tuple[list[StoryCard], str | None]:
    """A page of published story cards, filtered, after `cursor`."""
    return stories.list_published(call.session, theme=theme, language=language, cursor=cursor)


@use_case(EVERYONE, reads_only=True)
def published_story(call: Call, story_id: object) -> PublishedStory | None:
    """One published story with its related ones; None when there is none."""
    return stories.get_published(call.session, story_id)


@use_case(EVERYONE)
def mark_helped(
    call: Call, story_id: object, key: object, helped_token: object
) -> tuple[int, bool]:
    """ "Dit hielp me" from one browser (its random key), once per story: the new count,
    and whether this one counted."""
    return stories.mark_helped(
        call.session,
        story_id,
        key,
        server_secret(call.settings),
        token=helped_token,
        now=call.now,
    )


@use_case(EVERYONE, reads_only=True)
def shared_in_search(call: Call) -> list[SharedStory]:
    """The published stories whose writers let search engines list them."""
    return shared_stories(call.session)
