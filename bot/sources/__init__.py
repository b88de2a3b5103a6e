"""Where articles come from besides the folder: feeds and web pages, fetched politely and safely."""
