"""The user's Chinese summary is theirs: the project keeps it byte for byte as they gave it.

Paired quotation marks, escaping and every other change the site shows happen when the pages are
made (scripts/interview_site/), never in the file. The digest is the one of the text the user
handed over (shared/seed/interview.zh.md); a new text from the user is the only reason to change it."""

from __future__ import annotations

import hashlib

from helpers import ROOT

USERS_TEXT_SHA256 = "0aa6fe15437c3682cce9a1eec56f6b19eea4e71ac9f1c5d9695dbb208a693779"


def test_the_chinese_source_is_byte_for_byte_the_users_text():
    data = (ROOT / "source" / "interview.zh.md").read_bytes()
    assert hashlib.sha256(data).hexdigest() == USERS_TEXT_SHA256
