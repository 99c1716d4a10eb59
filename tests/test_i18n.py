"""Every message exists in both languages, and every key the code uses exists."""
import csv
import re
from pathlib import Path

import pytest

from course.core import errors, i18n, resources

ROOT = Path(__file__).resolve().parents[1]


def test_every_key_has_both_languages():
    missing = [(key, lang) for key, entry in i18n.catalogue().items()
               for lang in i18n.LANGUAGES if not entry[lang].strip()]
    assert missing == []


def test_placeholders_match_between_languages():
    for key, entry in i18n.catalogue().items():
        names = [set(re.findall(r"(?<!\{)\{(\w+)[^{}]*\}(?!\})", entry[lang])) for lang in i18n.LANGUAGES]
        assert names[0] == names[1], key


def test_catalogue_files_are_well_formed():
    for path in resources.data_path("messages").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == ["key", "zh", "en"], path.name
            for row in reader:
                assert None not in row, f"{path.name}: extra field near {row.get('key')}"


def test_keys_used_in_the_package_exist():
    used = set()
    for path in (ROOT / "course").rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    assert sorted(used - set(i18n.catalogue())) == []


def test_language_switch_and_bad_language(language):
    language("en")
    assert i18n.t("lang.name") == "English"
    language("zh")
    assert i18n.t("lang.name") == "中文"
    with pytest.raises(errors.CourseError):
        i18n.set_language("fr")
