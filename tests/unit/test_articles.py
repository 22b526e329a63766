"""Reading articles: encodings, HTML, manifest rows, inferred publication dates."""

from datetime import date

from kg.articles import decode, guess_language, html_to_text, infer_published, read_articles


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
    text = html_to_text(html)
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
