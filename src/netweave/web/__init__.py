"""The web app (``netweave serve``): server-rendered pages and a JSON API over the services."""
