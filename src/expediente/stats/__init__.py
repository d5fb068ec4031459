"""Statistics from the records: indicator definitions and formulas (``indicators/``, pure),
the same figures in SQL (``sql/``), disclosure control (``disclosure.py``), the public
dashboard (``views.py``), CSV / SDMX-CSV downloads and the Parquet extract, and the ICCS
classification as reference data (``iccs.py``). See docs/statistics.md."""
