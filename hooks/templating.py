"""Template helpers for every Jinja environment the build renders with (MkDocs' and our own).

* ``RenderOnce``: ``{% call render_once(key…) %}…{% endcall %}`` renders its body once per key
  and build, and repeats that HTML. The theme's navigation is the same on every activity page
  (none is in the nav, all are at the same depth) and took a fifth of an activity page's time.
* ``prefer_keys_of_plain_dicts``: ``{{ a.title }}`` on a plain dict (our view models) without
  raising an AttributeError first (see there).
"""

from __future__ import annotations

_DICT_ATTRIBUTES = frozenset(dir(dict))


class RenderOnce:
    def __init__(self) -> None:
        self.done: dict[tuple, str] = {}

    def __call__(self, *key, caller):
        try:
            return self.done[key]
        except KeyError:
            html = self.done[key] = caller()
            return html
        except TypeError:  # a key that cannot be hashed: no cache
            return caller()


def prefer_keys_of_plain_dicts(env):
    """Jinja's ``a.b`` tries ``getattr(a, "b")`` and then ``a["b"]``. For a dict the first try
    fails unless ``b`` is a dict method, and raising and catching that error was about a
    twentieth of a build's CPU time. A plain dict has exactly the attributes of ``dict``, so
    asking for the key first when the name is not one of them gives the same answer as Jinja's
    own rule (a missing key is the same Undefined). Returns ``env``."""
    general = type(env).getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return general(env, obj, attribute)

    env.getattr = getattr_
    return env
