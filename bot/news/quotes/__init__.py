"""Direct quotes and who said them.

The quotes are found by pairing quote marks inside each paragraph (curly or straight; a paragraph that
opens a quote and never closes it continues into the next paragraph that opens with a mark). Each quote
is attributed from the clause next to it ("…,” X said", "X said: “…”", "“…” said X", "according to X",
"X told reporters …"), else it inherits the speaker of the quote it continues (a split quote, or a whole
paragraph of quotation after an attributed one). Those rules, and the people, bodies, unnamed sources and
documents written around the quote, are the candidates; the speaker is the candidate a fitted linear model
scores highest (`ranker.py`, weights in `speaker_model.json`, fitted by `benchmarks/fit_speakers.py`; the
features are in `candidates.py`, the rules that decide outright in the table of `rules.py`, the word lists
in `bot/news/lexicon/`). Speakers are parsed into a name and a role
("Russian deputy defence minister Alexander Fomin"), and surnames, titles ("Mr. Obama"), pronouns and
definite descriptions ("the senator") are resolved to the full name introduced earlier in the article.

A quote split by its attribution (“…,” he said. “…”) stays two quotes with one speaker, as in the
labelled data the scorer uses; `join_utterances` joins them for display. Scare quotes and titles in marks
(“Article 5”, three words or fewer, or a capitalised title) are not quotes. Offsets point into
`Article.text` so that `article.text[q.start:q.end] == q.text`.
"""

from .extract import extract_quotes, join_utterances
from .speakers import parse_speaker

__all__ = ["extract_quotes", "join_utterances", "parse_speaker"]
