"""The site's menu: the titles of ``nav`` in mkdocs.yml, marked for the catalogue.

The menu of another language translates each of these titles (``hooks/languages.py``);
``tests/test_page_languages.py`` checks this list against mkdocs.yml, so a new menu item cannot
be left out of the catalogue.
"""

from __future__ import annotations

from activity_directory.content.translations import N_

MENU_TITLES = (N_("Alle activiteiten"), N_("Deze week"), N_("Stadsdelen"), N_("Leeftijd"), N_("Soorten"),
               N_("Organisaties"), N_("In je agenda"), N_("Op je eigen website"))
