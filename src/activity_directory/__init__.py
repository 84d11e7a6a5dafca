"""Activity directory: the domain, free of any site generator.

Folders by concern, each resting only on the ones before it (a test checks the order):

* :mod:`.content`: the format, the data files, validation and loading (bottom layer);
* :mod:`.dates`: the occurrence engine and plain-Dutch wording of dates;
* :mod:`.pages`: view models of the pages for parents;
* :mod:`.publish`: feeds, open data, search index, images, output safety;
* :mod:`.partners`: embeds, flyers, /delen/ and /nieuw.xml;
* :mod:`.editors`: make check, nieuw, verouderd, import, the CMS and the editor guide.

MkDocs only meets them through ``hooks/``. Each folder's README says what belongs there.
"""

LAYERS = ("content", "dates", "pages", "publish", "partners", "editors")
