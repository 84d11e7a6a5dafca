"""hooks/templating.py: the build's Jinja helpers give exactly what Jinja itself gives."""

from __future__ import annotations

import sys
from collections import OrderedDict

import jinja2
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import templating  # noqa: E402

CASES = [
    ("{{ d.title }}", {"title": "Peutergym"}),
    ("{{ d.items | default('geen') }}", {"items": "een sleutel die zo heet als een methode"}),
    ("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", {"a": 1, "b": 2}),
    ("{{ d.missing is defined }}", {"title": "x"}),
    ("{{ d.missing | default('leeg') }}", {}),
    ("{{ d.get('a') }} {{ d.keys() | list }}", {"a": 1}),
    ("{{ d.title }}", OrderedDict(title="een subklasse: Jinja's eigen regel")),
    ("{{ d.real }} {{ d.imag }}", 3),
    ("{{ d.a.b.c }}", {"a": {"b": {"c": "diep"}}}),
    ("{{ d['title'] }}", {"title": "met haken"}),
    ("{% macro m(x) %}{{ x.title }}{% endmacro %}{{ m(d) }}{% for e in d.list %}{{ e.n }}{{ loop.index }}{% endfor %}",
     {"title": "in een macro", "list": [{"n": 1}, {"m": 2}, 3]}),
    ("{% set x = d.a %}{{ x.b if x.b is defined else d.c.d }}", {"a": {}, "c": {"d": "anders"}}),
]


@pytest.mark.parametrize("undefined", [jinja2.Undefined, jinja2.StrictUndefined])
@pytest.mark.parametrize("source,value", CASES)
def test_prefer_keys_gives_what_jinja_gives(source, value, undefined):
    plain = jinja2.Environment(autoescape=True, undefined=undefined)
    fast = templating.prefer_keys_of_plain_dicts(jinja2.Environment(autoescape=True, undefined=undefined))
    outcomes = []
    for env in (plain, fast):
        try:
            outcomes.append(("ok", env.from_string(source).render(d=value)))
        except jinja2.UndefinedError as error:
            outcomes.append(("undefined", str(error)))
    assert outcomes[0] == outcomes[1]


def test_an_attribute_reads_its_object_once():
    env = templating.prefer_keys_of_plain_dicts(jinja2.Environment())
    calls = []
    made = lambda: calls.append(1) or {"title": "een keer"}  # noqa: E731
    assert env.from_string("{{ made().title }} {{ made().other | default('-') }}").render(made=made) == "een keer -"
    assert len(calls) == 2


def test_a_missing_key_is_strict_where_the_environment_is():
    env = templating.prefer_keys_of_plain_dicts(jinja2.Environment(undefined=jinja2.StrictUndefined))
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'titel'"):
        env.from_string("{{ d.titel }}").render(d={"title": "x"})


def test_render_once_renders_its_body_once_per_key():
    calls = []
    env = jinja2.Environment()
    env.globals.update(render_once=templating.RenderOnce(), count=lambda: calls.append(1) or len(calls))
    template = env.from_string("{% call render_once('nav', depth) %}[{{ count() }}]{% endcall %}")
    assert [template.render(depth=d) for d in (1, 1, 2, 1)] == ["[1]", "[1]", "[2]", "[1]"]
