"""Activity directory: the domain, free of any site generator.

The modules here model activities (:mod:`.model`), validate content
(:mod:`.loading`), compute dates (:mod:`.occurrences`) and describe them in
plain Dutch (:mod:`.wording`). MkDocs only meets them through ``hooks/``.
"""
