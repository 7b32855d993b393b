"""core.text.fold_parts: a record's search key from its parts, each distinct part folded
once when the caller keeps a memo (an import of 100,000 tasks, issue 12), always the key
fold gives on the parts joined by a space."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.text import fold, fold_parts

_vietnamese = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂĐÊÔƠƯ")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\t", "\n"]
    ),
    max_size=40,
)
# Parts that fold through different paths: plain Vietnamese, other scripts and marks, the
# combining grapheme joiner (U+034F: in the marks' block yet not combining), marks at a
# part's start or end, non-ASCII spaces, letters whose case folding is longer (ß, ǰ).
_part = (_vietnamese | st.text(max_size=12) | st.text(
    alphabet=st.sampled_from(list("aĐđeÊ ß\u01f0\u00a0\u2003\u034f\u0301\u0323\u0483字—ǹ")), max_size=12)
    | st.none())


@given(st.lists(st.lists(_part, max_size=4), min_size=1, max_size=6))
def test_fold_parts_is_the_fold_of_the_joined_parts(records):
    """fold_parts, with or without a memo shared by many records (the import's), gives what
    fold gives on the parts joined by a space."""
    memo: dict = {}
    for parts in records * 2:  # every part met again: from the memo the second time
        expected = fold(" ".join(filter(None, parts)))
        assert fold_parts(parts) == expected
        assert fold_parts(parts, memo) == expected


def test_fold_parts_folds_each_distinct_plain_part_once():
    memo: dict = {}
    assert fold_parts(["Tổ chức  Hội nghị ", None, "Kế hoạch", ""], memo) == "to chuc hoi nghi ke hoach"
    assert memo == {"Tổ chức  Hội nghị ": "to chuc hoi nghi", "Kế hoạch": "ke hoach"}
    memo["Kế hoạch"] = "from the memo"
    assert fold_parts(["Kế hoạch", "Tổ chức  Hội nghị "], memo) == "from the memo to chuc hoi nghi"
    # a part that is not plain Vietnamese: the record folded whole, as fold does
    assert fold_parts(["Kế hoạch", "字\u034f"], memo) == fold("Kế hoạch 字\u034f") == "ke hoach 字\u034f"
    assert memo["字\u034f"] is None
