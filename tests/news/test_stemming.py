from bot import search
from bot.news import keypoints, stemming, stories


def test_stem_gives_the_snowball_english_stem() -> None:
    assert stemming.stem("refugees") == "refuge"
    assert stemming.stem("fled") == "fled"
    assert stemming.stem("running") == "run"


def test_every_module_stems_with_the_one_stemmer() -> None:
    assert search.stem is stemming.stem
    for module in (search, keypoints, stories):
        assert not hasattr(module, "snowballstemmer"), module.__name__
        assert not hasattr(module, "_STEMMER"), module.__name__
