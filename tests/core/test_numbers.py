"""Vietnamese number formats."""

from desktop_app.core.numbers import format_int, format_percent, format_ratio


def test_percent_with_one_decimal_in_vietnamese_format():
    assert format_percent(1, 3) == "33,3%"
    assert format_percent(3, 4) == "75%"
    assert format_percent(2, 3) == "66,7%"
    assert format_percent(1, 8) == "12,5%"
    assert format_percent(5, 5) == "100%"
    assert format_percent(0, 7) == "0%"
    assert format_percent(1, 3, decimals=0) == "33%" == format_ratio(1, 3)
    assert format_percent(1, 0) == "" == format_ratio(1, 0)
    assert format_int(1234) == "1.234"


def test_numbers_in_the_english_locale():
    assert format_int(3408, locale="en") == "3,408"
    assert format_percent(1, 3, locale="en") == "33.3%"
    assert format_ratio(3, 4, locale="en") == "75%"
    assert format_int(3408) == "3.408"  # Vietnamese stays the default (Word documents)


def test_whole_numbers_and_ratios_are_babels_own_without_importing_it():
    """format_int and format_ratio write vi/en without Babel (nqdesk stats need not import it):
    the same text as Babel's patterns on every case, rounding half to even included."""
    import random

    from babel.numbers import format_decimal, format_percent

    rng = random.Random(12)
    numbers = list(range(-300, 300)) + [rng.randrange(-10 ** 12, 10 ** 12) for _ in range(300)]
    ratios = [(p, w) for w in range(1, 41) for p in range(0, w + 1)] + [(1, 8), (3, 8), (5, 8), (7, 40)]
    ratios += [(rng.randrange(0, 10 ** 6), rng.randrange(1, 10 ** 6)) for _ in range(400)] + [(12345, 100)]
    for locale in ("vi", "en"):
        for n in numbers:
            assert format_int(n, locale=locale) == format_decimal(n, locale=locale), (n, locale)
        for part, whole in ratios:
            expected = format_percent(part / whole, locale=locale, format="#,##0%")
            assert format_ratio(part, whole, locale=locale) == expected, (part, whole, locale)
    assert format_ratio(1, 8) == "12%" and format_ratio(3, 8) == "38%"  # half to even: 12.5 → 12, 37.5 → 38
    assert format_ratio(12345, 100) == "12.345%"
