"""Reading articles: encodings, HTML, manifest rows, inferred publication dates."""

from datetime import date

from kg.articles import decode, guess_language, infer_published, read_articles, read_html


def test_decodes_utf8_cp1252_and_latin1():
    text = "„Außenministerin“ – Größe"
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(text.encode("cp1252")) == (text, "cp1252")
    assert decode("Außen ÿ\x81".encode("latin-1"))[1] == "latin-1"


def test_weekday_pins_the_year_of_a_date_without_one():
    assert infer_published("berichtete am 26. Oktober (Sonntag), dass", today=date(2027, 1, 1)) == date(2025, 10, 26)
    assert infer_published("Am 12. September (Dienstag) reiste", today=date(2024, 1, 1)) == date(2023, 9, 12)


def test_dateline_near_the_top_wins():
    assert infer_published("Außenpolitik\n02.09.2025 06:31\nKim fährt", today=date(2026, 1, 1)) == date(2025, 9, 2)
    assert infer_published(" date 2025-09-02 Vorteilswelt", today=date(2026, 1, 1)) == date(2025, 9, 2)


def test_no_date_in_the_text_means_unknown():
    assert infer_published("Kim reist bald nach Russland.", today=date(2026, 1, 1)) is None


def test_html_keeps_visible_text_only():
    html = "<html><head><script>var x=1</script><style>p{}</style></head><body><p>Lawrow traf Choe.</p>" \
           "<p>Zweiter &amp; letzter Absatz</p></body></html>"
    text = read_html(html).text
    assert "var x" not in text and "p{}" not in text
    assert "Lawrow traf Choe." in text and "Zweiter & letzter Absatz" in text


def test_language_guess():
    assert guess_language("Der Präsident ist mit der Delegation und dem Minister auf dem Weg nach Peking") == "de"
    assert guess_language("The president is on his way to Beijing with the delegation of the minister") == "en"
    assert guess_language("12345") is None


def test_manifest_row_without_file_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Text über eine Reise nach Peking.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2024-05-01\ngone.txt,2024-01-01\n", encoding="utf-8")
    articles, problems = read_articles(tmp_path)
    assert [a.published for a in articles] == [date(2024, 5, 1)]
    assert any(p.file == "gone.txt" and not p.skipped for p in problems)


def test_html_page_gives_main_text_and_fills_metadata_the_manifest_lacks(tmp_path):
    page = """<html lang="en"><head><title>Lavrov in Pyongyang | Daily Wire</title>
    <link rel="canonical" href="https://news.example/world/lavrov-pyongyang">
    <meta property="og:site_name" content="Daily Wire">
    <meta property="article:published_time" content="2024-11-29T07:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <div id="cookies">We use cookies to improve your experience. Accept all</div>
    <article><h1>Lavrov arrives in Pyongyang</h1>
    <p>Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Friday for talks with his counterpart.</p>
    <p>It is his second visit to North Korea this year, the ministry in Moscow said.</p></article>
    <footer>Imprint | Privacy | Contact</footer></body></html>"""
    (tmp_path / "lavrov.html").write_text(page, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,title\nlavrov.html,Own title\n", encoding="utf-8")
    (article,), _ = read_articles(tmp_path)
    assert article.text.startswith("Lavrov arrives in Pyongyang\nRussian Foreign Minister Sergei Lavrov arrived")
    assert "cookies" not in article.text and "Imprint" not in article.text and "Sport" not in article.text
    assert (article.published, article.language, article.publisher) == (date(2024, 11, 29), "en", "Daily Wire")
    assert article.url == "https://news.example/world/lavrov-pyongyang"
    assert article.title == "Own title"  # the manifest wins over the page
