"""Reading articles: bytes -> text (encodings, HTML by content) -> layout -> Article.

`bot.news.articles` keeps the public entry points (decode_article, parse_article, read_article, …);
`bot.news.html.read_html` reads web pages."""
