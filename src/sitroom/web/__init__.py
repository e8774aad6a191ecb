"""The situation room in the browser: a Starlette app over the store, read-only.

from sitroom.web import create_app
app = create_app("sitroom.sqlite")      # pages at /, /timeline, /place/…, /api/…
"""

from sitroom.web.app import create_app

__all__ = ["create_app"]
