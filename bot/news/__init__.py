"""The pure text-analysis core: articles in, briefings out. Knows nothing of chat platforms or schedulers."""
