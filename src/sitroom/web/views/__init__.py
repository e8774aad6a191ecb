"""One module a page; ``api`` holds the JSON routes and ``_common`` what pages share."""
