"""Is the article English? Scripts other than Latin name their language; Latin-script text is
told apart by its most common function words (a small table per language)."""

from __future__ import annotations

import re
import unicodedata

# Letters of a script, by the first word of their Unicode name, -> the language to report.
_SCRIPTS = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "CYRILLIC": "Russian",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "GREEK": "Greek",
    "DEVANAGARI": "Hindi",
    "THAI": "Thai",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
}
# The commonest short words of each language (none of them an English word).
FUNCTION_WORDS = {
    "English": "the and of to in is that for was with on as are by at from his her said has have it".split(),
    "German": "der die und das ist nicht mit sich des dem ein eine auch auf für sind wurde werden".split(),
    "French": "le les des est une dans pour qui sur pas avec sont aux du ce cette elle il".split(),
    "Spanish": "el los las del por una con para que es se su al como más pero fue sus".split(),
    "Italian": "il della che di per non una sono gli nel alla anche come più delle dei".split(),
    "Portuguese": "os das não uma com para que do da em um mais foi ao pelo pela".split(),
    "Dutch": "de het een van en niet zijn dat met voor op ook bij werd naar wordt".split(),
    "Swedish": "och att det som för är på med inte har av till den ett var".split(),
    "Polish": "się nie jest na że do to jak ale przez od po być było".split(),
    "Turkish": "ve bir bu için ile da de olarak çok daha gibi olan".split(),
    "Indonesian": "yang dan di itu dengan untuk dari dalam tidak akan pada ini juga".split(),
}
_TOKEN = re.compile(r"[^\W\d_]+")
_SAMPLE = 4_000  # enough words to tell a language by, and cheap
# Shares that decide: non-Latin letters over all letters; English words over all function words found.
NON_LATIN_SHARE = 0.3
ENGLISH_SHARE = 0.4
MIN_FUNCTION_WORDS = 8


_LETTER = re.compile(r"[^\W\d_]")
# Letters beyond Latin Extended-B: the only ones whose script needs a look-up.
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")
# word -> the languages it is a function word of (one look-up per token instead of one per language)
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _language, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _language)


def _script(ch: str) -> str | None:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    return name.split(" ", 1)[0]


def detect_language(text: str) -> str:
    """The article's language as a name ("English", "Chinese", "German", …); "English" when unsure."""
    sample = text[:_SAMPLE]
    others = _NON_LATIN.findall(sample)
    if others:
        letters = len(_LETTER.findall(sample))
        scripts: dict[str, int] = {}
        for ch in others:
            language = _SCRIPTS.get(_script(ch) or "")
            if language:
                scripts[language] = scripts.get(language, 0) + 1
        if scripts:
            language, count = max(scripts.items(), key=lambda kv: kv[1])
            if count / letters >= NON_LATIN_SHARE:
                if language == "Chinese" and scripts.get("Japanese", 0) > count * 0.1:
                    return "Japanese"  # Japanese writes Kanji among its kana
                return language
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for token in _TOKEN.findall(sample.lower()):
        for language in _LANGUAGES_OF.get(token, ()):
            counts[language] += 1
    total = sum(counts.values())
    if total < MIN_FUNCTION_WORDS or counts["English"] >= ENGLISH_SHARE * total:
        return "English"
    return max(counts.items(), key=lambda kv: kv[1])[0]
