"""The examples in the package's docstrings run and give what they show."""
import doctest
import importlib
import pkgutil

import pytest

import course

MODULES = sorted(m.name for m in pkgutil.walk_packages(course.__path__, "course.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, language):
    language("zh")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
