"""The same pipeline on a Dask cluster: extraction on workers, one writer at the end."""

from sitroom.scale.dask import extract_with_dask

__all__ = ["extract_with_dask"]
