"""Documents -> ``policydoc/1`` records.

One module per pipeline step: ``reading`` (formats), ``repair`` (text repair),
``structure`` (numbering and chapters), ``agencies`` (normalisation),
``roles``, ``targets``, ``places``, ``clusters``, ``topics``, ``metadata``;
``pipeline.extract_file`` runs them all.
"""
