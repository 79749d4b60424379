"""``unga-ld serve``: a read-only SPARQL endpoint and linked-data pages over output/ (``http``), its
query guard and formats (``sparql``), the long-lived query workers (``workers``) and their network
sandbox (``sandbox``), the pages (``pages``, ``charts``) and the service description.

This package module imports nothing, so that a query worker loads only the engine and the guard."""
