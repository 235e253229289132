"""Training the learned attribution tagger and writing its model card.

Apart from :mod:`ontherecord.attribute.learned` (inference), as spaCy keeps ``training`` apart from
``pipeline``: this package reads gold corpora (:mod:`ontherecord.corpus`) and torch's optimisers;
the stage that runs in a pipeline imports neither.
"""
